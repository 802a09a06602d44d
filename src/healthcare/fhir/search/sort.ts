/**
 * The ORDER BY of a search and its keyset condition. `_id`/`_lastUpdated` order by fhir_resources columns (the
 * (service, type, last_updated, id) index serves the default order); other parameters by the lowest (ascending)
 * or highest (descending) indexed value of the resource, missing values last. The resource type and id end
 * every ordering so that each row has a unique position.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { INDEX_VALUE_TABLES } from '../storage/index-tables.js';
import type { KeyValue } from './cursor.js';
import type { SortKey } from './model.js';
import { and, or, type Cond } from './sql-values.js';

export interface OrderTerm {
  expr: RawBuilder<unknown>;
  descending: boolean;
  /** Only index-derived keys can be missing (NULL); they sort last. */
  nullable: boolean;
  nullsLast: boolean;
  /** Index-derived keys: the index table, column and param whose rows can be walked in this key's order. */
  walk?: { table: string; column: string; param: string };
}

/** Columns the (service, type, param, column…) index of their table leads with: walkable in order. */
const WALKABLE = new Set(['fhir_idx_string.value', 'fhir_idx_token.code', 'fhir_idx_date.low', 'fhir_idx_date.high',
  'fhir_idx_number.value', 'fhir_idx_quantity.value', 'fhir_idx_uri.value']);

const VALUE_COLUMN = { string: 'value', token: 'code', date: 'low', number: 'value', quantity: 'value', uri: 'value', reference: 'url' } as const;

/** The terms for `sort` over fhir_resources `r`; `multiType` adds the resource type before the id. */
export function orderTerms(sort: readonly SortKey[], multiType: boolean): OrderTerm[] {
  const terms: OrderTerm[] = sort.map((key) => {
    if (key.on === 'id') return fixed('r.id', key.descending);
    if (key.on === 'lastUpdated') return fixed('r.last_updated', key.descending);
    const column = key.on === 'date' && key.descending ? 'high' : VALUE_COLUMN[key.on];
    const agg = sql.raw(key.descending ? 'MAX' : 'MIN');
    const table = INDEX_VALUE_TABLES[key.on];
    const expr = sql`(SELECT ${agg}(s.${sql.raw(column)}) FROM ${sql.raw(table)} s WHERE s.service_id = r.service_id AND s.resource_type = r.resource_type AND s.resource_id = r.id AND s.param = ${key.code})`;
    const walk = WALKABLE.has(`${table}.${column}`) ? { walk: { table, column, param: key.code } } : {};
    return { expr, descending: key.descending, nullable: true, nullsLast: true, ...walk };
  });
  const last = sort.at(-1)?.descending ?? false;
  if (!sort.some((k) => k.on === 'lastUpdated' || k.on === 'id')) {
    if (sort.length === 0) terms.push(fixed('r.last_updated', false));
  }
  if (!sort.some((k) => k.on === 'id')) {
    if (multiType) terms.push(fixed('r.resource_type', last));
    terms.push(fixed('r.id', last));
  }
  return terms;
}

function fixed(column: string, descending: boolean): OrderTerm {
  return { expr: sql.raw(column), descending, nullable: false, nullsLast: true };
}

/** A description of the ordering, stored in the cursor so a token cannot be replayed against another one. */
export function orderSignature(sort: readonly SortKey[]): string {
  return sort.map((k) => `${k.descending ? '-' : ''}${k.code}`).join(',');
}

/** The same terms walked backwards (for a previous page). */
export function reversed(terms: readonly OrderTerm[]): OrderTerm[] {
  return terms.map((t) => ({ ...t, descending: !t.descending, nullsLast: !t.nullsLast }));
}

export function orderBy(terms: readonly OrderTerm[]): RawBuilder<unknown> {
  return sql.join(terms.map((t) => {
    const dir = sql.raw(t.descending ? 'DESC' : 'ASC');
    if (!t.nullable) return sql`${t.expr} ${dir}`;
    return sql`${t.expr} ${dir} ${sql.raw(t.nullsLast ? 'NULLS LAST' : 'NULLS FIRST')}`;
  }));
}

/** Rows strictly after the position `values` in the order of `terms`. */
export function afterPosition(terms: readonly OrderTerm[], values: readonly KeyValue[]): Cond {
  let cond: Cond | undefined;
  for (let i = terms.length - 1; i >= 0; i--) {
    const term = terms[i] as OrderTerm;
    const value = values[i] ?? null;
    cond = cond ? or([after(term, value), and([equal(term, value), cond])]) : after(term, value);
  }
  if (!cond) return sql<SqlBool>`1 = 1`;
  const first = terms[0];
  const v = values[0];
  // A redundant bound on the leading key lets the index range-scan instead of walking from the start.
  if (first && !first.nullable && v !== null && v !== undefined) {
    return and([sql<SqlBool>`${first.expr} ${sql.raw(first.descending ? '<=' : '>=')} ${v}`, cond]);
  }
  return cond;
}

function after(term: OrderTerm, value: KeyValue): Cond {
  if (value === null) return term.nullsLast ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${term.expr} IS NOT NULL`;
  const beyond = sql<SqlBool>`${term.expr} ${sql.raw(term.descending ? '<' : '>')} ${value}`;
  return term.nullable && term.nullsLast ? or([beyond, sql<SqlBool>`${term.expr} IS NULL`]) : beyond;
}

function equal(term: OrderTerm, value: KeyValue): Cond {
  return value === null ? sql<SqlBool>`${term.expr} IS NULL` : sql<SqlBool>`${term.expr} = ${value}`;
}
