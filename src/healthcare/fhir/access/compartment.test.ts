import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { inPatientCompartment, inPatientCompartmentTypes, referencesPatient } from './compartment.js';

const BASE = 'https://localhost:8443/fhir/local-fhir';
const r = (resource: Record<string, unknown>) => resource as unknown as Resource;

describe('Patient compartment', () => {
  it('places a resource by the compartment parameters of its type', () => {
    expect(inPatientCompartment(r({ resourceType: 'Observation', subject: { reference: 'Patient/p1' } }), 'p1', BASE)).toBe(true);
    expect(inPatientCompartment(r({ resourceType: 'Observation', subject: { reference: 'Patient/p2' } }), 'p1', BASE)).toBe(false);
    expect(inPatientCompartment(r({ resourceType: 'Observation', subject: { reference: 'Group/p1' } }), 'p1', BASE)).toBe(false);
    // performer is a compartment parameter of Observation too.
    expect(inPatientCompartment(r({ resourceType: 'Observation', subject: { reference: 'Patient/p2' }, performer: [{ reference: 'Patient/p1' }] }), 'p1', BASE)).toBe(true);
    expect(inPatientCompartment(r({ resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/p1' } }), 'p1', BASE)).toBe(true);
    expect(inPatientCompartment(r({ resourceType: 'Condition', subject: { reference: `${BASE}/Patient/p1` } }), 'p1', BASE)).toBe(true);
    expect(inPatientCompartment(r({ resourceType: 'Condition', subject: { reference: 'https://elsewhere.example/fhir/Patient/p1' } }), 'p1', BASE)).toBe(false);
  });

  it('puts a Patient in its own compartment and leaves types outside the compartment out', () => {
    expect(inPatientCompartment(r({ resourceType: 'Patient', id: 'p1' }), 'p1', BASE)).toBe(true);
    expect(inPatientCompartment(r({ resourceType: 'Patient', id: 'p2' }), 'p1', BASE)).toBe(false);
    expect(inPatientCompartment(r({ resourceType: 'Medication', id: 'm' }), 'p1', BASE)).toBe(false);
    expect(inPatientCompartmentTypes('Observation')).toBe(true);
    expect(inPatientCompartmentTypes('Patient')).toBe(true);
    expect(inPatientCompartmentTypes('Medication')).toBe(false);
  });

  it('survives content the expressions cannot walk', () => {
    expect(inPatientCompartment(r({ resourceType: 'Observation', subject: 'Patient/p1' }), 'p1', BASE)).toBe(false);
    expect(inPatientCompartment(r({ resourceType: 'Observation', subject: [{ reference: 7 }] }), 'p1', BASE)).toBe(false);
  });

  it('matches references relative, absolute on this service, and versioned', () => {
    expect(referencesPatient('Patient/p1', 'p1', BASE)).toBe(true);
    expect(referencesPatient('Patient/p1/_history/3', 'p1', BASE)).toBe(true);
    expect(referencesPatient(`${BASE.toUpperCase().replace('/FHIR/LOCAL-FHIR', '/fhir/local-fhir')}/Patient/p1`, 'p1', BASE)).toBe(true);
    expect(referencesPatient('Patient/p10', 'p1', BASE)).toBe(false);
    expect(referencesPatient('xPatient/p1', 'p1', BASE)).toBe(false);
  });
});
