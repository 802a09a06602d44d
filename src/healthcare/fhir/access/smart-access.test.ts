import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { smartAllows, smartSearchRestriction, type SmartAccess } from './smart-access.js';
import { smartScopes } from './smart-scopes.js';

const BASE = 'https://localhost:8443/fhir/local-fhir';
const patient = (...scopes: string[]): SmartAccess => ({ scopes: smartScopes(scopes), serviceUrl: BASE, fhirUser: { resourceType: 'Patient', id: 'p1' }, patientId: 'p1' });
const practitioner = (...scopes: string[]): SmartAccess => ({ scopes: smartScopes(scopes), serviceUrl: BASE, fhirUser: { resourceType: 'Practitioner', id: 'd1' } });
const obs = (subject: string) => ({ resourceType: 'Observation', id: 'o', status: 'final', code: {}, subject: { reference: subject } }) as unknown as Resource;

describe('smartAllows', () => {
  it('lets patient scopes reach only the patient compartment', () => {
    const p = patient('patient/Observation.read');
    expect(smartAllows(p, 'read', { resourceType: 'Observation' })).toBe(true);
    expect(smartAllows(p, 'read', { resource: obs('Patient/p1') })).toBe(true);
    expect(smartAllows(p, 'read', { resource: obs('Patient/p2') })).toBe(false);
    expect(smartAllows(p, 'search', { resourceType: 'Observation' })).toBe(true);
    expect(smartAllows(p, 'read', { resourceType: 'Condition' })).toBe(false);
    expect(smartAllows(p, 'create', { resource: obs('Patient/p1') })).toBe(false);
  });

  it('checks type and id before the resource is known', () => {
    const p = patient('patient/*.read');
    expect(smartAllows(p, 'read', { resourceType: 'Patient', id: 'p1' })).toBe(true);
    expect(smartAllows(p, 'read', { resourceType: 'Patient', id: 'p2' })).toBe(false);
    expect(smartAllows(p, 'read', { resourceType: 'Medication', id: 'm' })).toBe(false);
  });

  it('writes within the compartment with write scopes; export and hard delete never', () => {
    const p = patient('patient/Observation.write', 'patient/Observation.read');
    expect(smartAllows(p, 'create', { resource: obs('Patient/p1') })).toBe(true);
    expect(smartAllows(p, 'update', { resource: obs('Patient/p2') })).toBe(false);
    expect(smartAllows(patient('patient/*.*'), 'export')).toBe(false);
    expect(smartAllows(patient('patient/*.*'), 'hardDelete', { resourceType: 'Observation' })).toBe(false);
  });

  it('v2: r reads by id but does not search', () => {
    const p = patient('patient/Observation.r');
    expect(smartAllows(p, 'read', { resource: obs('Patient/p1') })).toBe(true);
    expect(smartAllows(p, 'search', { resourceType: 'Observation' })).toBe(false);
  });

  it('lets user scopes reach the types they name anywhere, and patient scopes nothing without a patient', () => {
    const d = practitioner('user/Observation.read', 'patient/Condition.read');
    expect(smartAllows(d, 'read', { resource: obs('Patient/p2') })).toBe(true);
    expect(smartAllows(d, 'read', { resourceType: 'Condition' })).toBe(false);
    expect(smartAllows(d, 'read', { resourceType: 'Encounter' })).toBe(false);
  });
});

describe('smartSearchRestriction', () => {
  it('confines patient scopes to the patient and the types granted', () => {
    expect(smartSearchRestriction(patient('patient/Observation.read', 'patient/Condition.rs', 'patient/Encounter.r')))
      .toEqual({ patientId: 'p1', resourceTypes: ['Condition', 'Observation'] });
    expect(smartSearchRestriction(patient('patient/*.read'))).toEqual({ patientId: 'p1' });
  });

  it('leaves user scopes to their types, and a user wildcard unrestricted', () => {
    expect(smartSearchRestriction(practitioner('user/Observation.read'))).toEqual({ resourceTypes: ['Observation'] });
    expect(smartSearchRestriction(practitioner('user/*.read', 'patient/*.read'))).toEqual({});
    // patient/Condition is not covered by user scopes: the whole search is confined (narrower, never wider).
    expect(smartSearchRestriction(patient('user/Observation.read', 'patient/Condition.read'))).toEqual({ patientId: 'p1', resourceTypes: ['Condition', 'Observation'] });
    expect(smartSearchRestriction(practitioner('patient/Condition.read'))).toEqual({ resourceTypes: [] });
  });
});
