/**
 * The `fhirUser` user attribute: the FHIR resource (Patient, Practitioner, …) a directory user is, as SMART on FHIR
 * needs it. Entra keeps such data in a directory extension property, which Graph names
 * `extension_{appId without dashes}_{name}`; ours belongs to the Azure Healthcare APIs app, so it is the same name
 * in every tenant. The value is a reference, either relative (`Patient/123`, good for every FHIR service of the
 * tenant) or absolute (`https://host/fhir/ws-svc/Patient/123`, one service).
 */
import { DirectoryError } from './errors.js';
import { HEALTHCARE_APP_ID } from './first-party.js';

/** The Graph property (on `user`) that holds the attribute. */
export const FHIR_USER_PROPERTY = `extension_${HEALTHCARE_APP_ID.replace(/-/g, '')}_fhirUser`;

/** The resource types SMART App Launch allows as fhirUser. */
export const FHIR_USER_TYPES: readonly string[] = ['Patient', 'Practitioner', 'PractitionerRole', 'RelatedPerson', 'Person'];

const MAX_LENGTH = 1024;
/** `{Type}/{id}` at the end of a reference, with FHIR's id rule. */
const TAIL = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

/** The reference's resource type and id, when it is a well-formed fhirUser reference. */
export function fhirUserTarget(reference: string): { resourceType: string; id: string } | undefined {
  const m = TAIL.exec(reference);
  if (!m || !FHIR_USER_TYPES.includes(m[1]!)) return undefined;
  const absolute = /^https?:\/\//i.test(reference);
  // A relative reference is exactly `Type/id`; an absolute one must be a URL.
  if (!absolute && reference !== `${m[1]}/${m[2]}`) return undefined;
  if (absolute && !URL.canParse(reference)) return undefined;
  return { resourceType: m[1]!, id: m[2]! };
}

/** A Graph input value checked: a fhirUser reference, or null to clear it. */
export function fhirUserInput(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length > MAX_LENGTH || !fhirUserTarget(value)) {
    throw new DirectoryError('invalid', `Invalid value specified for property '${FHIR_USER_PROPERTY}' of resource 'User'.`, FHIR_USER_PROPERTY);
  }
  return value;
}

/** The `fhirUser` claim for tokens of one FHIR service: a relative reference made absolute against its base URL. */
export function fhirUserClaim(stored: string | null | undefined, serviceUrl: string): string | undefined {
  if (!stored) return undefined;
  if (/^https?:\/\//i.test(stored)) return stored;
  // A service named by appId instead of URL gives nothing to resolve against.
  return /^https?:\/\//i.test(serviceUrl) ? `${serviceUrl.replace(/\/+$/, '')}/${stored}` : undefined;
}
