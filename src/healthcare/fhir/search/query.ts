/**
 * The search query itself: the current, non-deleted fhir_resources rows of the service that pass every filter
 * and the restriction, in sort order, one page at a time after (or before) a cursor, and their count.
 * Only keys are selected here; the page's content is read afterwards (load.ts), so sorting never drags JSON.
 */
import { sql, type SqlBool } from 'kysely';
import type { FhirRepository } from '../repository.js';
import type { Cursor, KeyValue } from './cursor.js';
import type { Filter, ParsedSearch } from './model.js';
import type { TypeSet } from './parameters.js';
import { chooseForms } from './planner.js';
import { compartmentFilter, type Restriction } from './restrict.js';
import {
  drivenMembership, filterCondition, isIndexSet, narrowedSet, newSqlContext, typeCondition, type Form, type Subject,
} from './sql-filters.js';
import { and, type Cond } from './sql-values.js';
import { afterPosition, orderBy, orderTerms, reversed, type OrderTerm } from './sort.js';
import { walkSortIndex } from './sort-walk.js';

export interface MatchKey { resourceType: string; id: string }

export interface Page {
  keys: MatchKey[];
  /** Sort-key values of the first and last rows (for the previous/next cursors). */
  first?: KeyValue[];
  last?: KeyValue[];
  /** More rows beyond the page in the direction it was read. */
  hasMore: boolean;
}

export interface SearchPlan {
  parsed: ParsedSearch;
  /** The searched types after the restriction. */
  types: TypeSet;
  restrict?: Restriction;
}

/** The searched resources as a filter subject. */
function subjectOf(plan: SearchPlan): Subject {
  const r = (c: string) => sql.raw(`r.${c}`);
  return { types: plan.types, typeRef: r('resource_type'), idRef: r('id'), lastUpdatedRef: r('last_updated') };
}

/** The parameters' filters plus the restriction's. */
function filtersOf(plan: SearchPlan): Filter[] {
  const compartment = compartmentFilter(plan.restrict);
  return compartment ? [...plan.parsed.filters, compartment] : plan.parsed.filters;
}

/** The WHERE clause over `r` shared by the page and the count, each filter in its form. */
function matchCondition(repo: FhirRepository, plan: SearchPlan, filters: readonly Filter[], forms: readonly Form[]): Cond {
  const serviceId = repo.scope.serviceId;
  const ctx = newSqlContext(serviceId, repo.dialect);
  const subject = subjectOf(plan);
  const base = [sql<SqlBool>`r.service_id = ${serviceId}`, typeCondition(subject.typeRef, plan.types), sql<SqlBool>`r.deleted = 0`];
  // SQLite: the driving filter's rows are probed by the other filters before r is read (drivenMembership).
  // PostgreSQL has its own driving form (driven()).
  const d = repo.dialect === 'sqlite' ? forms.findIndex((form, k) => form === 'in' && isIndexSet(filters[k] as Filter)) : -1;
  const probes = d < 0 ? [] : filters.flatMap((f, k) => (k !== d && forms[k] === 'exists' && isIndexSet(f) ? [k] : []));
  const driven = d < 0 ? undefined : drivenMembership(ctx, subject, filters[d] as Filter, probes.map((k) => filters[k] as Filter));
  if (!driven) return and([...base, ...filters.map((f, i) => filterCondition(ctx, subject, f, forms[i]))]);
  const outside = filters.flatMap((f, k) => (k === d || probes.includes(k) ? [] : [filterCondition(ctx, subject, f, forms[k])]));
  return and([...base, driven, ...outside]);
}

export function planTerms(plan: SearchPlan): OrderTerm[] {
  return orderTerms(plan.parsed.sort, plan.types === 'all' || plan.types.length > 1);
}

/** How many rows of r in sort order a page may scan before the search drives from its smallest filter. */
export const SCAN_WINDOW = 2000;

/** One page of matching keys: `limit` rows after `cursor` (or before it, for a 'prev' cursor). */
export async function queryPage(repo: FhirRepository, plan: SearchPlan, limit: number, cursor?: Cursor): Promise<Page> {
  const backwards = cursor?.direction === 'prev';
  const terms = backwards ? reversed(planTerms(plan)) : planTerms(plan);
  const filters = filtersOf(plan);
  const choice = await chooseForms(repo, subjectOf(plan), filters);
  let rows: Array<Record<string, unknown>> | undefined;
  const single = plan.types !== 'all' && plan.types.length === 1 ? plan.types[0] : undefined;
  if (single && terms[0]?.walk && !choice.forms.includes('in')) {
    // Sorted by an indexed value with no filter narrow enough to drive: walk the sort key's index.
    const match = matchCondition(repo, plan, filters, choice.forms);
    rows = await walkSortIndex(repo, single, match, terms, limit, cursor);
    if (!rows && choice.smallest !== undefined) choice.forms[choice.smallest] = 'in';
  }
  if (!rows && filters.length && !choice.forms.includes('in') && terms.every((t) => !t.nullable)) {
    // Every filter matches many rows: walk r in order, probing, but only so far. Matches this sparse at the
    // front of the order (or none at all) are found faster from the smallest filter's rows.
    rows = await pageRows(repo, plan, filters, choice.forms, terms, limit, cursor, SCAN_WINDOW);
    if (rows.length <= limit) {
      rows = undefined;
      if (choice.smallest !== undefined) choice.forms[choice.smallest] = 'in';
    }
  }
  rows ??= await pageRows(repo, plan, filters, choice.forms, terms, limit, cursor);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();
  const values = (row: Record<string, unknown>) => terms.map((_, i) => keyValue(row[`s${i}`]));
  return {
    keys: page.map((row) => ({ resourceType: String(row.resource_type), id: String(row.id) })),
    ...(page.length ? { first: values(page[0] as Record<string, unknown>), last: values(page.at(-1) as Record<string, unknown>) } : {}),
    hasMore,
  };
}

/** Up to limit + 1 matching rows after the cursor; with `window`, among the first `window` rows of r only. */
async function pageRows(
  repo: FhirRepository, plan: SearchPlan, filters: readonly Filter[], forms: readonly Form[], terms: readonly OrderTerm[],
  limit: number, cursor: Cursor | undefined, window?: number,
): Promise<Array<Record<string, unknown>>> {
  const after = cursor ? afterPosition(terms, cursor.values) : sql<SqlBool>`1 = 1`;
  const select = sql.join(terms.map((t, i) => sql`${t.expr} AS ${sql.raw(`s${i}`)}`));
  const drive = driven(repo, plan, filters, forms);
  let source = drive.source;
  if (window !== undefined) {
    // _lastUpdated bounds are conditions on r's own columns: they narrow the window itself.
    const own = filters.filter((f) => f.kind === 'lastUpdated');
    const base = matchCondition(repo, plan, own, own.map(() => 'in'));
    source = sql`(SELECT r.service_id, r.resource_type, r.id, r.last_updated, r.deleted FROM fhir_resources r WHERE ${base} AND ${after} ORDER BY ${orderBy(terms)} LIMIT ${window}) r`;
  }
  const where = and([matchCondition(repo, plan, drive.rest, drive.restForms), after]);
  const query = sql<Record<string, unknown>>`SELECT r.resource_type, r.id, ${select} FROM ${source} WHERE ${where} ORDER BY ${orderBy(terms)} LIMIT ${limit + 1}`;
  return (await query.execute(repo.db)).rows;
}

/** How many resources match (for `_total` and `_summary=count`). */
export async function countMatches(repo: FhirRepository, plan: SearchPlan): Promise<number> {
  const filters = filtersOf(plan);
  const { forms, smallest } = await chooseForms(repo, subjectOf(plan), filters);
  // Counting reads every match anyway: drive from the smallest set whatever its size.
  if (smallest !== undefined) forms[smallest] = 'in';
  const { source, rest, restForms } = driven(repo, plan, filters, forms);
  const query = sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${source} WHERE ${matchCondition(repo, plan, rest, restForms)}`;
  const { rows } = await query.execute(repo.db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The FROM clause. SQLite drives from an 'in' filter's list by itself. PostgreSQL without fresh statistics
 * (right after a bulk load) may not, and then rereads the list per row: there the list's distinct rows are
 * joined LATERAL (fenced by OFFSET 0) to r's primary key, which fixes the order of the loop.
 */
function driven(repo: FhirRepository, plan: SearchPlan, filters: readonly Filter[], forms: readonly Form[]) {
  const i = forms.findIndex((form, k) => form === 'in' && filters[k]?.kind !== 'id');
  // The other index filters are probed on the driver's rows, before r is read (as drivenMembership on SQLite).
  const probes = i < 0 ? [] : filters.flatMap((f, k) => (k !== i && forms[k] === 'exists' && isIndexSet(f) ? [k] : []));
  const set = i < 0 || repo.dialect !== 'postgres'
    ? undefined
    : narrowedSet(newSqlContext(repo.scope.serviceId, repo.dialect, 'd'), subjectOf(plan), filters[i] as Filter, probes.map((k) => filters[k] as Filter));
  if (!set) return { source: sql`fhir_resources r`, rest: filters, restForms: forms };
  const kept = (_: unknown, k: number) => k !== i && !probes.includes(k);
  return {
    source: sql`(SELECT DISTINCT ${sql.raw(set.typeCol)} AS driver_type, ${sql.raw(set.idCol)} AS driver_id ${set.from}) d CROSS JOIN LATERAL (SELECT x.service_id, x.resource_type, x.id, x.last_updated, x.deleted FROM fhir_resources x WHERE x.service_id = ${repo.scope.serviceId} AND x.resource_type = d.driver_type AND x.id = d.driver_id OFFSET 0) r`,
    rest: filters.filter(kept),
    restForms: forms.filter(kept),
  };
}

function keyValue(v: unknown): KeyValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}
