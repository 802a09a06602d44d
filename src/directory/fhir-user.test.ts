import { describe, expect, it } from 'vitest';
import { DirectoryError } from './errors.js';
import { FHIR_USER_PROPERTY, fhirUserClaim, fhirUserInput, fhirUserTarget } from './fhir-user.js';

describe('fhirUser attribute', () => {
  it('is the Healthcare APIs directory extension', () => {
    expect(FHIR_USER_PROPERTY).toBe('extension_4f6778d85aef43dca1ffb073724b9495_fhirUser');
  });

  it('accepts relative and absolute references to the SMART user types', () => {
    expect(fhirUserTarget('Patient/123')).toEqual({ resourceType: 'Patient', id: '123' });
    expect(fhirUserTarget('https://h/fhir/ws-svc/Practitioner/a.b-c')).toEqual({ resourceType: 'Practitioner', id: 'a.b-c' });
    for (const bad of ['Observation/1', 'Patient/', 'Patient', '/Patient/1', 'x/Patient/1', 'Patient/1/_history/2', 'Patient/a b', 'ftp://h/Patient/1']) {
      expect(fhirUserTarget(bad), bad).toBeUndefined();
    }
  });

  it('checks Graph input: a reference or null, else an invalid-property error', () => {
    expect(fhirUserInput('Patient/1')).toBe('Patient/1');
    expect(fhirUserInput(null)).toBeNull();
    for (const bad of [42, 'Observation/1', `Patient/${'a'.repeat(65)}`, {}]) expect(() => fhirUserInput(bad)).toThrow(DirectoryError);
  });

  it('makes the claim absolute against the FHIR service', () => {
    expect(fhirUserClaim('Patient/1', 'https://h/fhir/ws-svc')).toBe('https://h/fhir/ws-svc/Patient/1');
    expect(fhirUserClaim('Patient/1', 'https://h/fhir/ws-svc/')).toBe('https://h/fhir/ws-svc/Patient/1');
    expect(fhirUserClaim('https://other/Patient/1', 'https://h/fhir/ws-svc')).toBe('https://other/Patient/1');
    expect(fhirUserClaim('Patient/1', '4f6778d8-5aef-43dc-a1ff-b073724b9495')).toBeUndefined();
    expect(fhirUserClaim(undefined, 'https://h')).toBeUndefined();
  });
});
