/**
 * The import engine against a real database: pages of lines stored through the repository with the cursor in
 * the same transaction, so a restart half-way neither repeats nor loses a line; export files as inputs. Run on
 * embedded SQLite and on PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newGuid } from '../../../lib/ids.js';
import type { Store } from '../../../store/store.js';
import { BulkJobs } from '../bulk/jobs.js';
import { BulkRunner } from '../bulk/runner.js';
import { START_CURSOR, type ExportCursor, type ExportRequest } from '../export/job.js';
import { exportWorker } from '../export/step.js';
import { FhirStore } from '../storage/fhir-store.js';
import type { InputSource } from './inputs.js';
import { IMPORT_START, importWorker, type ImportCursor, type ImportRequest } from './step.js';

export interface ImportTestDb { store: Store; reopen(): Promise<Store>; cleanup(): Promise<void> }

const clock = { now: () => new Date() };
const base = 'https://localhost:8443/fhir/local-fhir';

export function importContract(name: string, open: () => Promise<ImportTestDb>): void {
  describe(`import engine (${name})`, () => {
    let db: ImportTestDb;
    let store: Store;
    let dir: string;
    const tenantId = newGuid();

    beforeEach(async () => {
      db = await open();
      store = db.store;
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-import-'));
    });
    afterEach(async () => {
      await store.close();
      await db.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const jobs = () => new BulkJobs(store.db, clock);
    const runner = (pageSize = 2) => new BulkRunner(jobs(), {
      import: importWorker(store.db, store.dialect, clock, { pageSize }), export: exportWorker(store.db, store.dialect, { pageSize }),
    });
    const startImport = (serviceId: string, sources: InputSource[]) => jobs().create<ImportRequest, ImportCursor>('import', {
      tenantId, serviceId, requestUrl: `${base}/$import`, requestedBy: 'caller', cursor: IMPORT_START,
      request: { mode: 'IncrementalLoad', baseUrl: base, inputs: sources.map((source, i) => ({ type: 'Patient', url: `input-${i}`, source })) },
    });
    const runToEnd = async (jobId: string, one = runner()) => {
      for (let i = 0; i < 1000 && await one.advance(jobId); i++);
      await one.stop();
    };
    const versions = async (serviceId: string) => (await store.db.selectFrom('fhir_resources').select(['id', 'version_id'])
      .where('service_id', '=', serviceId).orderBy('id').execute()).map((r) => `${r.id}@${r.version_id}`);

    it('resumes after a restart without repeating or losing a line', async () => {
      const file = path.join(dir, 'p.ndjson');
      fs.writeFileSync(file, Array.from({ length: 5 }, (_, i) => JSON.stringify({ resourceType: 'Patient', id: `p${i}` })).join('\n'));
      const serviceId = newGuid();
      const job = await startImport(serviceId, [{ kind: 'file', path: file }]);
      const first = runner();
      expect(await first.advance(job.id)).toBe(true);
      await first.stop();
      await store.close();

      store = await db.reopen();
      expect(await versions(serviceId)).toEqual(['p0@1', 'p1@1']);
      await runToEnd(job.id);
      const done = (await jobs().get<ImportRequest, ImportCursor>(serviceId, 'import', job.id))!;
      expect(done.status).toBe('completed');
      expect(done.cursor.results).toEqual([{ succeeded: 5, failed: 0 }]);
      expect(await versions(serviceId)).toEqual(['p0@1', 'p1@1', 'p2@1', 'p3@1', 'p4@1']);
    });

    it('reads the NDJSON files of an export, chunk after chunk', async () => {
      const from = newGuid();
      const repo = new FhirStore(store, clock).repository({ tenantId, serviceId: from, baseUrl: base });
      for (let i = 0; i < 5; i++) await repo.update({ resourceType: 'Patient', id: `x${i}`, gender: 'other' });
      const exported = await jobs().create<ExportRequest, ExportCursor>('export', {
        tenantId, serviceId: from, requestUrl: `${base}/$export`, requestedBy: 'caller', request: { level: 'system' }, cursor: START_CURSOR,
      });
      await runToEnd(exported.id);
      expect((await jobs().files(exported.id)).map((f) => f.count)).toEqual([5]);

      const to = newGuid();
      const job = await startImport(to, [{ kind: 'export', jobId: exported.id, type: 'Patient', fileNo: 1 }]);
      await runToEnd(job.id);
      expect((await jobs().get<ImportRequest, ImportCursor>(to, 'import', job.id))!.cursor.results).toEqual([{ succeeded: 5, failed: 0 }]);
      expect(await versions(to)).toEqual(['x0@1', 'x1@1', 'x2@1', 'x3@1', 'x4@1']);
    });

    it('stops at a cancellation, keeping what was already committed', async () => {
      const file = path.join(dir, 'p.ndjson');
      fs.writeFileSync(file, Array.from({ length: 6 }, (_, i) => JSON.stringify({ resourceType: 'Patient', id: `c${i}` })).join('\n'));
      const serviceId = newGuid();
      const job = await startImport(serviceId, [{ kind: 'file', path: file }]);
      const one = runner();
      expect(await one.advance(job.id)).toBe(true);
      expect(await jobs().cancel(serviceId, 'import', job.id)).toBe('cancelled');
      expect(await one.advance(job.id)).toBe(false);
      await one.stop();
      expect(await versions(serviceId)).toEqual(['c0@1', 'c1@1']);
    });
  });
}
