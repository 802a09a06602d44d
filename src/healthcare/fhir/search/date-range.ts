/**
 * `date=ge2020-01-01&date=lt2020-02-01` is, in the FHIR specification's words, a date range: the two bounds are
 * matched against one and the same date of the resource (as HAPI does), which also lets one index scan answer
 * both instead of intersecting two halves of the table.
 */
import type { Filter } from './model.js';
import type { DateValue } from './values.js';

const LOWER = new Set(['gt', 'ge', 'sa']);
const UPPER = new Set(['lt', 'le', 'eb']);

type DateFilter = Extract<Filter, { kind: 'date' }>;
const single = (f: Filter): f is DateFilter => f.kind === 'date' && f.values.length === 1;

/** The filters with each lower/upper pair of single-valued filters on one date parameter made into one range. */
export function mergeDateRanges(filters: Filter[]): Filter[] {
  const out: Filter[] = [];
  const pending = new Map<string, { index: number; bound: 'lower' | 'upper' }>();
  for (const filter of filters) {
    if (!single(filter)) {
      out.push(filter);
      continue;
    }
    const value = filter.values[0]!;
    const bound = LOWER.has(value.prefix) ? 'lower' : UPPER.has(value.prefix) ? 'upper' : undefined;
    const open = bound ? pending.get(filter.def.code) : undefined;
    if (bound && open && open.bound !== bound) {
      const partner = out[open.index] as DateFilter;
      const merged: DateValue = { ...partner.values[0]!, and: value };
      out[open.index] = { ...partner, values: [merged] };
      pending.delete(filter.def.code);
      continue;
    }
    if (bound) pending.set(filter.def.code, { index: out.length, bound });
    out.push(filter);
  }
  return out;
}
