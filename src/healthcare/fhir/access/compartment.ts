/**
 * Patient compartment membership of one resource, computed from the resource itself (no database): the Patient
 * CompartmentDefinition names, per type, the search parameters whose references place a resource in a patient's
 * compartment; their FHIRPath expressions are evaluated on the resource.
 */
import { evalFhirPath, parseFhirPath, type FhirPathAtom } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { fhirDefinitions } from '../definitions.js';

const parsed = new Map<string, FhirPathAtom>();

function expressionAtom(expression: string): FhirPathAtom {
  let atom = parsed.get(expression);
  if (!atom) {
    atom = parseFhirPath(expression);
    parsed.set(expression, atom);
  }
  return atom;
}

/** Whether resources of this type can be in a Patient compartment at all (Patient included). */
export function inPatientCompartmentTypes(resourceType: string): boolean {
  return resourceType === 'Patient' || fhirDefinitions().patientCompartment.has(resourceType);
}

/** Whether a reference string names `Patient/{patientId}`, relative or under this service's base URL. */
export function referencesPatient(reference: string, patientId: string, serviceUrl: string): boolean {
  const ref = reference.replace(/\/_history\/[^/]*$/, '');
  const tail = `Patient/${patientId}`;
  if (ref === tail) return true;
  const base = serviceUrl.replace(/\/+$/, '');
  return ref.length === base.length + 1 + tail.length && ref.endsWith(`/${tail}`) && ref.slice(0, base.length).toLowerCase() === base.toLowerCase();
}

/**
 * The value with every `reference` under this service's base URL made relative: FHIRPath's resolve() (in
 * `subject.where(resolve() is Patient)`) only knows `Type/id`. Unchanged parts are shared, not copied.
 */
function relativeReferences(value: unknown, base: string): unknown {
  if (Array.isArray(value)) {
    const out = value.map((v) => relativeReferences(v, base));
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(value)) {
    let next = relativeReferences(v, base);
    if (key === 'reference' && typeof v === 'string' && v.length > base.length && v.slice(0, base.length).toLowerCase() === base) {
      next = v.slice(base.length);
    }
    if (next !== v) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
  }
  return copy ?? value;
}

/** Whether the resource is in the compartment of Patient `patientId` (a Patient is in its own). */
export function inPatientCompartment(original: Resource, patientId: string, serviceUrl: string): boolean {
  if (original.resourceType === 'Patient' && original.id === patientId) return true;
  const resource = relativeReferences(original, `${serviceUrl.replace(/\/+$/, '').toLowerCase()}/`) as Resource;
  const defs = fhirDefinitions();
  const params = defs.patientCompartment.get(resource.resourceType);
  if (!params) return false;
  const searchParameters = defs.searchParameters(resource.resourceType);
  for (const code of params) {
    const expression = searchParameters[code]?.expression;
    if (!expression) continue;
    let values: unknown[];
    try {
      values = evalFhirPath(expressionAtom(expression), resource);
    } catch {
      // A resource the expression cannot walk (malformed content) places nothing in the compartment.
      continue;
    }
    for (const v of values) {
      const reference = typeof v === 'object' && v !== null ? (v as { reference?: unknown }).reference : undefined;
      if (typeof reference === 'string' && referencesPatient(reference, patientId, serviceUrl)) return true;
    }
  }
  return false;
}
