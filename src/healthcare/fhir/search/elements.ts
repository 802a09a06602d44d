/**
 * `_summary` and `_elements`: a resource cut down to some of its top-level elements, marked SUBSETTED in
 * meta.tag as FHIR requires. Used for search results and, by the HTTP layer, for reads.
 */
import { getDataType } from '@medplum/core';
import type { Coding, Resource } from '@medplum/fhirtypes';
import { fhirDefinitions } from '../definitions.js';
import type { SummaryMode } from './model.js';

export const SUBSETTED: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
  display: 'Resource encoded in summary mode',
};

/** Always kept: what identifies the resource. */
const ALWAYS = ['resourceType', 'id', 'meta'];

/** The resource as `_summary` asks (`true`, `text`, `data`; `false` and `count` leave it whole). */
export function applySummary<T extends Resource>(resource: T, mode: SummaryMode | undefined): T {
  if (mode === undefined || mode === 'false' || mode === 'count') return resource;
  if (mode === 'data') {
    const { text: _text, ...rest } = resource as T & { text?: unknown };
    return subsetted(rest as T);
  }
  const schema = typeSchema(resource.resourceType);
  const keep = new Set([...ALWAYS, ...(mode === 'text' ? ['text'] : []), ...schema.mandatory]);
  if (mode === 'true') for (const p of schema.summary) keep.add(p);
  return subsetted(pick(resource, keep, schema.choices));
}

/** The resource with only the named top-level elements (choice names such as `value` cover `valueQuantity`). */
export function applyElements<T extends Resource>(resource: T, elements: readonly string[] | undefined): T {
  if (!elements?.length) return resource;
  const names = elements.map((e) => (e.includes('.') ? (e.split('.')[1] as string) : e));
  const schema = typeSchema(resource.resourceType);
  const keep = new Set([...ALWAYS, ...schema.mandatory, ...names]);
  return subsetted(pick(resource, keep, schema.choices));
}

function pick<T extends Resource>(resource: T, keep: ReadonlySet<string>, choices: ReadonlySet<string>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (keep.has(elementName(key, choices))) out[key] = value;
  }
  return out as T;
}

/** The element a JSON key belongs to: `_birthDate` → `birthDate`, `valueQuantity` → `value` (a choice). */
function elementName(key: string, choices: ReadonlySet<string>): string {
  const name = key.startsWith('_') ? key.slice(1) : key;
  for (let i = name.length - 1; i > 0; i--) {
    const ch = name[i] as string;
    if (ch >= 'A' && ch <= 'Z' && choices.has(name.slice(0, i))) return name.slice(0, i);
  }
  return name;
}

function subsetted<T extends Resource>(resource: T): T {
  const tags = resource.meta?.tag ?? [];
  if (tags.some((t) => t.system === SUBSETTED.system && t.code === SUBSETTED.code)) return resource;
  return { ...resource, meta: { ...resource.meta, tag: [...tags, SUBSETTED] } };
}

interface TypeSchema { summary: string[]; mandatory: string[]; choices: Set<string> }
const schemas = new Map<string, TypeSchema>();

function typeSchema(resourceType: string): TypeSchema {
  let schema = schemas.get(resourceType);
  if (!schema) {
    fhirDefinitions();
    try {
      const dt = getDataType(resourceType);
      const choices = Object.keys(dt.elements).filter((e) => e.endsWith('[x]')).map((e) => e.slice(0, -3));
      schema = { summary: [...(dt.summaryProperties ?? [])], mandatory: [...(dt.mandatoryProperties ?? [])], choices: new Set(choices) };
    } catch {
      schema = { summary: [], mandatory: [], choices: new Set() };
    }
    schemas.set(resourceType, schema);
  }
  return schema;
}
