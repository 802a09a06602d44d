/**
 * Filters into SQL. Each filter is a set of (type, id) pairs read from one index table; the subject (the
 * searched resource r, a chain's target, a `_has` source) must be [not] in it. Two forms of the same test:
 * - 'in': `r.id IN (SELECT …)`, a list built once; the planner can drive the query from it (few matches);
 * - 'exists': a correlated EXISTS probing the resource's own index rows, for an ordered scan of r that stops
 *   after a page (many matches). planner.ts picks the form per filter.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Dialect } from '../../../store/store.js';
import { INDEX_VALUE_TABLES } from '../storage/index-tables.js';
import type { Filter } from './model.js';
import type { IndexedType, TypeSet } from './parameters.js';
import {
  and, dateValue, identifierValue, inList, numberValue, or, quantityValue, referenceValue, stringValue, tokenTextValue,
  tokenValue, uriValue, type Cond,
} from './sql-values.js';

export interface SqlContext {
  serviceId: string;
  dialect: Dialect;
  /** A fresh table alias (`t1`, `t2`, …) for each subquery. */
  alias(): string;
}

export interface Subject {
  types: TypeSet;
  typeRef: RawBuilder<unknown>;
  idRef: RawBuilder<unknown>;
  /** Set for the searched resources themselves, whose row carries last_updated. */
  lastUpdatedRef?: RawBuilder<unknown>;
}

export type Form = 'in' | 'exists';

/** A set of (type, id) pairs: `FROM … WHERE …` (without SELECT) and the columns holding the pair. */
export interface IdSet { from: RawBuilder<unknown>; typeCol: string; idCol: string; negate: boolean }

/** `prefix` keeps the aliases of separately built parts of one statement apart. */
export function newSqlContext(serviceId: string, dialect: Dialect, prefix = 't'): SqlContext {
  let n = 0;
  return { serviceId, dialect, alias: () => `${prefix}${++n}` };
}

export function typeCondition(column: RawBuilder<unknown>, types: TypeSet): Cond {
  return types === 'all' ? sql<SqlBool>`1 = 1` : inList(column, types);
}

/** The condition `filter` puts on `subject`, in the given form. */
export function filterCondition(ctx: SqlContext, subject: Subject, filter: Filter, form: Form = 'in'): Cond {
  if (filter.kind === 'id') {
    const cond = inList(subject.idRef, filter.ids);
    return filter.negate ? sql<SqlBool>`NOT ${cond}` : cond;
  }
  if (filter.kind === 'lastUpdated' && subject.lastUpdatedRef) {
    const at = subject.lastUpdatedRef;
    return or(filter.values.map((v) => dateValue(at, at, v)));
  }
  if (filter.kind === 'missing' && (filter.def.type === 'composite' || filter.def.type === 'special')) return sql<SqlBool>`1 = 1`;
  return member(subject, filterSet(ctx, subject, filter, form) as IdSet, form, ctx.dialect === 'postgres');
}

/** Filters that are a set of index rows (not `_id`/`_lastUpdated` on r's own columns, nor always true). */
export function isIndexSet(filter: Filter): boolean {
  if (filter.kind === 'id' || filter.kind === 'lastUpdated') return false;
  return !(filter.kind === 'missing' && (filter.def.type === 'composite' || filter.def.type === 'special'));
}

/**
 * `subject` is in the driving filter's set narrowed by `probes` (EXISTS on the set's own resource ids): the
 * other filters are tested on the driving index rows before any fhir_resources row is read, so a driving
 * set that the rest mostly rejects costs index probes only. The probes must all be index sets (isIndexSet).
 */
export function drivenMembership(ctx: SqlContext, subject: Subject, driver: Filter, probes: readonly Filter[]): Cond | undefined {
  const set = narrowedSet(ctx, subject, driver, probes);
  return set && member(subject, set, 'in', ctx.dialect === 'postgres');
}

/** The driving filter's set with `probes` tested on its rows (see drivenMembership); undefined if negated. */
export function narrowedSet(ctx: SqlContext, subject: Subject, driver: Filter, probes: readonly Filter[]): IdSet | undefined {
  const set = filterSet(ctx, subject, driver, 'in');
  if (!set || set.negate) return undefined;
  if (!probes.length) return set;
  const inner: Subject = { types: subject.types, typeRef: sql.raw(set.typeCol), idRef: sql.raw(set.idCol) };
  const narrowed = and(probes.map((p) => filterCondition(ctx, inner, p, 'exists')));
  return { ...set, from: sql`${set.from} AND ${narrowed}` };
}

/** The set a filter tests membership of; undefined for `_id` on the searched resources (a plain id list). */
export function filterSet(ctx: SqlContext, subject: Subject, filter: Filter, form: Form = 'in'): IdSet | undefined {
  const a = ctx.alias();
  const t = sql.raw(a);
  const c = (column: string) => sql.raw(`${a}.${column}`);
  // Probing by resource id, keep the planner on the (service, type, resource_id) index: SQLite without
  // statistics would otherwise prefer the longer (service, type, param, value) one and scan a whole value.
  const param = form === 'exists' && ctx.dialect === 'sqlite' ? sql.raw(`+${a}.param`) : c('param');
  const typed = typeCondition(c('resource_type'), subject.types);
  const own = (table: string, cond: Cond, negate = false): IdSet => ({
    from: sql`FROM ${sql.raw(table)} ${t} WHERE ${c('service_id')} = ${ctx.serviceId} AND ${typed} AND ${cond}`,
    typeCol: `${a}.resource_type`, idCol: `${a}.resource_id`, negate,
  });
  const indexed = (type: IndexedType, code: string, cond: Cond, negate = false) =>
    own(INDEX_VALUE_TABLES[type], and([sql<SqlBool>`${param} = ${code}`, cond]), negate);
  const anyOf = (values: Array<(alias: string) => Cond>) => or(values.map((v) => v(a)));

  switch (filter.kind) {
    case 'id': return undefined;
    case 'lastUpdated':
      return {
        from: sql`FROM fhir_resources ${t} WHERE ${c('service_id')} = ${ctx.serviceId} AND ${typed} AND ${c('deleted')} = 0 AND ${or(filter.values.map((v) => dateValue(c('last_updated'), c('last_updated'), v)))}`,
        typeCol: `${a}.resource_type`, idCol: `${a}.id`, negate: false,
      };
    case 'compartment': return own('fhir_idx_compartment', sql<SqlBool>`${c('patient_id')} = ${filter.patientId}`);
    case 'missing': {
      const type = filter.def.type as IndexedType;
      return indexed(type, filter.def.code, sql<SqlBool>`1 = 1`, filter.missing);
    }
    case 'string': return indexed('string', filter.def.code, anyOf(filter.values.map((v) => (x) => stringValue(x, filter.mode, v))));
    case 'token': return indexed('token', filter.def.code, anyOf(filter.values.map((v) => (x) => tokenValue(x, v))), filter.negate);
    case 'tokenText': return indexed('token', filter.def.code, anyOf(filter.values.map((v) => (x) => tokenTextValue(x, v))));
    case 'reference': return indexed('reference', filter.def.code, anyOf(filter.values.map((v) => (x) => referenceValue(x, v, filter.def.targets))));
    case 'identifier': return indexed('reference', filter.def.code, anyOf(filter.values.map((v) => (x) => identifierValue(x, v))));
    case 'date': return indexed('date', filter.def.code, anyOf(filter.values.map((v) => (x) => dateValue(sql.raw(`${x}.low`), sql.raw(`${x}.high`), v))));
    case 'number': return indexed('number', filter.def.code, anyOf(filter.values.map((v) => (x) => numberValue(sql.raw(`${x}.value`), v))));
    case 'quantity': return indexed('quantity', filter.def.code, anyOf(filter.values.map((v) => (x) => quantityValue(x, v))));
    case 'uri': return indexed('uri', filter.def.code, anyOf(filter.values.map((v) => (x) => uriValue(x, filter.mode, v))));
    case 'chain': {
      const target: Subject = { types: filter.targetTypes, typeRef: c('target_type'), idRef: c('target_id') };
      return own('fhir_idx_reference', and([
        sql<SqlBool>`${param} = ${filter.def.code}`,
        typeCondition(target.typeRef, filter.targetTypes),
        filterCondition(ctx, target, filter.next),
      ]));
    }
    case 'has': {
      const source: Subject = { types: [filter.sourceType], typeRef: c('resource_type'), idRef: c('resource_id') };
      return {
        from: sql`FROM fhir_idx_reference ${t} WHERE ${c('service_id')} = ${ctx.serviceId} AND ${c('resource_type')} = ${filter.sourceType} AND ${c('param')} = ${filter.refParam} AND ${typeCondition(c('target_type'), subject.types)} AND ${filterCondition(ctx, source, filter.next)}`,
        typeCol: `${a}.target_type`, idCol: `${a}.target_id`, negate: false,
      };
    }
  }
}

/** The subject is [not] in the set. With one type the pair reduces to the id (a plain IN the index serves). */
function member(subject: Subject, set: IdSet, form: Form, pg: boolean): Cond {
  const single = subject.types !== 'all' && subject.types.length === 1 ? subject.types[0] : undefined;
  if (form === 'exists') {
    // OFFSET 0 keeps PostgreSQL from turning the probe into a semi-join, which without fresh statistics it
    // may run as a nested loop that rereads the whole index per row; as a subplan it is one index lookup.
    const fence = sql.raw(pg ? ' OFFSET 0' : '');
    const exists = sql<SqlBool>`EXISTS (SELECT 1 ${set.from} AND ${sql.raw(set.typeCol)} = ${subject.typeRef} AND ${sql.raw(set.idCol)} = ${subject.idRef}${fence})`;
    return set.negate ? sql<SqlBool>`NOT ${exists}` : exists;
  }
  const op = sql.raw(set.negate ? 'NOT IN' : 'IN');
  if (single) {
    return and([
      sql<SqlBool>`${subject.typeRef} = ${single}`,
      sql<SqlBool>`${subject.idRef} ${op} (SELECT ${sql.raw(set.idCol)} ${set.from})`,
    ]);
  }
  return sql<SqlBool>`(${subject.typeRef}, ${subject.idRef}) ${op} (SELECT ${sql.raw(set.typeCol)}, ${sql.raw(set.idCol)} ${set.from})`;
}

/** How many rows of the set there are, counting no further than `cap` (to choose a plan cheaply). */
export function cappedCount(set: IdSet, cap: number): RawBuilder<{ n: number | string }> {
  return sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM (SELECT 1 AS one ${set.from} LIMIT ${cap}) capped`;
}
