/** Version-aware HTTP: ETag, Last-Modified, Location and If-Match, as FHIR's RESTful API defines them. */
import { badRequest } from '../outcome.js';
import type { ResourceVersion } from '../repository.js';

/** `W/"3"`: FHIR's weak ETag of a version. */
export function etag(versionId: string): string {
  return `W/"${versionId}"`;
}

/** An ISO instant as an HTTP date (RFC 7231 IMF-fixdate). */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

/** `{base}/{type}/{id}/_history/{vid}`: where a version lives. */
export function versionUrl(baseUrl: string, v: Pick<ResourceVersion, 'resourceType' | 'id' | 'versionId'>): string {
  return `${baseUrl}/${v.resourceType}/${v.id}/_history/${v.versionId}`;
}

/** ETag and Last-Modified of a version, with Location when the interaction wrote it. */
export function versionHeaders(v: ResourceVersion, baseUrl?: string): Record<string, string> {
  const headers: Record<string, string> = { etag: etag(v.versionId), 'last-modified': httpDate(v.lastUpdated) };
  if (baseUrl) headers.location = versionUrl(baseUrl, v);
  return headers;
}

const ENTITY_TAG = /^\s*(?:W\/)?"([^"]*)"\s*$/;

/** The version an `If-Match` header names (`W/"3"`, `"3"`); 400 when it is not an entity tag. */
export function parseIfMatch(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const m = ENTITY_TAG.exec(value);
  if (!m || !/^[A-Za-z0-9\-.]{1,64}$/.test(m[1]!)) throw badRequest(`The If-Match header '${value}' is not a valid entity tag such as W/"1".`);
  return m[1];
}
