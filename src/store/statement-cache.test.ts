import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cachingStatements } from './statement-cache.js';

interface Schema { t: { id: number; name: string } }

describe('cachingStatements', () => {
  const raw = new Database(':memory:');
  const wrapped = cachingStatements(raw);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: wrapped }) });

  it('runs the same SQL again with new parameters, reads and writes alike', async () => {
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    for (const [id, name] of [[1, 'a'], [2, 'b'], [3, 'c']] as const) await db.insertInto('t').values({ id, name }).execute();
    expect(wrapped.prepare('select 1')).toBe(wrapped.prepare('select 1'));
    const byId = (id: number) => db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst();
    expect(await byId(2)).toEqual({ name: 'b' });
    expect(await byId(3)).toEqual({ name: 'c' });
    expect(await byId(9)).toBeUndefined();
  });

  it('sees a schema change made after the statement was cached', async () => {
    const all = () => db.selectFrom('t').selectAll().orderBy('id').execute();
    expect((await all())[0]).toEqual({ id: 1, name: 'a' });
    await sql`alter table t add column extra text`.execute(db);
    expect((await all())[0]).toEqual({ id: 1, name: 'a', extra: null });
  });

  it('iterates the same SQL twice at once (iterate gets its own statement)', async () => {
    const text = 'select id from t order by id';
    const pairs: unknown[] = [];
    for (const outer of wrapped.prepare(text).iterate([])) {
      for (const inner of wrapped.prepare(text).iterate([])) pairs.push([(outer as { id: number }).id, (inner as { id: number }).id]);
    }
    expect(pairs).toHaveLength(9);
    await db.destroy();
  });
});
