/**
 * search: `GET [type]?…`, `POST [type]/_search` (form body, plus any query), and the system-level
 * `GET [base]?_type=…`. The Bundle itself is fhir/search's; here the request is put together and authorized.
 */
import { searchBundle } from '../search/index.js';
import type { SearchRequest } from '../search/types.js';
import { FORMAT_PARAMS, preferences } from './content.js';
import type { FhirCall, FhirResponse } from './types.js';

/** Search one type, or every type when `type` is undefined. */
export async function search(call: FhirCall, type: string | undefined, params: Array<[string, string]>): Promise<FhirResponse> {
  call.access.require(call.principal, 'search', type ? { resourceType: type } : {});
  const request: SearchRequest = {
    params: params.filter(([name]) => !FORMAT_PARAMS.has(name)),
    selfUrl: selfUrl(call, type, params),
  };
  if (type) request.resourceType = type;
  if (preferences(call.request).strict) request.strict = true;
  const restrict = call.access.searchRestriction(call.principal);
  if (restrict) request.restrict = restrict;
  return { status: 200, body: await searchBundle(call.repo, request) };
}

/** `POST [type]/_search`: the query's parameters, then the form body's (the route plugin parses forms into pairs). */
export function postedParams(call: FhirCall): Array<[string, string]> {
  const body = call.request.body;
  return isPairs(body) ? [...call.request.query, ...body] : call.request.query;
}

function isPairs(v: unknown): v is Array<[string, string]> {
  return Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string');
}

function selfUrl(call: FhirCall, type: string | undefined, params: Array<[string, string]>): string {
  const base = type ? `${call.service.url}/${type}` : call.service.url;
  const query = new URLSearchParams(params.filter(([name]) => !FORMAT_PARAMS.has(name))).toString();
  return query ? `${base}?${query}` : base;
}
