/** The `fhirUser` claim of a verified token, read for one FHIR service (SMART App Launch, "fhirUser"). */
import type { Caller } from '../../../access/caller.js';
import { fhirUserTarget } from '../../../directory/fhir-user.js';

export interface FhirUserRef { resourceType: string; id: string }

/**
 * The resource the token's `fhirUser` (or `extension_fhirUser`) names on this service: undefined when the token has
 * none, 'invalid' when it is not a Patient/Practitioner/… reference of this service (another server's URL included).
 */
export function fhirUserOf(caller: Caller, serviceUrl: string): FhirUserRef | 'invalid' | undefined {
  const raw = caller.claims.fhirUser ?? caller.claims.extension_fhirUser;
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') return 'invalid';
  const target = fhirUserTarget(raw);
  if (!target) return 'invalid';
  if (/^https?:\/\//i.test(raw)) {
    const base = raw.slice(0, raw.length - `/${target.resourceType}/${target.id}`.length);
    if (base.toLowerCase() !== serviceUrl.replace(/\/+$/, '').toLowerCase()) return 'invalid';
  }
  return target;
}
