import { describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { fhirDefinitions } from '../definitions.js';
import { jsonShapeIssues } from './json-shape.js';

fhirDefinitions();
const paths = (r: unknown) => jsonShapeIssues(r as Resource).flatMap((i) => i.expression ?? []);

describe('jsonShapeIssues', () => {
  it('flags scalars where a complex type or a resource belongs, with the path', () => {
    expect(paths({ resourceType: 'Observation', status: 'final', code: 42 })).toEqual(['Observation.code']);
    expect(paths({ resourceType: 'Observation', valueQuantity: true })).toEqual(['Observation.valueQuantity']);
    expect(paths({ resourceType: 'Patient', contained: [5], extension: [{ url: 'u', valueCoding: 'x' }] }))
      .toEqual(['Patient.contained[0]', 'Patient.extension[0].valueCoding']);
    expect(paths({ resourceType: 'Patient', contact: [{ name: { family: 'a' }, telecom: [{ period: 3 }] }] })).toEqual(['Patient.contact[0].telecom[0].period']);
    expect(paths({ resourceType: 'Patient', contained: [{ resourceType: 'Observation', code: 1 }] })).toEqual(['Patient.contained[0].code']);
  });

  it('leaves well-formed resources and primitives alone', () => {
    expect(paths({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, valueString: 'a', effectiveDateTime: '2020' })).toEqual([]);
    expect(paths({ resourceType: 'Patient', active: true, birthDate: '2000-01-01', _birthDate: { extension: [] } })).toEqual([]);
  });
});
