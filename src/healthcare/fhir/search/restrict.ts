/**
 * SMART limits on what a search may return: only some resource types, and only resources in one Patient's
 * compartment (fhir_idx_compartment, where a Patient is in its own). Applied to matches and included resources.
 */
import type { Filter } from './model.js';
import type { TypeSet } from './parameters.js';
import type { SearchRequest } from './types.js';

export type Restriction = NonNullable<SearchRequest['restrict']>;

/** The types a search may return under the restriction: [] when none. */
export function allowedTypes(types: TypeSet, restrict: Restriction | undefined): TypeSet {
  const allowed = restrict?.resourceTypes;
  if (!allowed) return types;
  if (types === 'all') return [...allowed];
  return types.filter((t) => allowed.includes(t));
}

/** The patient restriction as one more filter on the searched resources. */
export function compartmentFilter(restrict: Restriction | undefined): Filter | undefined {
  return restrict?.patientId === undefined ? undefined : { kind: 'compartment', patientId: restrict.patientId };
}
