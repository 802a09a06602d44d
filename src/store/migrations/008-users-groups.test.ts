import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../store.js';
import { MIGRATIONS } from './index.js';

describe('migration 008', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-m008-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('fills in the lower-cased display name of users stored before it, Unicode included', async () => {
    // A database from before it: migrated up to 007, with a user in it.
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(path.join(dataDir, 'entrada.db')) }) });
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo('007-refresh-token-families');
    if (error) throw error;
    await db.insertInto('tenants').values({ id: 't1', display_name: 'T', created_at: '', data: '{}' }).execute();
    await db.insertInto('users').values({
      tenant_id: 't1', id: 'u1', user_principal_name: 'eve@t.test', display_name: 'ÉVE Smith', password_hash: null, account_enabled: 1, created_at: '', data: '{}',
    }).execute();
    await db.destroy();

    const store = await Store.open({ dataDir });
    try {
      const row = await store.db.selectFrom('users').select('display_name_lower').where('id', '=', 'u1').executeTakeFirstOrThrow();
      expect(row.display_name_lower).toBe('éve smith');
    } finally {
      await store.close();
    }
  });
});
