/**
 * FHIR REST writes that lean on the database's transactions and row locks, run on each database: concurrent
 * If-Match updates (exactly one wins), concurrent plain updates (each gets its own version), and a transaction
 * that fails halfway (nothing left behind).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutcome, fhirAppToken, fhirClient, type FhirClient } from './support/fhir-rest.js';
import type { TestApp } from './support/server.js';

export function fhirWritesContract(name: string, open: () => Promise<{ t: TestApp; cleanup(): Promise<void> }>): void {
  describe(`FHIR writes: ${name}`, () => {
    let t: TestApp;
    let cleanup: () => Promise<void>;
    let fhir: FhirClient;

    beforeAll(async () => {
      ({ t, cleanup } = await open());
      fhir = fhirClient(t, await fhirAppToken(t));
    });
    afterAll(async () => {
      await t?.close();
      await cleanup?.();
    });

    const patient = (extra: Record<string, unknown> = {}) => ({ resourceType: 'Patient', ...extra });

    it('concurrent updates with the same If-Match: exactly one wins, the others get 412', async () => {
      const id = (await fhir.create('Patient', patient())).json().id;
      const attempts = await Promise.all(Array.from({ length: 8 }, (_, i) =>
        fhir.update(`Patient/${id}`, patient({ id, birthDate: `200${i}-01-01` }), { 'if-match': 'W/"1"' })));
      expect(attempts.map((r) => r.statusCode).sort()).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
      for (const r of attempts.filter((a) => a.statusCode === 412)) expectOutcome(r, 412, 'conflict');
      const current = (await fhir.read(`Patient/${id}`)).json();
      expect(current.meta.versionId).toBe('2');
      expect(current.birthDate).toBe(attempts.find((r) => r.statusCode === 200)!.json().birthDate);
    });

    it('concurrent updates without If-Match each make their own version', async () => {
      const id = (await fhir.create('Patient', patient())).json().id;
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => fhir.update(`Patient/${id}`, patient({ id, birthDate: `199${i}` }))));
      expect(results.every((r) => r.statusCode === 200)).toBe(true);
      expect(results.map((r) => Number(r.json().meta.versionId)).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
      expect((await fhir.read(`Patient/${id}/_history`)).json().total).toBe(7);
    });

    it('a transaction that fails halfway leaves nothing behind: no create, no update, no delete', async () => {
      const system = `urn:test:${crypto.randomUUID()}`;
      await fhir.update('Patient/tx-keep', patient({ id: 'tx-keep', active: true }));
      await fhir.update('Patient/tx-change', patient({ id: 'tx-change', active: true }));
      const res = await fhir.request({ method: 'POST', path: '', body: { resourceType: 'Bundle', type: 'transaction', entry: [
        { request: { method: 'DELETE', url: 'Patient/tx-keep' } },
        { fullUrl: 'urn:uuid:55555555-5555-4555-8555-555555555555', resource: patient({ identifier: [{ system, value: 'new' }] }), request: { method: 'POST', url: 'Patient' } },
        { resource: patient({ id: 'tx-change', active: false, link: [{ type: 'seealso', other: { reference: 'urn:uuid:55555555-5555-4555-8555-555555555555' } }] }), request: { method: 'PUT', url: 'Patient/tx-change' } },
        { resource: { resourceType: 'Observation', status: 'final', code: 42 }, request: { method: 'POST', url: 'Observation' } },
      ] } });
      const outcome = expectOutcome(res, 400);
      expect(outcome.issue[0]!.expression).toEqual(['Observation.code']);
      expect((await fhir.read('Patient/tx-keep')).json().meta.versionId).toBe('1');
      expect((await fhir.read('Patient/tx-change')).json()).toMatchObject({ active: true, meta: { versionId: '1' } });
      const found = (await fhir.read(`Patient?identifier=${encodeURIComponent(`${system}|new`)}`)).json();
      expect(found.entry ?? []).toEqual([]);
      expect((await fhir.read('Patient/tx-change/_history')).json().total).toBe(1);
    });

    it('a transaction that succeeds writes every entry and links them', async () => {
      const res = await fhir.request({ method: 'POST', path: '', body: { resourceType: 'Bundle', type: 'transaction', entry: [
        { fullUrl: 'urn:uuid:66666666-6666-4666-8666-666666666666', resource: patient(), request: { method: 'POST', url: 'Patient' } },
        { resource: { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'urn:uuid:66666666-6666-4666-8666-666666666666' } }, request: { method: 'POST', url: 'Encounter' } },
      ] } });
      expect(res.statusCode, res.body).toBe(200);
      const [p, e] = res.json().entry;
      const encounter = (await fhir.read(`Encounter/${e.resource.id}`)).json();
      expect(encounter.subject.reference).toBe(`Patient/${p.resource.id}`);
      const byPatient = (await fhir.read(`Encounter?subject=Patient/${p.resource.id}`)).json();
      expect(byPatient.entry.map((x: any) => x.resource.id)).toEqual([e.resource.id]);
    });
  });
}
