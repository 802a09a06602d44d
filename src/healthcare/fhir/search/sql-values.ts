/**
 * The SQL condition one search value puts on one index row (columns of `alias`), per parameter type, with the
 * comparison semantics of FHIR search (prefixes over ranges, implicit precision, starts-with strings).
 * Every value is a bound parameter; only generated aliases are raw.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DateValue, NumberValue, QuantityValue, ReferenceValue, TokenValue } from './values.js';

export type Cond = RawBuilder<SqlBool>;

const TRUE: Cond = sql<SqlBool>`1 = 1`;
const col = (alias: string, name: string) => sql.raw(`${alias}.${name}`);
/** Above every character we store: the upper bound of a prefix range. */
const TOP = '\uffff';

export function and(conds: Cond[]): Cond {
  return conds.length ? sql<SqlBool>`(${sql.join(conds, sql` AND `)})` : TRUE;
}
export function or(conds: Cond[]): Cond {
  return conds.length ? sql<SqlBool>`(${sql.join(conds, sql` OR `)})` : sql<SqlBool>`1 = 0`;
}
export function not(cond: Cond): Cond {
  return sql<SqlBool>`NOT ${cond}`;
}

/** `column` starts with `prefix` (a range, so the index serves it and `%`/`_` stay literal). */
export function startsWith(column: RawBuilder<unknown>, prefix: string): Cond {
  return sql<SqlBool>`(${column} >= ${prefix} AND ${column} < ${prefix + TOP})`;
}

function likeContains(column: RawBuilder<unknown>, text: string): Cond {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<SqlBool>`${column} LIKE ${`%${escaped}%`} ESCAPE '\\'`;
}

export function stringValue(alias: string, mode: 'start' | 'exact' | 'contains', value: string): Cond {
  if (mode === 'exact') return sql<SqlBool>`${col(alias, 'exact')} = ${value}`;
  if (mode === 'contains') return likeContains(col(alias, 'value'), value);
  return startsWith(col(alias, 'value'), value);
}

/** Token semantics over a (system, code) column pair: `code`, `|code`, `system|code`, `system|`. */
export function tokenValue(alias: string, value: TokenValue, systemCol = 'system', codeCol = 'code'): Cond {
  const conds: Cond[] = [];
  if (value.code !== undefined) conds.push(sql<SqlBool>`${col(alias, codeCol)} = ${value.code}`);
  if (value.system !== undefined) conds.push(sql<SqlBool>`${col(alias, systemCol)} = ${value.system}`);
  return and(conds);
}

/** `:text`: the display/text starts with the value, or has a word that does. */
export function tokenTextValue(alias: string, value: string): Cond {
  return or([startsWith(col(alias, 'text'), value), likeContains(col(alias, 'text'), ` ${value}`)]);
}

export function referenceValue(alias: string, value: ReferenceValue, targets: readonly string[]): Cond {
  if (value.url !== undefined) {
    // A canonical without `|version` matches every version of it.
    return or([sql<SqlBool>`${col(alias, 'url')} = ${value.url}`, startsWith(col(alias, 'url'), `${value.url}|`)]);
  }
  const id = sql<SqlBool>`${col(alias, 'target_id')} = ${value.id ?? ''}`;
  if (value.type) return and([sql<SqlBool>`${col(alias, 'target_type')} = ${value.type}`, id]);
  // Naming the possible types lets the (…, target_type, target_id) index serve a bare id.
  if (targets.length && targets.length <= 32) return and([inList(col(alias, 'target_type'), targets), id]);
  return id;
}

export function uriValue(alias: string, mode: 'exact' | 'below' | 'above', value: string): Cond {
  const column = col(alias, 'value');
  if (mode === 'below') return startsWith(column, value);
  if (mode === 'above') return sql<SqlBool>`substr(${value}, 1, length(${column})) = ${column}`;
  return sql<SqlBool>`${column} = ${value}`;
}

/** A date value against a stored range [low, high] (the index row's, or a point such as last_updated). */
export function dateValue(low: RawBuilder<unknown>, high: RawBuilder<unknown>, v: DateValue, now = Date.now()): Cond {
  if (v.and) return and([dateBound(low, high, v, now), dateValue(low, high, v.and, now)]);
  return dateBound(low, high, v, now);
}

function dateBound(low: RawBuilder<unknown>, high: RawBuilder<unknown>, v: DateValue, now: number): Cond {
  // `low <= v.high` follows from the rest; it bounds the range scan of the (…, low, high) index.
  const within = sql<SqlBool>`(${low} >= ${v.low} AND ${low} <= ${v.high} AND ${high} <= ${v.high})`;
  switch (v.prefix) {
    case 'eq': return within;
    case 'ne': return not(within);
    case 'gt': return sql<SqlBool>`${high} > ${v.high}`;
    case 'lt': return sql<SqlBool>`${low} < ${v.low}`;
    // ge: above the value, or within it. Since low <= high, both imply high >= v.low, which bounds a scan.
    case 'ge': return and([sql<SqlBool>`${high} >= ${v.low}`, or([sql<SqlBool>`${high} > ${v.high}`, sql<SqlBool>`${low} >= ${v.low}`])]);
    // le: below the value, or within it; both imply low <= v.high.
    case 'le': return and([sql<SqlBool>`${low} <= ${v.high}`, or([sql<SqlBool>`${low} < ${v.low}`, sql<SqlBool>`${high} <= ${v.high}`])]);
    case 'sa': return sql<SqlBool>`${low} > ${v.high}`;
    case 'eb': return sql<SqlBool>`${high} < ${v.low}`;
    case 'ap': {
      // Approximately: the value widened by a tenth of its distance from now (at least a day).
      const gap = Math.max(Math.abs(now - Date.parse(v.low)) / 10, 86_400_000);
      const from = widen(v.low, -gap);
      const to = widen(v.high, gap);
      return sql<SqlBool>`(${low} <= ${to} AND ${high} >= ${from})`;
    }
  }
}

function widen(instant: string, ms: number): string {
  const t = Date.parse(instant) + ms;
  if (t < Date.parse('0001-01-01T00:00:00.000Z')) return '0001-01-01T00:00:00.000Z';
  if (t > Date.parse('9999-12-31T23:59:59.999Z')) return '9999-12-31T23:59:59.999Z';
  return new Date(t).toISOString();
}

export function numberValue(column: RawBuilder<unknown>, v: NumberValue): Cond {
  switch (v.prefix) {
    case 'eq': return sql<SqlBool>`(${column} >= ${v.low} AND ${column} < ${v.high})`;
    case 'ne': return sql<SqlBool>`(${column} < ${v.low} OR ${column} >= ${v.high})`;
    case 'gt': case 'sa': return sql<SqlBool>`${column} > ${v.value}`;
    case 'lt': case 'eb': return sql<SqlBool>`${column} < ${v.value}`;
    case 'ge': return sql<SqlBool>`${column} >= ${v.value}`;
    case 'le': return sql<SqlBool>`${column} <= ${v.value}`;
    case 'ap': {
      const d = Math.abs(v.value) / 10;
      return sql<SqlBool>`(${column} >= ${v.value - d} AND ${column} <= ${v.value + d})`;
    }
  }
}

/** `number|system|code`; with no system the code may match the code or the unit as written. */
export function quantityValue(alias: string, v: QuantityValue): Cond {
  const conds = [numberValue(col(alias, 'value'), v)];
  if (v.system !== undefined) conds.push(sql<SqlBool>`${col(alias, 'system')} = ${v.system}`);
  if (v.code !== undefined) {
    conds.push(v.system !== undefined
      ? sql<SqlBool>`${col(alias, 'code')} = ${v.code}`
      : or([sql<SqlBool>`${col(alias, 'code')} = ${v.code}`, sql<SqlBool>`${col(alias, 'unit')} = ${v.code}`]));
  }
  return and(conds);
}

export function inList(column: RawBuilder<unknown>, values: readonly string[]): Cond {
  if (values.length === 0) return sql<SqlBool>`1 = 0`;
  if (values.length === 1) return sql<SqlBool>`${column} = ${values[0]}`;
  return sql<SqlBool>`${column} IN (${sql.join(values)})`;
}

/** `:identifier`: the reference's Identifier, with token semantics. */
export function identifierValue(alias: string, value: TokenValue): Cond {
  return tokenValue(alias, value, 'identifier_system', 'identifier_value');
}
