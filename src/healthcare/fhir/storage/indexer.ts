/**
 * The search indexer: evaluates every standard R4 SearchParameter of a resource's type (FHIRPath, via
 * @medplum/core) and turns the values into rows for the index tables, plus the Patient compartment rows.
 * Nothing here is written per resource type: the SearchParameter's type decides the table.
 */
import { evalFhirPathTyped, getSearchParameterDetails, toTypedValue, type TypedValue } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { fhirDefinitions } from '../definitions.js';
import { impliedCodeSystem } from './implied-system.js';
import { dateValues } from './index-date.js';
import { numberValues, quantityValues } from './index-number.js';
import { referenceValues } from './index-reference.js';
import { emptyIndexRows, type IndexRows } from './index-rows.js';
import type { IndexedType } from './index-tables.js';
import { stringValues, uriValues } from './index-text.js';
import { tokenValues } from './index-token.js';

type FhirPathAtom = Parameters<typeof evalFhirPathTyped>[0];

interface CompiledParameter {
  code: string;
  type: IndexedType;
  expression: FhirPathAtom;
  /** A Patient compartment parameter of this resource type. */
  compartment: boolean;
  /** Token parameters over bound `code` elements: the system their values imply (implied-system.ts). */
  codeSystem?: string;
}

const INDEXED = new Set<string>(['string', 'token', 'reference', 'date', 'number', 'quantity', 'uri']);
/** Answered from fhir_resources columns, not index rows. */
const FROM_RESOURCE_ROW = new Set(['_id', '_lastUpdated']);

const compiled = new Map<string, CompiledParameter[]>();

/** The indexed parameters of a type, with their FHIRPath parsed once per process. */
export function indexedParameters(resourceType: string): readonly CompiledParameter[] {
  let params = compiled.get(resourceType);
  if (params) return params;
  const definitions = fhirDefinitions();
  const compartmentParams = new Set(definitions.patientCompartment.get(resourceType) ?? []);
  params = [];
  for (const [code, parameter] of Object.entries(definitions.searchParameters(resourceType))) {
    if (FROM_RESOURCE_ROW.has(code) || !parameter.expression || !INDEXED.has(parameter.type ?? '')) continue;
    let details: ReturnType<typeof getSearchParameterDetails>;
    try {
      details = getSearchParameterDetails(resourceType, parameter);
    } catch {
      continue; // an expression Medplum cannot type: not searchable here
    }
    const type = parameter.type as IndexedType;
    const codeSystem = type === 'token' ? impliedCodeSystem(details.elementDefinitions) : undefined;
    params.push({
      code, type, expression: details.parsedExpression, compartment: compartmentParams.has(code), ...(codeSystem ? { codeSystem } : {}),
    });
  }
  compiled.set(resourceType, params);
  return params;
}

/**
 * The index rows of a resource (which must carry its id). `baseUrl` is the service's base, so that absolute
 * references to this service count as local ones.
 */
export function indexResource(resource: Resource, baseUrl: string): IndexRows {
  const rows = emptyIndexRows();
  const input = [toTypedValue(resource)];
  const patients = new Set<string>();
  if (resource.resourceType === 'Patient' && resource.id) patients.add(resource.id);

  for (const param of indexedParameters(resource.resourceType)) {
    let values: TypedValue[];
    try {
      values = evalFhirPathTyped(param.expression, input);
    } catch {
      continue; // content the expression cannot walk is not indexed rather than refused
    }
    if (values.length === 0) continue;
    const before = rows.reference.length;
    for (const typed of values) addValue(rows, param, typed, baseUrl);
    if (param.compartment) {
      for (let i = before; i < rows.reference.length; i++) {
        const ref = rows.reference[i];
        if (ref.target_type === 'Patient' && ref.target_id) patients.add(ref.target_id);
      }
    }
  }
  rows.compartment = [...patients];
  return dedupe(rows);
}

function addValue(rows: IndexRows, param: CompiledParameter, typed: TypedValue, baseUrl: string): void {
  switch (param.type) {
    case 'string': return stringValues(param.code, typed, rows.string);
    case 'token': return tokenValues(param.code, typed, rows.token, param.codeSystem);
    case 'reference': return referenceValues(param.code, typed, baseUrl, rows.reference);
    case 'date': return dateValues(param.code, typed, rows.date);
    case 'number': return numberValues(param.code, typed, rows.number);
    case 'quantity': return quantityValues(param.code, typed, rows.quantity);
    case 'uri': return uriValues(param.code, typed, rows.uri);
  }
}

/** One row per distinct value: repeated values would only multiply search joins. */
function dedupe(rows: IndexRows): IndexRows {
  const unique = <T extends object>(list: T[]): T[] => {
    if (list.length < 2) return list;
    const seen = new Set<string>();
    return list.filter((row) => {
      const key = Object.values(row).join('\u0000');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  return {
    string: unique(rows.string),
    token: unique(rows.token),
    reference: unique(rows.reference),
    date: unique(rows.date),
    number: unique(rows.number),
    quantity: unique(rows.quantity),
    uri: unique(rows.uri),
    compartment: rows.compartment,
  };
}
