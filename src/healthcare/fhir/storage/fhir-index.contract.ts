/** Index rows as stored on both databases, for representative types (part of the FHIR storage contract). */
import type { Encounter, Observation, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { FhirContext } from './fhir-contract-support.js';

export function fhirIndexContract(ctx: FhirContext): void {
  describe('index rows', () => {
    const rows = async (table: 'fhir_idx_string' | 'fhir_idx_token' | 'fhir_idx_date' | 'fhir_idx_reference' | 'fhir_idx_quantity', id: string, param: string) =>
      ctx.store.db.selectFrom(table).selectAll().where('service_id', '=', ctx.serviceId).where('resource_id', '=', id).where('param', '=', param).execute();
    const compartment = async (id: string) =>
      (await ctx.store.db.selectFrom('fhir_idx_compartment').select('patient_id').where('service_id', '=', ctx.serviceId).where('resource_id', '=', id).execute())
        .map((r) => r.patient_id).sort();

    it('indexes a Patient: name, birthdate, identifier, gender, and its own compartment', async () => {
      const p = await ctx.repo.create({
        resourceType: 'Patient', name: [{ given: ['Zoë'], family: 'Müller' }], birthDate: '1980-03', gender: 'female',
        identifier: [{ system: 'urn:mrn', value: 'M-1', type: { text: 'Medical Record' } }],
      } as Patient);
      const names = await rows('fhir_idx_string', p.id, 'name');
      expect(names.map((r) => [r.value, r.exact]).sort()).toEqual([['muller', 'Müller'], ['zoe muller', 'Zoë Müller'], ['zoe', 'Zoë']]);
      expect(names[0]).toMatchObject({ resource_type: 'Patient', service_id: ctx.serviceId });
      expect(await rows('fhir_idx_date', p.id, 'birthdate')).toMatchObject([{ low: '1980-03-01T00:00:00.000Z', high: '1980-03-31T23:59:59.999Z' }]);
      expect(await rows('fhir_idx_token', p.id, 'identifier')).toMatchObject([{ system: 'urn:mrn', code: 'M-1', text: 'medical record' }]);
      expect(await rows('fhir_idx_token', p.id, 'gender')).toMatchObject([{ system: 'http://hl7.org/fhir/administrative-gender', code: 'female', text: '' }]);
      expect(await compartment(p.id)).toEqual([p.id]);

      await ctx.repo.update({ resourceType: 'Patient', id: p.id, gender: 'male' } as Patient);
      expect(await rows('fhir_idx_token', p.id, 'gender')).toMatchObject([{ code: 'male' }]);
      expect(await rows('fhir_idx_string', p.id, 'name')).toEqual([]);
    });

    it('indexes an Observation: code, date, value-quantity as a real number, subject, and the compartment', async () => {
      const o = await ctx.repo.create({
        resourceType: 'Observation', status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body Weight' }], text: 'Weight' },
        effectiveDateTime: '2021-06-01T10:30:00+02:00',
        valueQuantity: { value: 72.35, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
        subject: { reference: 'Patient/pat-1' },
        performer: [{ reference: 'https://fhir.test/ws/svc/Practitioner/doc-1' }, { reference: 'https://elsewhere/Practitioner/x' }],
      } as Observation);
      const codes = await rows('fhir_idx_token', o.id, 'code');
      expect(codes.map((r) => [r.system, r.code, r.text]).sort()).toEqual([['', '', 'weight'], ['http://loinc.org', '29463-7', 'body weight']]);
      expect(await rows('fhir_idx_date', o.id, 'date')).toMatchObject([{ low: '2021-06-01T08:30:00.000Z', high: '2021-06-01T08:30:00.999Z' }]);
      const quantity = await rows('fhir_idx_quantity', o.id, 'value-quantity');
      expect(quantity).toMatchObject([{ value: 72.35, system: 'http://unitsofmeasure.org', code: 'kg', unit: 'kg' }]);
      expect(typeof quantity[0]?.value).toBe('number');
      const inRange = await ctx.store.db.selectFrom('fhir_idx_quantity').select('resource_id')
        .where('service_id', '=', ctx.serviceId).where('param', '=', 'value-quantity').where('value', '>', 72.3).where('value', '<', 72.4).execute();
      expect(inRange.map((r) => r.resource_id)).toContain(o.id);
      expect(await rows('fhir_idx_reference', o.id, 'subject')).toMatchObject([{ target_type: 'Patient', target_id: 'pat-1', url: 'Patient/pat-1', identifier_value: '' }]);
      const performers = await rows('fhir_idx_reference', o.id, 'performer');
      expect(performers.map((r) => [r.target_type, r.target_id, r.url]).sort()).toEqual([
        ['', '', 'https://elsewhere/Practitioner/x'],
        ['Practitioner', 'doc-1', 'https://fhir.test/ws/svc/Practitioner/doc-1'],
      ]);
      expect(await compartment(o.id)).toEqual(['pat-1']);
    });

    it('stores text with NUL characters: the content as written, index columns without them', async () => {
      const p = await ctx.repo.create({ resourceType: 'Patient', name: [{ family: 'Nu\u0000ll' }] } as Patient);
      expect((await ctx.repo.read('Patient', p.id))?.resource).toMatchObject({ name: [{ family: 'Nu\u0000ll' }] });
      expect(await rows('fhir_idx_string', p.id, 'family')).toMatchObject([{ value: 'null', exact: 'Null' }]);
    });

    it('indexes an Encounter period, open at the end, and places it in its patient compartment', async () => {
      const e = await ctx.repo.create({
        resourceType: 'Encounter', status: 'in-progress', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        period: { start: '2022-02-02' }, subject: { reference: 'Patient/pat-2' },
      } as Encounter);
      expect(await rows('fhir_idx_date', e.id, 'date')).toMatchObject([{ low: '2022-02-02T00:00:00.000Z', high: '9999-12-31T23:59:59.999Z' }]);
      expect(await rows('fhir_idx_token', e.id, 'class')).toMatchObject([{ code: 'AMB' }]);
      expect(await compartment(e.id)).toEqual(['pat-2']);
      await ctx.repo.delete('Encounter', e.id);
      expect(await compartment(e.id)).toEqual([]);
    });
  });
}
