import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { isUniqueViolation, Store } from '../store.js';
import { MIGRATIONS } from './index.js';

describe('migration 011', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-m011-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('fills in the URL segment of FHIR services deployed before it, then keeps segments and workspace names unique', async () => {
    // A database from before it, with a deployed FHIR service.
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(path.join(dataDir, 'entrada.db')) }) });
    const before = Object.keys(MIGRATIONS).filter((name) => name < '011');
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo(before[before.length - 1]!);
    if (error) throw error;
    for (const id of ['t1', 't2']) await db.insertInto('tenants').values({ id, display_name: id, created_at: '', data: '{}' }).execute();
    await db.insertInto('healthcare_workspaces').values({ tenant_id: 't1', id: 'w1', name: 'my-ws', created_at: '' }).execute();
    await db.insertInto('fhir_services').values({ tenant_id: 't1', id: 's1', workspace_id: 'w1', name: 'fhir', created_at: '' }).execute();
    await db.destroy();

    const store = await Store.open({ dataDir });
    try {
      const row = await store.db.selectFrom('fhir_services').select('path_segment').where('id', '=', 's1').executeTakeFirstOrThrow();
      expect(row.path_segment).toBe('my-ws-fhir');
      const insertWorkspace = store.tenant('t2').insert('healthcare_workspaces', { id: 'w2', name: 'my-ws', created_at: '' });
      expect(isUniqueViolation(await insertWorkspace.then(() => undefined, (e: unknown) => e))).toBe(true);
      await store.tenant('t2').insert('healthcare_workspaces', { id: 'w3', name: 'my', created_at: '' });
      const insertService = store.tenant('t2').insert('fhir_services', { id: 's3', workspace_id: 'w3', name: 'ws-fhir', path_segment: 'my-ws-fhir', created_at: '' });
      expect(isUniqueViolation(await insertService.then(() => undefined, (e: unknown) => e))).toBe(true);
    } finally {
      await store.close();
    }
  });
});
