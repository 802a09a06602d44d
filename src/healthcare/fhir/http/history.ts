/**
 * history at three levels: `[type]/[id]/_history`, `[type]/_history`, `_history`. Newest first, paged with
 * `_count` and an offset; the first page's time bound rides in the links so later writes do not shift pages.
 */
import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import { dateRange } from '../storage/normalize.js';
import { badRequest, FhirError } from '../outcome.js';
import type { HistoryQuery, ResourceVersion } from '../repository.js';
import type { FhirCall, FhirResponse } from './types.js';
import { etag } from './versioning.js';

export const DEFAULT_HISTORY_COUNT = 10;
export const MAX_HISTORY_COUNT = 1000;
/** Far beyond any history we hold; keeps the offset a safe integer for both databases. */
const MAX_HISTORY_OFFSET = 1_000_000_000;

/** The history of one resource, one type (`id` undefined) or the whole service (both undefined). */
export async function history(call: FhirCall, type?: string, id?: string): Promise<FhirResponse> {
  call.access.require(call.principal, 'read', { ...(type ? { resourceType: type } : {}), ...(id ? { id } : {}) });
  const restricted = call.access.searchRestriction(call.principal);
  if (restricted && id === undefined) {
    throw new FhirError(403, 'forbidden', 'Type and system history are not available to a caller limited to a patient compartment.');
  }
  const query = historyQuery(call.request.query, call.now(), type, id);
  const page = await call.repo.history(query);
  if (id !== undefined && page.total === 0) throw new FhirError(404, 'not-found', `Resource type '${type}' with id '${id}' couldn't be found.`);
  if (restricted) {
    for (const v of page.versions) if (v.resource) call.access.require(call.principal, 'read', { resourceType: v.resourceType, id: v.id, resource: v.resource });
  }
  const path = [type, id, '_history'].filter(Boolean).join('/');
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'history',
    total: page.total,
    link: links(`${call.service.url}/${path}`, query, page.total),
    entry: page.versions.map((v) => historyEntry(call.service.url, v)),
  };
  return { status: 200, body: bundle };
}

function historyQuery(params: Array<[string, string]>, now: Date, type?: string, id?: string): HistoryQuery {
  const q: HistoryQuery = { count: DEFAULT_HISTORY_COUNT, offset: 0, before: now.toISOString() };
  if (type) q.resourceType = type;
  if (id) q.id = id;
  for (const [name, value] of params) {
    if (name === '_count') q.count = Math.min(wholeNumber(name, value, 1), MAX_HISTORY_COUNT);
    else if (name === '_offset') q.offset = Math.min(wholeNumber(name, value, 0), MAX_HISTORY_OFFSET);
    else if (name === '_since') q.since = instant(name, value).low;
    else if (name === '_before') q.before = instant(name, value).low;
    else if (name === '_at') throw new FhirError(400, 'not-supported', 'The _at parameter of history is not supported.', ['_at']);
  }
  return q;
}

function wholeNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min) throw badRequest(`${name} must be a whole number of at least ${min}.`, [name]);
  return n;
}

function instant(name: string, value: string) {
  const range = dateRange(value);
  if (!range) throw badRequest(`${name} must be a FHIR instant, e.g. 2026-01-01T00:00:00Z.`, [name]);
  return range;
}

function links(selfBase: string, q: HistoryQuery, total: number): BundleLink[] {
  const url = (offset: number) => {
    const p = new URLSearchParams();
    if (q.since) p.set('_since', q.since);
    p.set('_before', q.before!);
    p.set('_count', String(q.count));
    p.set('_offset', String(offset));
    return `${selfBase}?${p.toString()}`;
  };
  const result: BundleLink[] = [{ relation: 'self', url: url(q.offset) }];
  if (q.offset + q.count < total) result.push({ relation: 'next', url: url(q.offset + q.count) });
  if (q.offset > 0) result.push({ relation: 'previous', url: url(Math.max(0, q.offset - q.count)) });
  return result;
}

/** A history entry: the version (none for a deletion), how it was made, and its response line. */
export function historyEntry(baseUrl: string, v: ResourceVersion): BundleEntry {
  const entry: BundleEntry = { fullUrl: `${baseUrl}/${v.resourceType}/${v.id}` };
  if (!v.deleted && v.resource) entry.resource = v.resource as Resource;
  entry.request = { method: v.method, url: v.method === 'POST' ? v.resourceType : `${v.resourceType}/${v.id}` };
  entry.response = {
    status: v.deleted ? '204' : v.versionId === '1' && v.method !== 'PATCH' ? '201' : '200',
    etag: etag(v.versionId),
    lastModified: v.lastUpdated,
  };
  return entry;
}
