/**
 * Which form each top-level filter takes (sql-filters.ts). Counting each filter's matches up to a cap costs
 * a fraction of a millisecond on the index; then:
 * - some filter matches fewer than DRIVE_LIMIT rows: it drives (IN list: its rows are looked up and sorted),
 *   the others are probed per row (EXISTS);
 * - every filter matches many rows: r is scanned in sort order and each row probed, stopping after a page;
 *   sorted by one indexed parameter, that parameter's index is walked in order instead (sort-walk.ts).
 * Neither database's planner can make that choice alone: it is decided by the values searched for.
 */
import type { FhirRepository } from '../repository.js';
import type { Filter } from './model.js';
import { cappedCount, filterSet, newSqlContext, type Form, type Subject } from './sql-filters.js';

export const DRIVE_LIMIT = 1000;

export interface FilterPlan {
  forms: Form[];
  /** The filter with the fewest matches, when one can be counted (it drives a count). */
  smallest?: number;
  /** That filter's match count (capped at DRIVE_LIMIT). */
  smallestCount?: number;
}

export async function chooseForms(repo: FhirRepository, subject: Subject, filters: readonly Filter[]): Promise<FilterPlan> {
  const forms: Form[] = filters.map(() => 'exists');
  // An _id list is the best driver there is: a primary-key lookup per id.
  const byId = filters.findIndex((f) => f.kind === 'id' && !f.negate);
  if (byId >= 0) {
    forms[byId] = 'in';
    return { forms, smallest: byId };
  }
  let smallest: number | undefined;
  let smallestCount = Infinity;
  for (const [i, filter] of filters.entries()) {
    if (filter.kind === 'lastUpdated' || filter.kind === 'id') continue;
    const ctx = newSqlContext(repo.scope.serviceId, repo.dialect);
    const set = filterSet(ctx, subject, filter);
    if (!set || set.negate) continue;
    const { rows } = await cappedCount(set, DRIVE_LIMIT).execute(repo.db);
    const n = Number(rows[0]?.n ?? 0);
    if (n < smallestCount) {
      smallest = i;
      smallestCount = n;
    }
    if (n === 0) break;
  }
  if (smallest !== undefined && smallestCount < DRIVE_LIMIT) forms[smallest] = 'in';
  return smallest === undefined ? { forms } : { forms, smallest, smallestCount };
}
