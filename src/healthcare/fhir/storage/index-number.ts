/** Values of `number` and `quantity` search parameters. */
import type { Money, Quantity } from '@medplum/fhirtypes';
import type { TypedValue } from '@medplum/core';
import { clipIndexed, type NumberValue, type QuantityValue } from './index-rows.js';

export function numberValues(param: string, typed: TypedValue, out: NumberValue[]): void {
  if (typeof typed.value === 'number' && Number.isFinite(typed.value)) out.push({ param, value: typed.value });
}

const ISO_4217 = 'urn:iso:std:iso:4217';

export function quantityValues(param: string, typed: TypedValue, out: QuantityValue[]): void {
  const { type, value } = typed;
  if (typeof value === 'number' && Number.isFinite(value)) {
    out.push({ param, value, system: '', code: '', unit: '' });
    return;
  }
  if (!value || typeof value !== 'object') return;
  if (type === 'Money') {
    const money = value as Money;
    if (typeof money.value === 'number') {
      out.push({ param, value: money.value, system: money.currency ? ISO_4217 : '', code: money.currency ?? '', unit: money.currency ?? '' });
    }
    return;
  }
  // Quantity and its profiles (Age, Duration, Distance, Count, SimpleQuantity) share the shape.
  const quantity = value as Quantity;
  if (typeof quantity.value !== 'number' || !Number.isFinite(quantity.value)) return;
  out.push({
    param,
    value: quantity.value,
    system: clipIndexed(quantity.system ?? ''),
    code: clipIndexed(quantity.code ?? ''),
    unit: clipIndexed(quantity.unit ?? ''),
  });
}
