/** Values of `string` and `uri` search parameters. */
import type { Address, HumanName } from '@medplum/fhirtypes';
import type { TypedValue } from '@medplum/core';
import { normalizeString } from './normalize.js';
import { clipIndexed, storableText, type StringValue, type UriValue } from './index-rows.js';

/** The strings a value contributes: a HumanName or Address gives each part and its whole text. */
export function stringsOf(typed: TypedValue): string[] {
  const { type, value } = typed;
  if (typeof value === 'string') return [value];
  if (!value || typeof value !== 'object') return [];
  if (type === 'HumanName') {
    const name = value as HumanName;
    const parts = [...(name.prefix ?? []), ...(name.given ?? []), name.family, ...(name.suffix ?? [])];
    return withWhole(parts, name.text);
  }
  if (type === 'Address') {
    const address = value as Address;
    const parts = [...(address.line ?? []), address.city, address.district, address.state, address.postalCode, address.country];
    return withWhole(parts, address.text);
  }
  return [];
}

/** The parts, the parts joined in order, and the element's own text when it has one. */
function withWhole(parts: Array<string | undefined>, text: string | undefined): string[] {
  const values = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  for (const whole of [values.join(' '), text]) {
    if (typeof whole === 'string' && whole.trim() !== '' && !values.includes(whole)) values.push(whole);
  }
  return values;
}

export function stringValues(param: string, typed: TypedValue, out: StringValue[]): void {
  for (const s of stringsOf(typed)) {
    const value = clipIndexed(normalizeString(s));
    if (value !== '') out.push({ param, value, exact: storableText(s) });
  }
}

export function uriValues(param: string, typed: TypedValue, out: UriValue[]): void {
  if (typeof typed.value === 'string' && typed.value !== '') out.push({ param, value: clipIndexed(typed.value) });
}
