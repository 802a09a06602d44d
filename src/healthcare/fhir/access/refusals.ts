/**
 * The FHIR service's refusals (entra-protocol.md §6.4): 401 with a Bearer challenge naming the tenant's authority
 * and the service as resource, 403 for a caller without the role or scope, 400 for a SMART token without a usable
 * fhirUser. The bodies are the fixed texts Azure answers; the reason goes only into the challenge's
 * error_description, as ASP.NET's JwtBearer does.
 */
import { FhirError } from '../outcome.js';

/** A quoted-string value for an HTTP auth parameter (no quotes, backslashes or control characters inside). */
function quoted(value: string): string {
  const printable = [...value].map((c) => (c < ' ' || c === '\x7f' ? ' ' : c)).join('');
  return `"${printable.replace(/[\\"]/g, '')}"`;
}

/** 401 Unauthorized; `reason` is set when a token was presented and refused. */
export function authenticationFailed(publicUrl: string, service: { tenantId: string; url: string }, reason?: string): FhirError {
  const base = publicUrl.replace(/\/+$/, '');
  let challenge = `Bearer authorization_uri=${quoted(`${base}/${service.tenantId}/oauth2/authorize`)}, resource_id=${quoted(service.url)}, realm=${quoted(service.url)}`;
  if (reason !== undefined) challenge += `, error="invalid_token", error_description=${quoted(reason)}`;
  return new FhirError(401, 'login', 'Authentication failed.', undefined, { 'WWW-Authenticate': challenge });
}

/** 403 Forbidden: a valid token whose caller may not do this. */
export function authorizationFailed(): FhirError {
  return new FhirError(403, 'forbidden', 'Authorization failed.');
}

/** 400: SMART scopes need a fhirUser claim naming a FHIR resource of this service. */
export function fhirUserMissing(): FhirError {
  return new FhirError(400, 'invalid', "The 'fhirUser' claim is missing or is not a Patient, Practitioner, PractitionerRole, RelatedPerson or Person of this FHIR service.");
}
