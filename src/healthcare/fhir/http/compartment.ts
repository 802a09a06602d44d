/**
 * Patient compartment search: `GET Patient/[id]/[type]?…` (or `/*` for every type) is a search limited to the
 * resources in that patient's compartment, as the compartment index records it.
 */
import { FhirError } from '../outcome.js';
import { searchBundle } from '../search/index.js';
import type { SearchRequest } from '../search/types.js';
import { FORMAT_PARAMS, preferences } from './content.js';
import type { FhirCall, FhirResponse } from './types.js';

export async function compartmentSearch(call: FhirCall, patientId: string, type: string | undefined): Promise<FhirResponse> {
  call.access.require(call.principal, 'search', type ? { resourceType: type } : {});
  const restrict = call.access.searchRestriction(call.principal);
  // A caller confined to one patient's compartment cannot look into another's.
  if (restrict?.patientId !== undefined && restrict.patientId !== patientId) throw new FhirError(403, 'forbidden', 'Authorization failed.');
  const params = call.request.query.filter(([name]) => !FORMAT_PARAMS.has(name));
  const query = new URLSearchParams(params).toString();
  const request: SearchRequest = {
    params,
    selfUrl: `${call.service.url}/Patient/${patientId}/${type ?? '*'}${query ? `?${query}` : ''}`,
    restrict: { ...restrict, patientId },
  };
  if (type) request.resourceType = type;
  if (preferences(call.request).strict) request.strict = true;
  return { status: 200, body: await searchBundle(call.repo, request) };
}
