/**
 * The framework-free shape of the FHIR REST layer: a request in, a response out. The Fastify plugin
 * (fhir/routes.ts) only translates to and from these; everything FHIR means happens on this side.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { FhirRepository } from '../repository.js';
import type { SearchRequest } from '../search/types.js';

/** The data actions of Azure's FHIR service that a request may need (engineer D's FhirAccess decides them). */
export type DataAction = 'read' | 'search' | 'create' | 'update' | 'delete' | 'hardDelete' | 'export' | 'import' | 'convertData';

/** The FHIR service a request addresses, as the directory knows it. */
export interface FhirServiceRef {
  id: string;
  tenantId: string;
  workspace: string;
  name: string;
  /** Base URL, no trailing slash. */
  url: string;
}

/** What an interaction touches, for compartment (SMART) checks. */
export interface AccessTarget { resourceType?: string; resource?: Resource; id?: string }

/** Authentication and authorization, as fhir/access provides them; P is its principal. */
export interface FhirAccessControl<P = unknown> {
  authenticate(authorization: string | undefined, service: FhirServiceRef): Promise<P>;
  require(principal: P, action: DataAction, target?: AccessTarget): void;
  searchRestriction(principal: P): SearchRequest['restrict'] | undefined;
}

export interface FhirRequest {
  method: string;
  /** The path below the service base, without leading or trailing slash: `Patient/1/_history/2`, `` for the base. */
  path: string;
  /** Query parameters in order, repeated names kept. */
  query: Array<[string, string]>;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed body: a JSON value, form pairs (`_search`), or undefined. */
  body: unknown;
  /** The media type of the body without parameters, lower case (e.g. `application/json-patch+json`). */
  contentType?: string;
}

export interface FhirResponse {
  status: number;
  headers?: Record<string, string>;
  /** A resource, or its JSON text as stored (sent as is, unless pretty-printing is asked for). */
  body?: Resource | string;
}

/** Everything an interaction needs for one request. */
export interface FhirCall<P = unknown> {
  service: FhirServiceRef;
  repo: FhirRepository;
  access: FhirAccessControl<P>;
  principal: P;
  request: FhirRequest;
  /** The current time (the app's clock), for bounds such as a history page's. */
  now(): Date;
}

/** One header's value (the first, when repeated). */
export function header(request: FhirRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
