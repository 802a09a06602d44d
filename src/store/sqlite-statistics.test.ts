import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from './store.js';

describe('planner statistics of the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-stats-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('are gathered for tables that hold data, so a later open plans with them', async () => {
    const store = await Store.open({ dataDir });
    const rows = Array.from({ length: 50 }, (_, i) => ({
      service_id: 's', resource_type: 'Patient', id: `p${i}`, version_id: 1, last_updated: new Date(0).toISOString(), deleted: 0, content: '{}',
    }));
    await store.db.insertInto('fhir_resources').values(rows).execute();
    await store.close();
    const raw = new Database(path.join(dataDir, 'entrada.db'), { readonly: true });
    const stats = raw.prepare("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'fhir_resources'").all() as Array<{ idx: string; stat: string }>;
    raw.close();
    expect(stats.length).toBeGreaterThan(0);
    expect(stats.every((s) => s.stat.startsWith('50 '))).toBe(true);
  });
});
