/**
 * The FHIR storage contract: one suite, run on embedded SQLite (fhir-repository.test.ts) and on a real
 * PostgreSQL (fhir-repository.pg.test.ts). Concurrency and transactions (fhir-concurrency.contract.ts) and index
 * rows (fhir-index.contract.ts) are parts of it, run from here.
 */
import { randomUUID } from 'node:crypto';
import type { Observation, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../store/store.js';
import { VersionConflictError } from '../repository.js';
import { fhirConcurrencyContract } from './fhir-concurrency.contract.js';
import { fhirIndexContract } from './fhir-index.contract.js';
import { FhirStore } from './fhir-store.js';
import { rowsOf, steppingClock, type FhirContext } from './fhir-contract-support.js';
import type { KyselyFhirRepository } from './kysely-repository.js';

export interface FhirStoreUnderTest { store: Store; cleanup(): Promise<void> }

export function fhirRepositoryContract(name: string, open: () => Promise<FhirStoreUnderTest>): void {
  describe(`FHIR storage contract: ${name}`, () => {
    let sut: FhirStoreUnderTest;
    const ctx = {} as FhirContext;
    let repo: KyselyFhirRepository;
    const patient = (family: string, extra: Partial<Patient> = {}): Patient => ({ resourceType: 'Patient', name: [{ family }], ...extra });

    beforeAll(async () => {
      sut = await open();
      ctx.store = sut.store;
      ctx.fhir = new FhirStore(sut.store, steppingClock());
      ctx.serviceId = randomUUID();
      ctx.repo = ctx.fhir.repository({ tenantId: randomUUID(), serviceId: ctx.serviceId, baseUrl: 'https://fhir.test/ws/svc' });
      ctx.other = ctx.fhir.repository({ tenantId: randomUUID(), serviceId: randomUUID(), baseUrl: 'https://fhir.test/ws/other' });
      repo = ctx.repo;
    });
    afterAll(async () => {
      await sut?.store.close();
      await sut?.cleanup();
    });

    it('creates with a server id, version 1 and meta, keeping the client meta; reads it back as stored', async () => {
      const v = await repo.create(patient('Create', { id: 'ignored-by-http-layer', meta: { versionId: '9', tag: [{ system: 's', code: 't' }], profile: ['http://p'] } }));
      expect(v.id).toBe('ignored-by-http-layer');
      const fresh = await repo.create(patient('Fresh', { meta: { security: [{ code: 'R' }] } }));
      expect(fresh.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(fresh).toMatchObject({ resourceType: 'Patient', versionId: '1', deleted: false, method: 'POST' });
      expect(fresh.resource?.meta).toEqual({ versionId: '1', lastUpdated: fresh.lastUpdated, security: [{ code: 'R' }] });
      expect(fresh.lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const read = await repo.read('Patient', fresh.id);
      expect(read).toMatchObject({ id: fresh.id, versionId: '1', lastUpdated: fresh.lastUpdated, deleted: false });
      expect(read?.resource).toEqual(fresh.resource);
      expect(JSON.parse(read?.json ?? '')).toEqual(fresh.resource);
      expect(v.resource?.meta).toMatchObject({ versionId: '1', tag: [{ system: 's', code: 't' }], profile: ['http://p'] });
      expect(await repo.read('Patient', 'never')).toBeUndefined();
      expect(await repo.read('Observation', fresh.id)).toBeUndefined();
    });

    it('keeps services apart: another service neither sees nor changes the resource', async () => {
      const v = await repo.create(patient('Mine'));
      expect(await ctx.other.read('Patient', v.id)).toBeUndefined();
      expect(await ctx.other.delete('Patient', v.id)).toBeUndefined();
      expect(await ctx.other.hardDelete('Patient', v.id)).toBe(false);
      expect((await ctx.other.history({ count: 100, offset: 0 })).total).toBe(0);
      expect((await repo.read('Patient', v.id))?.deleted).toBe(false);
    });

    it('refuses a POST create of an id that exists, and turns a PUT create of one into a new version', async () => {
      const v = await repo.create(patient('Twice'));
      await expect(repo.create(patient('Again', { id: v.id }), 'POST')).rejects.toBeInstanceOf(VersionConflictError);
      const put = await repo.create(patient('Again', { id: v.id }), 'PUT');
      expect(put).toMatchObject({ id: v.id, versionId: '2', method: 'PUT' });
    });

    it('updates: creates when absent, then adds versions; vread returns each version', async () => {
      const id = randomUUID();
      const first = await repo.update(patient('V1', { id }));
      expect(first.created).toBe(true);
      expect(first.version).toMatchObject({ versionId: '1', method: 'PUT' });
      const second = await repo.update(patient('V2', { id }), { method: 'PATCH' });
      expect(second.created).toBe(false);
      expect(second.version).toMatchObject({ versionId: '2', method: 'PATCH' });
      expect(second.version.lastUpdated > first.version.lastUpdated).toBe(true);
      expect((await repo.vread('Patient', id, '1'))?.resource).toMatchObject({ name: [{ family: 'V1' }], meta: { versionId: '1' } });
      expect(await repo.vread('Patient', id, '2')).toMatchObject({ versionId: '2', method: 'PATCH', resource: { name: [{ family: 'V2' }] } });
      expect(await repo.vread('Patient', id, '3')).toBeUndefined();
      expect(await repo.vread('Patient', id, 'x')).toBeUndefined();
      expect(await repo.vread('Patient', id, '0')).toBeUndefined();
      expect((await repo.read('Patient', id))?.versionId).toBe('2');
    });

    it('applies If-Match only to the version named, and reports the current one', async () => {
      const id = randomUUID();
      await expect(repo.update(patient('None', { id }), { ifMatch: '1' })).rejects.toMatchObject({ currentVersionId: undefined });
      await repo.update(patient('A', { id }));
      await expect(repo.update(patient('B', { id }), { ifMatch: '2' })).rejects.toMatchObject({ name: 'VersionConflictError', currentVersionId: '1' });
      const ok = await repo.update(patient('B', { id }), { ifMatch: '1' });
      expect(ok.version.versionId).toBe('2');
    });

    it('soft-deletes: a deletion version without content, history kept, index rows gone; a later update revives it', async () => {
      const { id } = await repo.create(patient('Doomed', { gender: 'male' }));
      expect((await rowsOf(ctx.store, ctx.serviceId, 'Patient', id)).index).toBeGreaterThan(0);
      const deleted = await repo.delete('Patient', id);
      expect(deleted).toMatchObject({ id, versionId: '2', deleted: true, method: 'DELETE' });
      expect(deleted?.resource).toBeUndefined();
      const read = await repo.read('Patient', id);
      expect(read).toMatchObject({ versionId: '2', deleted: true, method: 'DELETE' });
      expect(read?.resource).toBeUndefined();
      expect(read?.json).toBeUndefined();
      expect(await rowsOf(ctx.store, ctx.serviceId, 'Patient', id)).toEqual({ current: 1, history: 2, index: 0 });
      expect(await repo.delete('Patient', id)).toBeUndefined();
      expect(await repo.delete('Patient', randomUUID())).toBeUndefined();
      expect((await repo.vread('Patient', id, '1'))?.resource?.id).toBe(id);
      const revived = await repo.update(patient('Back', { id }));
      expect(revived).toMatchObject({ created: true, version: { versionId: '3' } });
      expect((await rowsOf(ctx.store, ctx.serviceId, 'Patient', id)).index).toBeGreaterThan(0);
    });

    it('hard-deletes a resource with all its versions and index rows', async () => {
      const { id } = await repo.create(patient('Gone'));
      await repo.update(patient('Gone again', { id }));
      expect(await repo.hardDelete('Patient', id)).toBe(true);
      expect(await repo.read('Patient', id)).toBeUndefined();
      expect(await repo.vread('Patient', id, '1')).toBeUndefined();
      expect(await rowsOf(ctx.store, ctx.serviceId, 'Patient', id)).toEqual({ current: 0, history: 0, index: 0 });
      expect(await repo.hardDelete('Patient', id)).toBe(false);
    });

    it('pages history of an instance, a type and the service, newest first, with since/before and totals', async () => {
      const h = ctx.fhir.repository({ tenantId: randomUUID(), serviceId: randomUUID(), baseUrl: 'https://fhir.test/h' });
      const a = await h.create(patient('H1'));
      const o = await h.create({ resourceType: 'Observation', status: 'final', code: { text: 'x' } } as Observation);
      await h.update(patient('H2', { id: a.id }));
      await h.delete('Patient', a.id);

      const instance = await h.history({ resourceType: 'Patient', id: a.id, count: 10, offset: 0 });
      expect(instance.total).toBe(3);
      expect(instance.versions.map((v) => [v.versionId, v.method, v.deleted])).toEqual([['3', 'DELETE', true], ['2', 'PUT', false], ['1', 'POST', false]]);
      expect(instance.versions[1]?.resource).toMatchObject({ name: [{ family: 'H2' }] });

      const type = await h.history({ resourceType: 'Observation', count: 10, offset: 0 });
      expect(type.versions.map((v) => v.id)).toEqual([o.id]);

      const all = await h.history({ count: 2, offset: 0 });
      expect(all.total).toBe(4);
      expect(all.versions.map((v) => `${v.resourceType}/${v.versionId}`)).toEqual(['Patient/3', 'Patient/2']);
      const next = await h.history({ count: 2, offset: 2 });
      expect(next.versions.map((v) => `${v.resourceType}/${v.versionId}`)).toEqual(['Observation/1', 'Patient/1']);

      expect((await h.history({ since: o.lastUpdated, count: 10, offset: 0 })).total).toBe(3);
      const before = await h.history({ before: o.lastUpdated, count: 10, offset: 0 });
      expect(before.versions.map((v) => v.id)).toEqual([a.id]);
      // A bound without milliseconds means the same instant.
      expect((await h.history({ since: o.lastUpdated.replace('.000Z', 'Z'), count: 10, offset: 0 })).total).toBe(3);
      const countOnly = await h.history({ count: 0, offset: 0 });
      expect(countOnly).toEqual({ versions: [], total: 4 });
    });

    it('loads many resources in batches with their index rows', async () => {
      const bulk = ctx.fhir.repository({ tenantId: randomUUID(), serviceId: randomUUID(), baseUrl: 'https://fhir.test/bulk' });
      const patients = Array.from({ length: 120 }, (_, i) => patient(`Bulk${i}`, { id: `bulk-${i}`, gender: i % 2 ? 'male' : 'female' }));
      const versions = await bulk.createMany(patients, 50);
      expect(versions).toHaveLength(120);
      expect((await bulk.read('Patient', 'bulk-7'))?.resource).toMatchObject({ name: [{ family: 'Bulk7' }], meta: { versionId: '1' } });
      expect((await bulk.history({ count: 0, offset: 0 })).total).toBe(120);
      const males = await ctx.store.db.selectFrom('fhir_idx_token').select('resource_id')
        .where('service_id', '=', bulk.scope.serviceId).where('param', '=', 'gender').where('code', '=', 'male').execute();
      expect(males).toHaveLength(60);
      await expect(bulk.createMany([patient('Dup', { id: 'bulk-1' })])).rejects.toThrow();
      expect((await bulk.read('Patient', 'bulk-1'))?.resource).toMatchObject({ name: [{ family: 'Bulk1' }] });
      // A loader refreshes the planner's statistics afterwards; the data stays as it was.
      await ctx.fhir.analyze();
      expect((await bulk.history({ count: 0, offset: 0 })).total).toBe(120);
    });

    it("deletes one service's data and nothing else", async () => {
      const doomed = ctx.fhir.repository({ tenantId: randomUUID(), serviceId: randomUUID(), baseUrl: 'https://fhir.test/doomed' });
      const gone = await doomed.create(patient('Gone', { gender: 'male' }));
      const kept = await repo.create(patient('Kept'));
      await ctx.fhir.deleteServiceData(doomed.scope.serviceId);
      expect(await rowsOf(ctx.store, doomed.scope.serviceId, 'Patient', gone.id)).toEqual({ current: 0, history: 0, index: 0 });
      expect((await repo.read('Patient', kept.id))?.versionId).toBe('1');
    });

    fhirConcurrencyContract(ctx);
    fhirIndexContract(ctx);
  });
}
