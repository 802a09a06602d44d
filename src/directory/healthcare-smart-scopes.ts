/**
 * The SMART on FHIR scopes the Azure Healthcare APIs app exposes as delegated permissions, so a client asks for
 * them as `{fhirServiceUrl}/patient.Observation.read` and the token's `scp` carries `patient.Observation.read`.
 * Entra scope values cannot hold SMART's `/` (the token service splits resource and permission at the last slash),
 * which is why Microsoft's SMART guidance and its FHIR server accept `.` (and `$`) in place of `/`; `all` stands for
 * `*`. They are granted like any permission: consent (admin consent for the `user.` ones) or an
 * oauth2PermissionGrant. Pure data; ids are derived from the value, so they are the same in every tenant and
 * every release.
 */
import { createHash } from 'node:crypto';
import type { FirstPartyScope } from './graph-permissions.js';

/** Types with their own scopes (the US Core clinical data set); every other type is reached through `all`. */
export const SMART_SCOPE_TYPES: readonly string[] = [
  'AllergyIntolerance', 'CarePlan', 'CareTeam', 'Condition', 'Coverage', 'Device', 'DiagnosticReport', 'DocumentReference',
  'Encounter', 'Goal', 'Immunization', 'Location', 'Medication', 'MedicationRequest', 'Observation', 'Organization',
  'Patient', 'Practitioner', 'PractitionerRole', 'Procedure', 'Provenance', 'RelatedPerson', 'ServiceRequest',
];

/** A stable GUID for a scope value (name-based, like RFC 4122 version 5 but over SHA-256). */
function scopeId(value: string): string {
  const h = createHash('sha256').update(`azure-healthcare-apis/smart/${value}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function scope(value: string, consent: 'User' | 'Admin', what: string): FirstPartyScope {
  return {
    id: scopeId(value), value, type: consent,
    adminConsentDisplayName: what, adminConsentDescription: `Lets the app ${what.charAt(0).toLowerCase()}${what.slice(1)} (SMART on FHIR).`,
    userConsentDisplayName: consent === 'User' ? what : null,
    userConsentDescription: consent === 'User' ? `Lets the app ${what.charAt(0).toLowerCase()}${what.slice(1)} on your behalf (SMART on FHIR).` : null,
    isEnabled: true,
  };
}

function clinicalScopes(): FirstPartyScope[] {
  const out: FirstPartyScope[] = [];
  for (const level of ['patient', 'user'] as const) {
    for (const type of ['all', ...SMART_SCOPE_TYPES]) {
      for (const permission of ['read', 'write'] as const) {
        const data = type === 'all' ? 'all FHIR data' : `${type} resources`;
        const whose = level === 'patient' ? "of the patient in context" : 'the signed-in user may access';
        out.push(scope(`${level}.${type}.${permission}`, level === 'patient' ? 'User' : 'Admin',
          `${permission === 'read' ? 'Read' : 'Write'} ${data} ${whose}`));
      }
    }
  }
  return out;
}

export const SMART_SCOPES: readonly FirstPartyScope[] = [
  scope('fhirUser', 'User', 'Know which FHIR resource (Patient, Practitioner, …) you are'),
  scope('launch', 'User', 'Receive the launch context of an EHR launch'),
  scope('launch.patient', 'User', 'Ask for a patient to be selected at launch'),
  ...clinicalScopes(),
];
