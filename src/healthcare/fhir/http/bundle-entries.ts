/**
 * A batch or transaction entry as a request of its own (what the router would have received), and a
 * response turned back into the entry of a batch-response or transaction-response.
 */
import { STATUS_CODES } from 'node:http';
import type { Binary, Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { badRequest, FhirError } from '../outcome.js';
import { tooDeep } from './content.js';
import { JSON_PATCH } from './patch.js';
import { header, type FhirRequest, type FhirResponse } from './types.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** One planned entry: where it sits in the bundle and the request it makes. */
export interface EntryPlan {
  index: number;
  fullUrl?: string;
  request: FhirRequest;
  /** The first path segment (the resource type) when there is one. */
  type?: string;
}

/** The entry's request, or 400 naming the entry. Relative URLs, or absolute ones under this service's base. */
export function planEntry(entry: BundleEntry, index: number, baseUrl: string, outer: FhirRequest): EntryPlan {
  const where = `Bundle.entry[${index}].request`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw badRequest(`Entry ${index} is not an object.`, [`Bundle.entry[${index}]`]);
  const method = entry.request?.method;
  let url = entry.request?.url;
  if (typeof method !== 'string' || !METHODS.has(method)) throw badRequest(`Entry ${index} has no valid request.method.`, [`${where}.method`]);
  if (typeof url !== 'string' || url === '') throw badRequest(`Entry ${index} has no request.url.`, [`${where}.url`]);
  if (/^https?:\/\//i.test(url)) {
    if (!url.startsWith(`${baseUrl}/`)) throw badRequest(`Entry ${index}'s URL is not on this FHIR service.`, [`${where}.url`]);
    url = url.slice(baseUrl.length);
  }
  url = url.replace(/^\/+/, '');
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q)).replace(/\/+$/, '');
  const query = q < 0 ? [] : [...new URLSearchParams(url.slice(q + 1))];
  if (path === '' && method !== 'GET') throw badRequest(`Entry ${index} cannot ${method} the base: bundles do not nest.`, [`${where}.url`]);

  const headers: Record<string, string> = {};
  const prefer = header(outer, 'prefer');
  if (prefer) headers.prefer = prefer;
  const conditions = { 'if-match': entry.request?.ifMatch, 'if-none-exist': entry.request?.ifNoneExist, 'if-none-match': entry.request?.ifNoneMatch };
  for (const [name, value] of Object.entries(conditions)) {
    if (value === undefined) continue;
    if (typeof value !== 'string') throw badRequest(`Entry ${index}: request.${name} must be a string.`, [where]);
    headers[name] = value;
  }

  const request: FhirRequest = { method, path, query, headers, body: undefined };
  if (method === 'POST' || method === 'PUT') {
    if (!entry.resource && !path.endsWith('/_search')) throw badRequest(`Entry ${index} (${method}) has no resource.`, [`Bundle.entry[${index}].resource`]);
    request.body = entry.resource;
    request.contentType = 'application/fhir+json';
  } else if (method === 'PATCH') {
    request.body = patchDocument(entry.resource, index);
    request.contentType = JSON_PATCH;
  }
  const type = path.split('/')[0] || undefined;
  return { index, ...(entry.fullUrl ? { fullUrl: entry.fullUrl } : {}), request, ...(type ? { type } : {}) };
}

/** A PATCH entry carries its JSON Patch as a Binary (base64 data, contentType application/json-patch+json). */
function patchDocument(resource: Resource | undefined, index: number): unknown {
  const binary = resource as Binary | undefined;
  if (binary?.resourceType !== 'Binary' || binary.contentType !== JSON_PATCH || typeof binary.data !== 'string') {
    throw new FhirError(400, 'not-supported', `Entry ${index}: a PATCH entry must carry a Binary with contentType ${JSON_PATCH}.`, [`Bundle.entry[${index}].resource`]);
  }
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(binary.data, 'base64').toString('utf8'));
  } catch {
    throw badRequest(`Entry ${index}: the Binary's data is not a JSON Patch document.`, [`Bundle.entry[${index}].resource.data`]);
  }
  if (tooDeep(document)) throw new FhirError(400, 'structure', `Entry ${index}: the JSON Patch nests too deeply.`);
  return document;
}

/** The response entry for what an entry's request answered. */
export function responseEntry(res: FhirResponse, baseUrl: string): BundleEntry {
  const body = typeof res.body === 'string' ? (JSON.parse(res.body) as Resource) : res.body;
  const h = res.headers ?? {};
  const response: NonNullable<BundleEntry['response']> = { status: statusLine(res.status) };
  if (h.location) response.location = h.location;
  if (h.etag) response.etag = h.etag;
  const lastUpdated = body?.meta?.lastUpdated ?? (h['last-modified'] ? new Date(h['last-modified']).toISOString() : undefined);
  if (lastUpdated && h.etag) response.lastModified = lastUpdated;
  const entry: BundleEntry = {};
  if (body?.resourceType === 'OperationOutcome' && res.status >= 300) {
    response.outcome = body as OperationOutcome;
  } else if (body) {
    if (body.id && body.resourceType !== 'Bundle' && body.resourceType !== 'OperationOutcome') entry.fullUrl = `${baseUrl}/${body.resourceType}/${body.id}`;
    entry.resource = body;
  }
  entry.response = response;
  return entry;
}

/** The response entry of an entry that failed in a batch. */
export function errorEntry(err: FhirError): BundleEntry {
  return { response: { status: statusLine(err.status), outcome: err.outcome() } };
}

function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

/** The bundle in a request body, if it is a batch or a transaction; 400 otherwise. */
export function asBatchOrTransaction(body: unknown): Bundle & { type: 'batch' | 'transaction' } {
  const b = body as Bundle | undefined;
  if (typeof b !== 'object' || b === null || b.resourceType !== 'Bundle') {
    throw badRequest('POST to the base takes a Bundle of type batch or transaction.', ['resourceType']);
  }
  if (b.type !== 'batch' && b.type !== 'transaction') {
    throw badRequest(`A Bundle of type '${String(b.type)}' cannot be processed; use batch or transaction.`, ['Bundle.type']);
  }
  if (b.entry !== undefined && !Array.isArray(b.entry)) throw badRequest('Bundle.entry must be an array.', ['Bundle.entry']);
  return b as Bundle & { type: 'batch' | 'transaction' };
}
