/**
 * The storage contract of a FHIR service's data, written once and implemented over Kysely for both databases
 * (fhir/storage). The HTTP layer (fhir/http) speaks only this; search (fhir/search) reads the index tables
 * the storage layer fills at write time.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { Dialect } from '../../store/store.js';

/** Which FHIR service's data: every row carries the service id; the tenant is checked before we get here. */
export interface FhirServiceScope {
  tenantId: string;
  serviceId: string;
  /** The service's base URL, e.g. https://localhost:8443/fhir/local-fhir (no trailing slash). */
  baseUrl: string;
}

/** One version of a resource. A deletion is a version too (deleted = true, resource without content). */
export interface ResourceVersion {
  resourceType: string;
  id: string;
  /** "1", "2", … as FHIR's meta.versionId. */
  versionId: string;
  /** ISO-8601 instant with milliseconds, UTC (meta.lastUpdated). */
  lastUpdated: string;
  deleted: boolean;
  /** The stored JSON with meta.versionId/lastUpdated set; undefined for a deletion. */
  resource?: Resource;
  /**
   * Optional: `resource` as JSON text, when the storage has it at hand (the stored content with meta set). The
   * HTTP layer sends it as is on reads instead of serialising `resource` again.
   */
  json?: string;
  /** The HTTP method that made this version (for history bundles' entry.request). */
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
}

export interface HistoryQuery {
  resourceType?: string;
  id?: string;
  /** ISO instant: versions updated at or after it. */
  since?: string;
  /** ISO instant: versions updated before it (_at / paging bound). */
  before?: string;
  count: number;
  offset: number;
}

export interface HistoryPage { versions: ResourceVersion[]; total: number }

/** A write would not apply to the version the client expected (If-Match). */
export class VersionConflictError extends Error {
  constructor(readonly currentVersionId: string | undefined) {
    super('version conflict');
    this.name = 'VersionConflictError';
  }
}

export interface FhirRepository {
  readonly scope: FhirServiceScope;
  /** The database handle (the transaction's, inside transaction()) and its dialect, for search to query the index tables. */
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The current version (possibly a deletion), or undefined when the id never existed. */
  read(resourceType: string, id: string): Promise<ResourceVersion | undefined>;
  vread(resourceType: string, id: string, versionId: string): Promise<ResourceVersion | undefined>;
  /** Store a new resource; the id is generated unless given (upsert via PUT passes it). */
  create(resource: Resource, method?: 'POST' | 'PUT'): Promise<ResourceVersion>;
  /**
   * Store a new version of resource.id (creating it when absent). With `ifMatch`, the write applies only when
   * the current version is that one; otherwise VersionConflictError. Atomic against concurrent writers.
   */
  update(resource: Resource, options?: { ifMatch?: string; method?: 'PUT' | 'PATCH' }): Promise<{ version: ResourceVersion; created: boolean }>;
  /** Soft delete: a deletion version; history stays. Undefined when there was nothing to delete. */
  delete(resourceType: string, id: string): Promise<ResourceVersion | undefined>;
  /** Remove the resource and all of its history. True when something was removed. */
  hardDelete(resourceType: string, id: string): Promise<boolean>;
  history(query: HistoryQuery): Promise<HistoryPage>;
  /** Run fn with a repository bound to one database transaction: all of its writes commit, or none. */
  transaction<T>(fn: (repo: FhirRepository) => Promise<T>): Promise<T>;
}
