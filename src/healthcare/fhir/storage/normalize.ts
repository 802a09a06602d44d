/**
 * The value normalisers shared by the indexer (write side) and search (query side), so that a stored value and
 * a query value are compared in the same form.
 */

/** A string for matching: diacritics stripped (NFD), lower-cased, whitespace collapsed and trimmed. */
export function normalizeString(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The instant range a date, dateTime or instant covers, as ISO-8601 UTC text with milliseconds. */
export interface DateRange {
  low: string;
  high: string;
}

/** The lowest and highest instants we store: open ends of a Period. */
export const MIN_INSTANT = '0001-01-01T00:00:00.000Z';
export const MAX_INSTANT = '9999-12-31T23:59:59.999Z';

const DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * The range a FHIR date/dateTime/instant value covers, by its precision: `2020` is the whole year,
 * `2020-03` the month, `2020-03-04` the day, `2020-03-04T10:00` the minute, `…:05` the second,
 * `…:05.123` the millisecond. Values without a zone are taken as UTC. Undefined when the value is not a
 * valid date.
 */
export function dateRange(value: string): DateRange | undefined {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = mo === undefined ? undefined : Number(mo);
  const day = d === undefined ? undefined : Number(d);
  if (year < 1) return undefined;
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > daysIn(year, month as number))) return undefined;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59))) return undefined;

  if (month === undefined) return utcRange(utc(year, 0, 1), utc(year + 1, 0, 1));
  if (day === undefined) return utcRange(utc(year, month - 1, 1), utc(year, month, 1));
  if (h === undefined) return utcRange(utc(year, month - 1, day), utc(year, month - 1, day + 1));

  const offsetMs = zoneOffsetMs(zone);
  if (offsetMs === undefined) return undefined;
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const start = utc(year, month - 1, day, Number(h), Number(mi), s === undefined ? 0 : Number(s), ms) - offsetMs;
  const width = s === undefined ? 60_000 : frac === undefined ? 1000 : frac.length >= 3 ? 1 : 10 ** (3 - frac.length);
  return utcRange(start, start + width);
}

/** A FHIR instant/dateTime as ISO UTC text with milliseconds (the start of its range), or undefined. */
export function toInstant(value: string): string | undefined {
  return dateRange(value)?.low;
}

function utcRange(startMs: number, endMs: number): DateRange | undefined {
  const low = iso(startMs);
  const high = iso(endMs - 1);
  if (!low || !high) return undefined;
  return { low: low < MIN_INSTANT ? MIN_INSTANT : low, high: high > MAX_INSTANT ? MAX_INSTANT : high };
}

/** Epoch milliseconds of a UTC time (Date.UTC would map years below 100 to 19xx). */
function utc(year: number, month: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

/** ISO text, clamped to 0001..9999 (toISOString gives ±YYYYYY outside it). */
function iso(ms: number): string | undefined {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return undefined;
  const year = date.getUTCFullYear();
  if (year < 1) return MIN_INSTANT;
  if (year > 9999) return MAX_INSTANT;
  return date.toISOString();
}

function zoneOffsetMs(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 14 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes) * 60_000;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
