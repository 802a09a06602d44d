/**
 * A check @medplum/core's validator leaves out: a number or boolean where R4 expects a complex type
 * (`"code": 42` for a CodeableConcept) passes it, and a string there gets an obscure message. Such a value
 * would be stored and break every reader, so writes are refused with the path, in the validator's words.
 */
import { tryGetDataType } from '@medplum/core';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';

const MAX_DEPTH = 64;

/** Structure issues for values that are not JSON objects where the element's type is a complex type or a resource. */
export function jsonShapeIssues(resource: Resource): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  walk(resource as unknown as Record<string, unknown>, resource.resourceType, resource.resourceType, issues, 0);
  return issues;
}

function walk(obj: Record<string, unknown>, typeName: string, path: string, issues: OperationOutcomeIssue[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  const elements = tryGetDataType(typeName)?.elements;
  if (!elements) return;
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'resourceType' || key.startsWith('_') || value === null || value === undefined) continue;
    const code = elementType(elements, key);
    if (!code || isPrimitive(code)) continue;
    const many = Array.isArray(value);
    (many ? value : [value]).forEach((item: unknown, i: number) => {
      const at = `${path}.${key}${many ? `[${i}]` : ''}`;
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        const got = Array.isArray(item) ? 'array' : item === null ? 'null' : typeof item;
        issues.push({ severity: 'error', code: 'structure', diagnostics: `Invalid JSON type: expected object (${code}), but got ${got}`, expression: [at] });
        return;
      }
      const record = item as Record<string, unknown>;
      const inner = code === 'Resource' ? record.resourceType : code;
      if (typeof inner === 'string') walk(record, inner, at, issues, depth + 1);
    });
  }
}

type Elements = NonNullable<ReturnType<typeof tryGetDataType>>['elements'];

/** The type code of a property, resolving choice elements (`valueQuantity` → `value[x]` of type Quantity). */
function elementType(elements: Elements, key: string): string | undefined {
  const direct = elements[key];
  if (direct) return direct.type.length === 1 ? direct.type[0]!.code : undefined;
  for (const [name, el] of Object.entries(elements)) {
    if (!name.endsWith('[x]')) continue;
    const prefix = name.slice(0, -3);
    if (!key.startsWith(prefix)) continue;
    const suffix = key.slice(prefix.length);
    const match = el.type.find((t) => t.code.charAt(0).toUpperCase() + t.code.slice(1) === suffix);
    if (match) return match.code;
  }
  return undefined;
}

/** Primitive type codes start lower case (`string`, `dateTime`) or are FHIRPath system types (ids, extension urls). */
function isPrimitive(code: string): boolean {
  return code.charAt(0) !== code.charAt(0).toUpperCase() || code.startsWith('http://');
}
