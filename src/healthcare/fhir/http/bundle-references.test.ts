import { describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { conditionalReferences, isPlaceholder, rewriteReferences } from './bundle-references.js';

describe('bundle references', () => {
  it('replaces every string equal to a placeholder, in a copy', () => {
    const obs = { resourceType: 'Observation', subject: { reference: 'urn:uuid:a' }, focus: [{ reference: 'urn:uuid:b' }], note: [{ text: 'urn:uuid:a is here' }] };
    const map = new Map([['urn:uuid:a', 'Patient/1'], ['urn:uuid:b', 'Group/2']]);
    const out = rewriteReferences(obs, map);
    expect(out.subject.reference).toBe('Patient/1');
    expect(out.focus[0]!.reference).toBe('Group/2');
    expect(out.note[0]!.text).toBe('urn:uuid:a is here');
    expect(obs.subject.reference).toBe('urn:uuid:a');
  });

  it('finds conditional references only in reference fields', () => {
    const r = { resourceType: 'Observation', subject: { reference: 'Patient?identifier=s|1' }, performer: [{ reference: 'Practitioner/2' }], note: [{ text: 'Patient?x=1' }] } as Resource;
    expect(conditionalReferences(r)).toEqual(['Patient?identifier=s|1']);
  });

  it('knows placeholders', () => {
    expect(isPlaceholder('urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0')).toBe(true);
    expect(isPlaceholder('urn:oid:1.2.3')).toBe(true);
    expect(isPlaceholder('https://h/fhir/s/Patient/1')).toBe(false);
    expect(isPlaceholder(undefined)).toBe(false);
  });
});
