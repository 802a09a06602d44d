/** Concurrent writers and transactions on both databases (part of the FHIR storage contract). */
import { randomUUID } from 'node:crypto';
import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { VersionConflictError, type FhirRepository } from '../repository.js';
import { rowsOf, type FhirContext } from './fhir-contract-support.js';

export function fhirConcurrencyContract(ctx: FhirContext): void {
  describe('concurrency and transactions', () => {
    const patient = (family: string, extra: Partial<Patient> = {}): Patient => ({ resourceType: 'Patient', name: [{ family }], ...extra });

    it('lets exactly one of many concurrent If-Match updates win', async () => {
      const { id } = await ctx.repo.create(patient('Race'));
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => ctx.repo.update(patient(`Racer ${i}`, { id }), { ifMatch: '1' })),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(11);
      for (const r of lost) expect(r.reason).toBeInstanceOf(VersionConflictError);
      expect((await ctx.repo.read('Patient', id))?.versionId).toBe('2');
      expect((await ctx.repo.history({ resourceType: 'Patient', id, count: 10, offset: 0 })).total).toBe(2);
      expect((await rowsOf(ctx.store, ctx.serviceId, 'Patient', id)).current).toBe(1);
    });

    it('serialises concurrent upserts of a new id into successive versions, without errors', async () => {
      const id = randomUUID();
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
        i % 2 ? ctx.repo.update(patient(`Up ${i}`, { id })).then((r) => r.version) : ctx.repo.create(patient(`Up ${i}`, { id }), 'PUT')));
      expect(results.map((v) => Number(v.versionId)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect((await ctx.repo.read('Patient', id))?.versionId).toBe('8');
    });

    it('commits all writes of a transaction together, and nested transactions join it', async () => {
      const ids = await ctx.repo.transaction(async (trx) => {
        const a = await trx.create(patient('T1'));
        const b = await trx.transaction((inner: FhirRepository) => inner.create(patient('T2')));
        expect((await trx.read('Patient', b.id))?.versionId).toBe('1');
        return [a.id, b.id];
      });
      for (const id of ids) expect((await ctx.repo.read('Patient', id))?.deleted).toBe(false);
    });

    it('rolls back every write of a failed transaction: resources, history and index rows', async () => {
      const existing = await ctx.repo.create(patient('Kept', { gender: 'female' }));
      let createdId = '';
      await expect(ctx.repo.transaction(async (trx) => {
        createdId = (await trx.create(patient('Rolled', { gender: 'male', birthDate: '2000-01-01' }))).id;
        await trx.update(patient('Changed', { id: existing.id, gender: 'other' }));
        await trx.delete('Patient', existing.id);
        throw new Error('abort');
      })).rejects.toThrow('abort');
      expect(await rowsOf(ctx.store, ctx.serviceId, 'Patient', createdId)).toEqual({ current: 0, history: 0, index: 0 });
      const after = await ctx.repo.read('Patient', existing.id);
      expect(after).toMatchObject({ versionId: '1', deleted: false, resource: { name: [{ family: 'Kept' }] } });
      const rows = await rowsOf(ctx.store, ctx.serviceId, 'Patient', existing.id);
      expect(rows.history).toBe(1);
      const gender = await ctx.store.db.selectFrom('fhir_idx_token').select('code')
        .where('service_id', '=', ctx.serviceId).where('resource_id', '=', existing.id).where('param', '=', 'gender').execute();
      expect(gender).toEqual([{ code: 'female' }]);
    });

    it('keeps a concurrent write outside a transaction out of it: the rollback does not take it along', async () => {
      let outside: Promise<{ id: string }> | undefined;
      const outsideId = randomUUID();
      let insideId = '';
      await expect(ctx.repo.transaction(async (trx) => {
        insideId = (await trx.create(patient('Inside'))).id;
        outside = ctx.repo.create(patient('Outside', { id: outsideId }));
        await new Promise((resolve) => setTimeout(resolve, 20));
        await trx.update(patient('Inside 2', { id: insideId }));
        throw new Error('abort');
      })).rejects.toThrow('abort');
      await outside;
      expect(await ctx.repo.read('Patient', insideId)).toBeUndefined();
      expect((await ctx.repo.read('Patient', outsideId))?.versionId).toBe('1');
    });
  });
}
