import type { Caller } from '../../access/caller.js';
import type { Directory } from '../../directory/directory.js';

/** What management handlers are given. */
export interface ManagementDeps {
  directory: Directory;
  publicUrl: () => string;
  /** Remove every FHIR resource, version and index row of a deleted FHIR service. */
  removeFhirData: (serviceId: string) => Promise<void>;
}

/** One management call, already authenticated and authorized for its subscription (= tenant). */
export interface ManagementRequest {
  deps: ManagementDeps;
  tenantId: string;
  caller: Caller;
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string | undefined>>;
  body: unknown;
}

export interface ManagementResponse { status: number; body?: unknown }

export type ManagementHandler = (request: ManagementRequest) => Promise<ManagementResponse>;

/** The request body as a JSON object ({} when there is none), or 400 as ARM answers. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw Object.assign(new Error('The request content was invalid and could not be deserialized.'), { statusCode: 400 });
  return body as Record<string, unknown>;
}
