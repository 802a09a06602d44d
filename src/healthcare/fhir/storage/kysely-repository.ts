/**
 * FhirRepository over Kysely, one implementation for embedded SQLite and PostgreSQL. Every write runs in a
 * transaction (the caller's, inside transaction()); reads are single indexed primary-key lookups.
 *
 * Inside transaction(fn), fn must reach the database only through the repository it is given (and its `db`):
 * on SQLite the transaction holds the only connection, so a query through any other handle waits for the
 * transaction to end, which waits for fn.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { CompiledQuery, Kysely } from 'kysely';
import type { Clock } from '../../../lib/clock.js';
import type { Database, FhirResourceRow } from '../../../store/schema.js';
import type { Dialect } from '../../../store/store.js';
import type { FhirRepository, FhirServiceScope, HistoryPage, HistoryQuery, ResourceVersion } from '../repository.js';
import { insertResources } from './bulk-insert.js';
import { queryHistory } from './history-query.js';
import { currentMethod, versionFromRow, type WriteMethod } from './stored-version.js';
import { deleteVersion, purgeResource, putVersion, type WriteContext } from './version-writer.js';

type ReadRow = Pick<FhirResourceRow, 'resource_type' | 'id' | 'version_id' | 'last_updated' | 'deleted' | 'content'>;

/** The read-by-id query compiled once per dialect: the hot path skips building and compiling SQL. */
const readQueries = new Map<Dialect, CompiledQuery<ReadRow>>();

function readQuery(db: Kysely<Database>, dialect: Dialect): CompiledQuery<ReadRow> {
  let query = readQueries.get(dialect);
  if (!query) {
    query = db.selectFrom('fhir_resources')
      .select(['resource_type', 'id', 'version_id', 'last_updated', 'deleted', 'content'])
      .where('service_id', '=', '').where('resource_type', '=', '').where('id', '=', '')
      .compile();
    readQueries.set(dialect, query);
  }
  return query;
}

export class KyselyFhirRepository implements FhirRepository {
  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    readonly scope: FhirServiceScope,
    private readonly clock: Clock,
    /** True when `db` is an open transaction: writes and nested transaction() calls join it. */
    private readonly inTransaction = false,
  ) {}

  async read(resourceType: string, id: string): Promise<ResourceVersion | undefined> {
    const compiled = readQuery(this.db, this.dialect);
    const result = await this.db.executeQuery<ReadRow>({ ...compiled, parameters: [this.scope.serviceId, resourceType, id] });
    const row = result.rows[0];
    return row ? versionFromRow(row, currentMethod(row)) : undefined;
  }

  async vread(resourceType: string, id: string, versionId: string): Promise<ResourceVersion | undefined> {
    if (!/^[1-9]\d{0,14}$/.test(versionId)) return undefined;
    const row = await this.db.selectFrom('fhir_resource_history')
      .select(['resource_type', 'id', 'version_id', 'last_updated', 'deleted', 'content', 'method'])
      .where('service_id', '=', this.scope.serviceId).where('resource_type', '=', resourceType).where('id', '=', id)
      .where('version_id', '=', Number(versionId))
      .executeTakeFirst();
    return row ? versionFromRow(row, row.method as WriteMethod) : undefined;
  }

  async create(resource: Resource, method: 'POST' | 'PUT' = 'POST'): Promise<ResourceVersion> {
    const { version } = await this.write((ctx) => putVersion(ctx, resource, { method, mustBeNew: method === 'POST' }));
    return version;
  }

  update(resource: Resource, options: { ifMatch?: string; method?: 'PUT' | 'PATCH' } = {}): Promise<{ version: ResourceVersion; created: boolean }> {
    const method = options.method ?? 'PUT';
    return this.write((ctx) => putVersion(ctx, resource, { method, ...(options.ifMatch !== undefined ? { ifMatch: options.ifMatch } : {}) }));
  }

  delete(resourceType: string, id: string): Promise<ResourceVersion | undefined> {
    return this.write((ctx) => deleteVersion(ctx, resourceType, id));
  }

  hardDelete(resourceType: string, id: string): Promise<boolean> {
    return this.write((ctx) => purgeResource(ctx, resourceType, id));
  }

  history(query: HistoryQuery): Promise<HistoryPage> {
    return queryHistory(this.db, this.scope.serviceId, query);
  }

  transaction<T>(fn: (repo: FhirRepository) => Promise<T>): Promise<T> {
    return this.withTransaction(fn);
  }

  /**
   * Store many new resources fast (loaders, benchmarks): one transaction per batch, multi-row inserts. Each
   * resource must be new (an existing id fails its batch); ids are generated where absent.
   */
  async createMany(resources: readonly Resource[], batchSize = 500): Promise<ResourceVersion[]> {
    const versions: ResourceVersion[] = [];
    for (let i = 0; i < resources.length; i += batchSize) {
      const batch = resources.slice(i, i + batchSize);
      versions.push(...await this.withTransaction((repo) => insertResources(repo.context(), batch)));
    }
    return versions;
  }

  private context(): WriteContext {
    return { db: this.db, dialect: this.dialect, scope: this.scope, clock: this.clock };
  }

  private write<T>(fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
    return this.withTransaction((repo) => fn(repo.context()));
  }

  /**
   * Kysely's SQLite driver has one connection behind a mutex that a transaction holds to its end, so no other
   * statement can interleave; on PostgreSQL the transaction has a connection of its own.
   */
  private withTransaction<T>(fn: (repo: KyselyFhirRepository) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.db.transaction().execute((trx) => fn(new KyselyFhirRepository(trx, this.dialect, this.scope, this.clock, true)));
  }
}
