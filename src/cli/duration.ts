/** Durations on the command line: `30d`, `12h`, `2w`, or a bare number of days (`30`). */
import { InvalidArgumentError } from 'commander';

const HOUR = 60 * 60 * 1000;
const UNITS: Record<string, number> = { h: HOUR, d: 24 * HOUR, w: 7 * 24 * HOUR };

/** Milliseconds in `text`; a usage error (exit 2) for anything else. */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([hdw]?)\s*$/i.exec(text);
  if (!match) {
    throw new InvalidArgumentError(`'${text}' is not a duration; use a number of hours, days or weeks such as 12h, 30d or 2w, or a number of days.`);
  }
  return Math.round(Number(match[1]) * UNITS[(match[2] || 'd').toLowerCase()]!);
}

/** How a duration reads back in messages: `30 days`, `12 hours`. */
export function describeDuration(ms: number): string {
  if (ms % UNITS.d! === 0) return plural(ms / UNITS.d!, 'day');
  return plural(Math.round((ms / HOUR) * 100) / 100, 'hour');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
