import type { CarePlan, Claim, MedicationRequest, Observation, Patient, Questionnaire, RiskAssessment } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { indexedParameters, indexResource } from './indexer.js';
import { INDEXED_TEXT_MAX } from './index-rows.js';

const BASE = 'https://fhir.test/ws/svc';

describe('indexResource', () => {
  it('evaluates the standard parameters of any type, skipping _id, _lastUpdated, composite and special ones', () => {
    const codes = indexedParameters('Observation').map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['code', 'date', 'subject', 'patient', 'value-quantity', '_tag', '_profile']));
    expect(codes).not.toContain('_id');
    expect(codes).not.toContain('_lastUpdated');
    expect(codes).not.toContain('code-value-quantity');
    expect(indexedParameters('Location').map((p) => p.code)).not.toContain('near');
    expect(indexedParameters('NoSuchType')).toEqual([]);
  });

  it('indexes names and addresses by part and as a whole, and contact points, booleans and meta as tokens', () => {
    const rows = indexResource({
      resourceType: 'Patient', id: 'p1', active: true, gender: 'female',
      meta: { tag: [{ system: 'urn:t', code: 'vip' }], profile: ['http://example.org/p'] },
      name: [{ text: 'Dr. Ann Lee', family: 'Lee', given: ['Ann'] }],
      address: [{ line: ['1 Main St'], city: 'Springfield', postalCode: '12345' }],
      telecom: [{ system: 'email', value: 'ann@example.org' }],
    } as Patient, BASE);
    const strings = (param: string) => rows.string.filter((r) => r.param === param).map((r) => r.value);
    expect(strings('name').sort()).toEqual(['ann', 'ann lee', 'dr. ann lee', 'lee']);
    expect(strings('address').sort()).toEqual(['1 main st', '1 main st springfield 12345', '12345', 'springfield']);
    expect(strings('address-postalcode')).toEqual(['12345']);
    const tokens = (param: string) => rows.token.filter((r) => r.param === param).map((r) => `${r.system}|${r.code}`);
    expect(tokens('email')).toEqual(['|ann@example.org']);
    expect(tokens('active')).toEqual(['|true']);
    // A code bound (required) to a one-system value set carries that system.
    expect(tokens('gender')).toEqual(['http://hl7.org/fhir/administrative-gender|female']);
    expect(tokens('_tag')).toEqual(['urn:t|vip']);
    expect(rows.uri).toEqual([{ param: '_profile', value: 'http://example.org/p' }]);
    expect(rows.compartment).toEqual(['p1']);
  });

  it('reads references: relative, versioned, on this base, elsewhere, contained, by identifier, canonical', () => {
    const rows = indexResource({
      resourceType: 'CarePlan', id: 'c1', status: 'active', intent: 'plan',
      subject: { reference: 'Patient/p1/_history/3' },
      careTeam: [{ reference: `${BASE}/CareTeam/t1` }, { reference: 'https://other.test/CareTeam/t2' }, { reference: '#ct' }],
      basedOn: [{ identifier: { system: 'urn:plans', value: 'P-9' }, type: 'CarePlan' }],
      instantiatesCanonical: ['http://example.org/PlanDefinition/pd|1.0'],
    } as CarePlan, BASE);
    const refs = (param: string) => rows.reference.filter((r) => r.param === param);
    expect(refs('subject')).toMatchObject([{ target_type: 'Patient', target_id: 'p1', url: 'Patient/p1/_history/3' }]);
    expect(refs('care-team').map((r) => `${r.target_type}/${r.target_id} ${r.url}`)).toEqual([
      `CareTeam/t1 ${BASE}/CareTeam/t1`, '/ https://other.test/CareTeam/t2', '/ #ct',
    ]);
    expect(refs('based-on')).toMatchObject([{ target_type: 'CarePlan', target_id: '', url: '', identifier_system: 'urn:plans', identifier_value: 'P-9' }]);
    expect(refs('instantiates-canonical')).toMatchObject([{ target_type: '', url: 'http://example.org/PlanDefinition/pd|1.0' }]);
    expect(rows.compartment).toEqual(['p1']);
  });

  it('puts a resource in every patient compartment its compartment parameters name, and in no other', () => {
    const rows = indexResource({
      resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'x' },
      subject: { reference: 'Patient/a' }, performer: [{ reference: 'Patient/b' }, { reference: 'Practitioner/d' }],
      hasMember: [{ reference: 'Observation/o2' }], focus: [{ reference: 'Patient/not-a-compartment-param' }],
    } as Observation, BASE);
    expect(rows.compartment.sort()).toEqual(['a', 'b']);
  });

  it('indexes numbers, money, and Timing as dates', () => {
    const risk = indexResource({ resourceType: 'RiskAssessment', id: 'r', status: 'final', subject: { reference: 'Patient/a' }, prediction: [{ probabilityDecimal: 0.25 }] } as RiskAssessment, BASE);
    expect(risk.number).toEqual([{ param: 'probability', value: 0.25 }]);
    const med = indexResource({
      resourceType: 'MedicationRequest', id: 'm', status: 'active', intent: 'order', subject: { reference: 'Patient/a' },
      medicationCodeableConcept: { text: 'x' }, dosageInstruction: [{ timing: { event: ['2024-05-01T08:00:00Z'] } }],
    } as MedicationRequest, BASE);
    expect(med.date.filter((d) => d.param === 'date')).toEqual([{ param: 'date', low: '2024-05-01T08:00:00.000Z', high: '2024-05-01T08:00:00.999Z' }]);
    const claim = indexResource({
      resourceType: 'Claim', id: 'c', status: 'active', use: 'claim', type: { text: 't' }, patient: { reference: 'Patient/a' }, created: '2024',
      provider: { reference: 'Organization/o' }, priority: { text: 'p' }, insurance: [], total: { value: 12.5, currency: 'EUR' },
    } as unknown as Claim, BASE);
    expect(claim.date).toContainEqual({ param: 'created', low: '2024-01-01T00:00:00.000Z', high: '2024-12-31T23:59:59.999Z' });
  });

  it('skips values it cannot read rather than failing, and clips long indexed text', () => {
    const long = 'x'.repeat(INDEXED_TEXT_MAX + 100);
    const rows = indexResource({ resourceType: 'Questionnaire', id: 'q', status: 'draft', title: long, date: 'not a date', url: long } as Questionnaire, BASE);
    const title = rows.string.find((r) => r.param === 'title');
    expect(title?.value).toHaveLength(INDEXED_TEXT_MAX);
    expect(title?.exact).toBe(long);
    expect(rows.date).toEqual([]);
    expect(rows.uri.find((r) => r.param === 'url')?.value).toHaveLength(INDEXED_TEXT_MAX);
  });

  it('writes one row per distinct value', () => {
    const rows = indexResource({ resourceType: 'Patient', id: 'p', identifier: [{ system: 's', value: '1' }, { system: 's', value: '1' }] } as Patient, BASE);
    expect(rows.token.filter((r) => r.param === 'identifier')).toHaveLength(1);
  });
});
