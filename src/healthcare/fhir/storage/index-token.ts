/** Values of `token` search parameters: codes, Codings, CodeableConcepts, Identifiers, ContactPoints, booleans. */
import type { CodeableConcept, Coding, ContactPoint, Identifier } from '@medplum/fhirtypes';
import type { TypedValue } from '@medplum/core';
import { normalizeString } from './normalize.js';
import { clipIndexed, type TokenValue } from './index-rows.js';

/** `codeSystem`: the system implied for values of type `code` (implied-system.ts). */
export function tokenValues(param: string, typed: TypedValue, out: TokenValue[], codeSystem?: string): void {
  const { type, value } = typed;
  const push = (system: string | undefined, code: string | undefined, text: string | undefined) => {
    out.push({ param, system: clipIndexed(system ?? ''), code: clipIndexed(code ?? ''), text: text ? clipIndexed(normalizeString(text)) : '' });
  };
  if (typeof value === 'boolean') return push('', String(value), '');
  if (typeof value === 'string' && type === 'code' && codeSystem) return push(codeSystem, value, '');
  if (typeof value === 'string' || typeof value === 'number') return push('', String(value), '');
  if (!value || typeof value !== 'object') return;
  switch (type) {
    case 'Coding': {
      const coding = value as Coding;
      return push(coding.system, coding.code, coding.display);
    }
    case 'CodeableConcept': {
      const concept = value as CodeableConcept;
      for (const coding of concept.coding ?? []) push(coding.system, coding.code, coding.display ?? concept.text);
      // The concept's own text is searchable by :text even when its codings have displays of their own.
      if (concept.text && !(concept.coding ?? []).some((c) => (c.display ?? concept.text) === concept.text)) {
        push('', '', concept.text);
      }
      return;
    }
    case 'Identifier': {
      const identifier = value as Identifier;
      if (identifier.system || identifier.value) push(identifier.system, identifier.value, identifier.type?.text);
      return;
    }
    case 'ContactPoint': {
      const contact = value as ContactPoint;
      if (contact.value) push('', contact.value, '');
      return;
    }
    default:
      return;
  }
}
