/**
 * The database: one Kysely instance over better-sqlite3 (embedded, WAL) or PostgreSQL, numbered migrations,
 * transactions, and the tenant-scoped view through which every tenant-owned table is read and written.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider, type Transaction } from 'kysely';
import type { Database as Schema } from './schema.js';
import { MIGRATIONS } from './migrations/index.js';
import { cachingStatements } from './statement-cache.js';
import { TenantScope } from './tenant-scope.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Schema>;

export interface StoreOptions {
  /** `postgres://…` for PostgreSQL; otherwise the embedded database is opened in dataDir. */
  databaseUrl?: string;
  dataDir: string;
}

export class Store {
  private constructor(readonly db: Db, readonly dialect: Dialect) {}

  /** Open the database and bring its schema up to date. */
  static async open(options: StoreOptions): Promise<Store> {
    const store = options.databaseUrl ? Store.postgres(options.databaseUrl) : Store.sqlite(options.dataDir);
    await store.migrate();
    return store;
  }

  private static sqlite(dataDir: string): Store {
    fs.mkdirSync(dataDir, { recursive: true });
    const database = new Database(path.join(dataDir, 'entrada.db'));
    database.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before it is acknowledged, so it survives kill -9 and power loss alike.
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    // 64 MB of page cache (the default is 2 MB): FHIR reads by id touch index pages all over a large file.
    database.pragma('cache_size = -65536');
    // Reads through a memory map (up to 1 GB) rather than a read() call per page; writes still go through the WAL.
    database.pragma('mmap_size = 1073741824');
    // Planner statistics (ANALYZE, sampled): without them SQLite walks a whole type in _lastUpdated order for a
    // one-row FHIR search. Refreshed at open and at close, as SQLite advises for long-lived connections.
    database.pragma('analysis_limit = 1000');
    database.pragma('optimize = 0x10002');
    const optimized = cachingStatements(database, () => database.pragma('optimize'));
    return new Store(new Kysely<Schema>({ dialect: new SqliteDialect({ database: optimized }) }), 'sqlite');
  }

  private static postgres(connectionString: string): Store {
    const pool = new pg.Pool({ connectionString, max: 10 });
    // A dropped idle connection must not crash the process.
    pool.on('error', () => undefined);
    return new Store(new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
  }

  /** Apply pending migrations; returns the names of those that ran. */
  async migrate(): Promise<string[]> {
    const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
    const { error, results } = await new Migrator({ db: this.db, provider }).migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  /** The tenant-scoped view: every query it builds is limited to this tenant. */
  tenant(tenantId: string, db: Db = this.db): TenantScope {
    return new TenantScope(db, tenantId);
  }

  /** Run fn in one transaction; it commits only if fn resolves. */
  transaction<T>(fn: (trx: Transaction<Schema>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** True when err is a unique-constraint violation in either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
