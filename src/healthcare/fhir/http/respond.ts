/** Responses that carry a resource version: the headers every FHIR client reads, and Prefer's body choice. */
import type { Resource } from '@medplum/fhirtypes';
import { operationOutcome } from '../outcome.js';
import type { ResourceVersion } from '../repository.js';
import { preferences } from './content.js';
import type { FhirCall, FhirResponse } from './types.js';
import { versionHeaders } from './versioning.js';

/** The body of a version: the stored JSON text when the repository gave it, else the resource. */
export function versionBody(v: ResourceVersion): Resource | string | undefined {
  return v.json ?? v.resource;
}

/** 200/201 after a write: ETag, Last-Modified, Location; the body as `Prefer: return=` asks (representation by default). */
export function writeResponse(call: FhirCall, status: number, v: ResourceVersion, message: string): FhirResponse {
  const headers = versionHeaders(v, call.service.url);
  switch (preferences(call.request).return) {
    case 'minimal':
      return { status, headers };
    case 'OperationOutcome':
      return { status, headers, body: operationOutcome([{ severity: 'information', code: 'informational', diagnostics: message }]) };
    default:
      return { status, headers, body: versionBody(v) };
  }
}

/** An informational OperationOutcome as a response (deletions, empty results). */
export function informational(status: number, diagnostics: string, headers?: Record<string, string>): FhirResponse {
  return { status, ...(headers ? { headers } : {}), body: operationOutcome([{ severity: 'information', code: 'informational', diagnostics }]) };
}
