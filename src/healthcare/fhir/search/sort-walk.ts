/**
 * The sort-driven plan: a search of one type sorted by one indexed parameter (`_sort=-date`, `_sort=birthdate`)
 * walks that parameter's index in sort order and stops after a page of matches, instead of computing every
 * match's sort key and sorting them all.
 *
 * FHIR sorts a resource with several values by its lowest value ascending and its highest descending (for a
 * date range: the lowest `low`, the highest `high`); that is the term's own expression (sort.ts). Walking the
 * index, a resource shows up once per value: only the row holding its sort value counts (`w.v = key`), so a
 * resource is placed exactly where the general plan places it and cursors of either plan fit the other.
 *
 * The walk reads a bounded window of index rows after the cursor, growing it while the filters reject too
 * many; if that finds no full page (sparse matches, the end of the index, or resources lacking the value,
 * which sort last), the caller falls back to the general plan.
 */
import { sql, type SqlBool } from 'kysely';
import type { FhirRepository } from '../repository.js';
import type { Cursor } from './cursor.js';
import { afterPosition, type OrderTerm } from './sort.js';
import type { Cond } from './sql-values.js';

/** The walk gives up (and the general plan runs) once a window of this many index rows finds no full page. */
export const WALK_LIMIT = 4096;
const GROWTH = 8;

/**
 * Up to limit + 1 rows (`resource_type`, `id`, `s0`, `s1`) of `type` after the cursor that pass `match` (a
 * condition over fhir_resources `r`), in the order of `terms`; undefined when this plan does not apply or
 * found no full page.
 */
export async function walkSortIndex(
  repo: FhirRepository, type: string, match: Cond, terms: readonly OrderTerm[], limit: number, cursor?: Cursor,
): Promise<Array<Record<string, unknown>> | undefined> {
  const [key, tie] = terms;
  // One indexed key then the id: the shape orderTerms gives one `_sort` key over one type.
  if (terms.length !== 2 || !key?.walk || !tie || tie.nullable) return undefined;
  // Past the last valued resource (a null key): only the general plan sees resources lacking the value.
  if (cursor && (cursor.values[0] ?? null) === null) return undefined;
  const { table, column, param } = key.walk;
  const serviceId = repo.scope.serviceId;
  const dir = (descending: boolean) => sql.raw(descending ? 'DESC' : 'ASC');
  const walked: OrderTerm[] = [
    { expr: sql.raw(`s.${column}`), descending: key.descending, nullable: false, nullsLast: true },
    { expr: sql.raw('s.resource_id'), descending: tie.descending, nullable: false, nullsLast: true },
  ];
  const after = cursor ? afterPosition(walked, cursor.values) : sql<SqlBool>`1 = 1`;

  // CROSS JOIN fixes the loop order in SQLite (the window outside); otherwise it may scan r and look up w.
  for (let window = Math.min(4 * (limit + 1), WALK_LIMIT); ; window = Math.min(window * GROWTH, WALK_LIMIT)) {
    const rows = (await sql<Record<string, unknown>>`
      SELECT DISTINCT r.resource_type, r.id, w.v AS s0, r.id AS s1
      FROM (
        SELECT s.resource_id, s.${sql.raw(column)} AS v FROM ${sql.raw(table)} s
        WHERE s.service_id = ${serviceId} AND s.resource_type = ${type} AND s.param = ${param} AND ${after}
        ORDER BY s.${sql.raw(column)} ${dir(key.descending)}, s.resource_id ${dir(tie.descending)}
        LIMIT ${window}
      ) w
      CROSS JOIN fhir_resources r
      WHERE r.service_id = ${serviceId} AND r.resource_type = ${type} AND r.id = w.resource_id AND ${match} AND w.v = ${key.expr}
      ORDER BY s0 ${dir(key.descending)}, s1 ${dir(tie.descending)}
      LIMIT ${limit + 1}`.execute(repo.db)).rows;
    if (rows.length > limit) return rows;
    if (window >= WALK_LIMIT) return undefined;
  }
}
