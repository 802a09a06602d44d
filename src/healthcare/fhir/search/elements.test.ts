import type { Observation, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { applyElements, applySummary, SUBSETTED } from './elements.js';

const patient: Patient = {
  resourceType: 'Patient', id: 'p', meta: { versionId: '2', tag: [{ system: 'urn:t', code: 'x' }] },
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">P</div>' },
  name: [{ family: 'F' }], gender: 'other', birthDate: '2000-01-01', _birthDate: { extension: [{ url: 'urn:e', valueString: 'v' }] },
  deceasedDateTime: '2020-01-01', contact: [{ name: { family: 'C' } }], photo: [{ contentType: 'image/png' }],
} as Patient;

describe('_summary and _elements', () => {
  it('_summary=true keeps summary elements (choice and primitive-extension keys too) and tags SUBSETTED', () => {
    const out = applySummary(patient, 'true') as unknown as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['_birthDate', 'birthDate', 'deceasedDateTime', 'gender', 'id', 'meta', 'name', 'resourceType']);
    expect((out.meta as Patient['meta'])?.tag).toEqual([{ system: 'urn:t', code: 'x' }, SUBSETTED]);
    expect((out.meta as Patient['meta'])?.versionId).toBe('2');
    expect(patient.meta?.tag).toHaveLength(1);
  });

  it('_summary=text keeps text and mandatory elements; data drops only text; false and count leave it whole', () => {
    const obs: Observation = { resourceType: 'Observation', id: 'o', status: 'final', code: { text: 'c' }, text: patient.text, valueString: 'v' };
    expect(Object.keys(applySummary(obs, 'text')).sort()).toEqual(['code', 'id', 'meta', 'resourceType', 'status', 'text']);
    const data = applySummary(patient, 'data');
    expect(data.text).toBeUndefined();
    expect(data.photo).toBeDefined();
    expect(applySummary(patient, 'false')).toBe(patient);
    expect(applySummary(patient, undefined)).toBe(patient);
  });

  it('_elements keeps the named elements, mandatory ones and identity; none asked leaves it whole', () => {
    expect(Object.keys(applyElements(patient, ['deceased', 'Patient.gender'])).sort()).toEqual(['deceasedDateTime', 'gender', 'id', 'meta', 'resourceType']);
    const obs: Observation = { resourceType: 'Observation', id: 'o', status: 'final', code: { text: 'c' }, valueString: 'v', issued: '2020-01-01T00:00:00Z' };
    expect(Object.keys(applyElements(obs, ['value'])).sort()).toEqual(['code', 'id', 'meta', 'resourceType', 'status', 'valueString']);
    expect(applyElements(patient, [])).toBe(patient);
  });
});
