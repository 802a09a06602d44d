/** Values of `reference` search parameters: References (relative, absolute, by identifier) and canonicals. */
import type { Reference } from '@medplum/fhirtypes';
import type { TypedValue } from '@medplum/core';
import { clipIndexed, type ReferenceValue } from './index-rows.js';

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/**
 * The local target of a literal reference: `Type/id` (optionally with `/_history/n`), or an absolute URL on this
 * service's base. Undefined for other absolute URLs, contained (`#x`) and `urn:` references.
 */
export function referenceTarget(reference: string, baseUrl: string): { type: string; id: string } | undefined {
  let relative = reference;
  if (baseUrl && reference.startsWith(`${baseUrl}/`)) relative = reference.slice(baseUrl.length + 1);
  const m = RELATIVE.exec(relative);
  return m ? { type: m[1], id: m[2] } : undefined;
}

export function referenceValues(param: string, typed: TypedValue, baseUrl: string, out: ReferenceValue[]): void {
  const { value } = typed;
  if (typeof value === 'string') {
    // A canonical or uri: matched by URL only (its last segments are not a local id).
    if (value !== '') out.push({ param, target_type: '', target_id: '', url: clipIndexed(value), identifier_system: '', identifier_value: '' });
    return;
  }
  if (!value || typeof value !== 'object') return;
  const ref = value as Reference;
  const literal = typeof ref.reference === 'string' ? ref.reference : '';
  const target = literal ? referenceTarget(literal, baseUrl) : undefined;
  const identifier = ref.identifier;
  if (!literal && !identifier?.value) return;
  out.push({
    param,
    target_type: target?.type ?? (typeof ref.type === 'string' ? ref.type : ''),
    target_id: target?.id ?? '',
    url: clipIndexed(literal),
    identifier_system: clipIndexed(identifier?.system ?? ''),
    identifier_value: clipIndexed(identifier?.value ?? ''),
  });
}
