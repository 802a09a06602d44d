/**
 * What a caller may do through the FHIR SMART User role: the interactions its clinical scopes grant, `patient`
 * scopes confined to the compartment of the fhirUser Patient, `user` and `system` scopes to the types they name.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { SearchRequest } from '../search/types.js';
import type { DataAction } from './data-actions.js';
import { inPatientCompartment, inPatientCompartmentTypes } from './compartment.js';
import type { FhirUserRef } from './fhir-user.js';
import { SMART_LETTER, scopeGrants, type SmartScope } from './smart-scopes.js';

export interface SmartAccess {
  scopes: readonly SmartScope[];
  fhirUser?: FhirUserRef;
  /** The Patient whose compartment `patient` scopes open: the fhirUser, when it is a Patient. */
  patientId?: string;
  /** The service's base URL, for absolute references to the patient. */
  serviceUrl: string;
}

export interface AccessTarget { resourceType?: string; resource?: Resource; id?: string }

/**
 * Whether the scopes allow an interaction. Without the resource, a compartment-bound grant is a pre-check on type
 * and id only; the caller checks again with the resource once it has it (read, and writes with their content).
 */
export function smartAllows(smart: SmartAccess, action: DataAction, target: AccessTarget = {}): boolean {
  const letter = SMART_LETTER[action];
  if (!letter) return false;
  const type = target.resource?.resourceType ?? target.resourceType;
  const granting = smart.scopes.filter((s) => scopeGrants(s, letter, type));
  if (granting.some((s) => s.level !== 'patient')) return true;
  if (granting.length === 0 || smart.patientId === undefined) return false;
  // Only patient scopes grant it: the target must be in the patient's compartment.
  if (target.resource) return inPatientCompartment(target.resource, smart.patientId, smart.serviceUrl);
  if (type === undefined) return true;
  if (!inPatientCompartmentTypes(type)) return false;
  if (type === 'Patient' && target.id !== undefined) return target.id === smart.patientId;
  return true;
}

/**
 * The limits of a search through SMART scopes. One restriction applies to the whole search, so when `patient`
 * scopes grant types that `user` scopes do not, every type is confined to the patient's compartment: narrower than
 * the scopes, never wider.
 */
export function smartSearchRestriction(smart: SmartAccess): NonNullable<SearchRequest['restrict']> {
  const grants = smart.scopes.filter((s) => s.letters.has('s'));
  const userTypes = new Set(grants.filter((s) => s.level !== 'patient').map((s) => s.resourceType));
  const patientTypes = new Set(smart.patientId === undefined ? [] : grants.filter((s) => s.level === 'patient').map((s) => s.resourceType));
  if (userTypes.has('*')) return {};
  const patientOnly = [...patientTypes].filter((t) => !userTypes.has(t));
  const types = new Set([...userTypes, ...patientTypes]);
  const resourceTypes = types.has('*') ? undefined : [...types].sort();
  return {
    ...(patientOnly.length > 0 ? { patientId: smart.patientId } : {}),
    ...(resourceTypes ? { resourceTypes } : {}),
  };
}
