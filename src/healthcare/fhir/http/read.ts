/**
 * read and vread: the hot path. Without `_summary`/`_elements` the stored JSON text goes out as it is, with no
 * parsing or re-serialising; conditional reads (If-None-Match, If-Modified-Since) answer 304.
 */
import type { Resource } from '@medplum/fhirtypes';
import { badRequest, gone, notFound } from '../outcome.js';
import type { ResourceVersion } from '../repository.js';
import { applyElements, applySummary } from '../search/index.js';
import { versionBody } from './respond.js';
import { header, type FhirCall, type FhirResponse } from './types.js';
import { versionHeaders } from './versioning.js';
import { requireOnVersion } from './write-steps.js';

const SUMMARY_MODES = new Set(['true', 'text', 'data', 'false']);

/** `GET [type]/[id]`: 404 when it never existed, 410 when its current version is a deletion. */
export async function read(call: FhirCall, type: string, id: string): Promise<FhirResponse> {
  call.access.require(call.principal, 'read', { resourceType: type, id });
  const v = await call.repo.read(type, id);
  if (!v) throw notFound(`Resource type '${type}' with id '${id}' couldn't be found.`);
  if (v.deleted) throw gone(`Resource type '${type}' with id '${id}' has been deleted.`);
  requireOnVersion(call, 'read', v);
  const headers = versionHeaders(v);
  if (notModified(call, v, headers.etag!)) return { status: 304, headers };
  return { status: 200, headers, body: shaped(call, v) };
}

/** `GET [type]/[id]/_history/[vid]`: 404 for a version that does not exist, 410 for a deletion version. */
export async function vread(call: FhirCall, type: string, id: string, versionId: string): Promise<FhirResponse> {
  call.access.require(call.principal, 'read', { resourceType: type, id });
  const v = /^\d{1,15}$/.test(versionId) ? await call.repo.vread(type, id, versionId) : undefined;
  if (!v) throw notFound(`Version '${versionId}' of resource type '${type}' with id '${id}' couldn't be found.`);
  if (v.deleted) throw gone(`Version '${versionId}' of resource type '${type}' with id '${id}' is a deletion.`);
  requireOnVersion(call, 'read', v);
  return { status: 200, headers: versionHeaders(v), body: shaped(call, v) };
}

/** The client already holds this version: its ETag matches, or it has not changed since the given date. */
function notModified(call: FhirCall, v: ResourceVersion, etag: string): boolean {
  const ifNoneMatch = header(call.request, 'if-none-match');
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
  const since = header(call.request, 'if-modified-since');
  if (since === undefined) return false;
  const sinceMs = Date.parse(since);
  // HTTP dates have whole seconds: compare at that precision.
  return !Number.isNaN(sinceMs) && Math.floor(Date.parse(v.lastUpdated) / 1000) * 1000 <= sinceMs;
}

/** The body, cut down when `_summary` or `_elements` ask for it. */
function shaped(call: FhirCall, v: ResourceVersion): Resource | string | undefined {
  const query = call.request.query;
  if (query.length === 0) return versionBody(v);
  let summary: string | undefined;
  let elements: string[] | undefined;
  for (const [name, value] of query) {
    if (name === '_summary') summary = value;
    else if (name === '_elements') elements = value.split(',').map((e) => e.trim()).filter(Boolean);
  }
  if (summary === undefined && elements === undefined) return versionBody(v);
  if (summary !== undefined && !SUMMARY_MODES.has(summary)) throw badRequest(`_summary must be one of true, text, data, false.`, ['_summary']);
  const resource = v.resource ?? (JSON.parse(v.json!) as Resource);
  return applySummary(applyElements(resource, elements), summary as 'true' | 'text' | 'data' | 'false' | undefined);
}
