/**
 * The export engine against a real database: jobs, the runner, and what lands in the output — the resources as
 * they stood at the kick-off, `_since`, Patient compartments, Group members, file splitting, leases, and a
 * restart half-way through a job. Run on embedded SQLite and on PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../lib/clock.js';
import { newGuid } from '../../../lib/ids.js';
import type { Store } from '../../../store/store.js';
import { FhirStore } from '../storage/fhir-store.js';
import { BulkJobs } from '../bulk/jobs.js';
import { BulkRunner, type BulkRunnerOptions } from '../bulk/runner.js';
import { START_CURSOR, type ExportCursor, type ExportJob, type ExportRequest } from './job.js';
import { exportWorker, type ExportWorkerOptions } from './step.js';

export interface ExportTestDb { store: Store; reopen(): Promise<Store>; cleanup(): Promise<void> }

class TestClock implements Clock {
  private t = Date.parse('2026-01-01T00:00:00.000Z');
  now(): Date { return new Date(this.t); }
  tick(ms = 1000): void { this.t += ms; }
}

export function exportContract(name: string, open: () => Promise<ExportTestDb>): void {
  describe(`export engine (${name})`, () => {
    let db: ExportTestDb;
    let store: Store;
    let clock: TestClock;
    const serviceId = newGuid();
    const base = 'https://localhost:8443/fhir/local-fhir';

    beforeEach(async () => {
      db = await open();
      store = db.store;
      clock = new TestClock();
    });
    afterEach(async () => {
      await store.close();
      await db.cleanup();
    });

    const repo = () => new FhirStore(store, clock).repository({ tenantId: newGuid(), serviceId, baseUrl: base });
    const put = async (resource: Record<string, unknown>) => {
      clock.tick();
      return (await repo().update(resource as never)).version;
    };
    const jobs = () => new BulkJobs(store.db, clock);
    const getJob = async (id: string) => jobs().get<ExportRequest, ExportCursor>(serviceId, 'export', id) as Promise<ExportJob | undefined>;
    const startJob = async (request: Partial<ExportRequest> = {}) => {
      clock.tick();
      return jobs().create<ExportRequest, ExportCursor>('export', {
        tenantId: newGuid(), serviceId, requestUrl: `${base}/$export`, requestedBy: 'caller', request: { level: 'system', ...request }, cursor: START_CURSOR,
      });
    };
    const runner = (options: ExportWorkerOptions & BulkRunnerOptions = {}) =>
      new BulkRunner(jobs(), { export: exportWorker(store.db, store.dialect, options) }, options);
    /** Run a job to its end with a runner of its own, as a started app would. */
    const runToEnd = async (jobId: string) => {
      const one = runner();
      for (let i = 0; i < 10_000 && await one.advance(jobId); i++);
      await one.stop();
      return getJob(jobId);
    };
    /** The output as { type: [ids] } in file order, each line parsed. */
    const output = async (jobId: string) => {
      const job = (await getJob(jobId))!;
      const byType: Record<string, Array<Record<string, any>>> = {};
      for (const file of await jobs().files(job.id, job.cursor.types)) {
        let text = '';
        for await (const part of jobs().fileContent(job.id, file.type, file.fileNo)) text += part;
        const lines = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
        expect(lines).toHaveLength(file.count);
        (byType[file.type] ??= []).push(...lines);
      }
      return byType;
    };
    const ids = (resources: Array<Record<string, any>> | undefined) => (resources ?? []).map((r) => r.id as string).sort();

    it('exports every type as it stood at the kick-off, with meta set', async () => {
      await put({ resourceType: 'Patient', id: 'p1', name: [{ family: 'Before' }] });
      await put({ resourceType: 'Patient', id: 'p2' });
      await put({ resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/p1' } });
      await put({ resourceType: 'Patient', id: 'gone' });
      clock.tick();
      await repo().delete('Patient', 'gone');
      const job = await startJob();
      await put({ resourceType: 'Patient', id: 'p1', name: [{ family: 'After' }] });
      await put({ resourceType: 'Patient', id: 'late' });
      clock.tick();
      await repo().delete('Patient', 'p2');

      expect((await runToEnd(job.id))!.status).toBe('completed');
      const out = await output(job.id);
      expect(Object.keys(out).sort()).toEqual(['Observation', 'Patient']);
      expect(ids(out.Patient)).toEqual(['p1', 'p2']);
      const p1 = out.Patient!.find((r) => r.id === 'p1')!;
      expect(p1).toMatchObject({ resourceType: 'Patient', name: [{ family: 'Before' }], meta: { versionId: '1' } });
      expect(p1.meta.lastUpdated <= job.transactionTime).toBe(true);
    });

    it('honours _type and _since', async () => {
      await put({ resourceType: 'Patient', id: 'old' });
      await put({ resourceType: 'Observation', id: 'old-obs', status: 'final', code: { text: 'x' } });
      const since = clock.now().toISOString();
      await put({ resourceType: 'Patient', id: 'new' });
      await put({ resourceType: 'Observation', id: 'new-obs', status: 'final', code: { text: 'x' } });
      await put({ resourceType: 'Encounter', id: 'enc', status: 'finished', class: { code: 'AMB' } });
      const job = await startJob({ types: ['Patient', 'Encounter'], since });
      await runToEnd(job.id);
      const out = await output(job.id);
      expect(Object.keys(out).sort()).toEqual(['Encounter', 'Patient']);
      expect(ids(out.Patient)).toEqual(['new']);
    });

    it('limits Patient level to compartments and Group level to the members', async () => {
      await put({ resourceType: 'Patient', id: 'a' });
      await put({ resourceType: 'Patient', id: 'b' });
      await put({ resourceType: 'Observation', id: 'oa', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/a' } });
      await put({ resourceType: 'Observation', id: 'ob', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/b' } });
      await put({ resourceType: 'Observation', id: 'nobody', status: 'final', code: { text: 'x' } });
      await put({ resourceType: 'Organization', id: 'org', name: 'Not in a compartment' });

      const patientJob = await startJob({ level: 'patient' });
      await runToEnd(patientJob.id);
      const all = await output(patientJob.id);
      expect(Object.keys(all).sort()).toEqual(['Observation', 'Patient']);
      expect(ids(all.Observation)).toEqual(['oa', 'ob']);

      // More members than either database takes as parameters of one statement.
      const many = Array.from({ length: 70_000 }, (_, i) => `absent-${i}`);
      const groupJob = await startJob({ level: 'group', groupId: 'g', patientIds: [...many, 'b'] });
      await runToEnd(groupJob.id);
      const members = await output(groupJob.id);
      expect(ids(members.Patient)).toEqual(['b']);
      expect(ids(members.Observation)).toEqual(['ob']);
    });

    it('splits a type into numbered files and resumes after a restart without losing or repeating anything', async () => {
      for (let i = 0; i < 7; i++) await put({ resourceType: 'Patient', id: `p${i}` });
      const job = await startJob({ types: ['Patient'] });
      const options = { pageSize: 2, resourcesPerFile: 3 };

      const first = runner(options);
      expect(await first.advance(job.id)).toBe(true); // fixes the types
      expect(await first.advance(job.id)).toBe(true); // the first chunk: p0, p1
      await first.stop();
      await store.close();

      store = await db.reopen();
      const midway = (await getJob(job.id))!;
      expect(midway).toMatchObject({ status: 'running', cursor: { exported: 2, afterId: 'p1' } });
      const second = runner(options);
      second.start();
      for (let i = 0; i < 200 && (await getJob(job.id))!.status !== 'completed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await second.stop();

      const done = (await getJob(job.id))!;
      expect(done.status).toBe('completed');
      expect((await jobs().files(done.id)).map((f) => [f.fileNo, f.count])).toEqual([[1, 3], [2, 3], [3, 1]]);
      expect((await output(job.id)).Patient!.map((r) => r.id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    });

    it('keeps a job to the process holding its lease until the lease expires', async () => {
      await put({ resourceType: 'Patient', id: 'p' });
      const job = await startJob();
      const crashed = runner({ leaseMs: 60_000 });
      expect(await crashed.advance(job.id)).toBe(true);
      const other = runner({ leaseMs: 60_000 });
      expect(await other.advance(job.id)).toBe(false);
      expect(await jobs().claimable(10)).toEqual([]);
      clock.tick(61_000);
      expect(await jobs().claimable(10)).toEqual([job.id]);
      expect(await other.advance(job.id)).toBe(true);
      // The first process is no longer the owner: its next step is refused.
      expect(await crashed.advance(job.id)).toBe(false);
    });

    it('cancels an unfinished job, drops its output, and refuses to cancel a finished one', async () => {
      for (let i = 0; i < 4; i++) await put({ resourceType: 'Patient', id: `p${i}` });
      const job = await startJob();
      const one = runner({ pageSize: 2 });
      await one.advance(job.id);
      await one.advance(job.id);
      expect(await jobs().files(job.id)).toHaveLength(1);
      expect(await jobs().cancel(serviceId, 'export', job.id)).toBe('cancelled');
      expect(await one.advance(job.id)).toBe(false);
      expect((await getJob(job.id))!.status).toBe('cancelled');
      expect(await jobs().files(job.id)).toEqual([]);
      expect(await jobs().cancel(serviceId, 'export', job.id)).toBe('finished');
      expect(await jobs().get(newGuid(), 'export', job.id)).toBeUndefined();
      expect(await jobs().get(serviceId, 'import', job.id)).toBeUndefined();

      const other = await startJob();
      await runToEnd(other.id);
      expect(await jobs().files(other.id)).toHaveLength(1);
      await jobs().deleteService(serviceId);
      expect(await getJob(other.id)).toBeUndefined();
      expect(await jobs().files(other.id)).toEqual([]);
    });
  });
}
