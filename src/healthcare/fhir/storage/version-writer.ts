/**
 * The writes of one resource, each run inside a transaction the repository opened: the version check, the
 * current row, the history row and the index rows change together or not at all.
 */
import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../lib/clock.js';
import type { Database } from '../../../store/schema.js';
import type { Dialect } from '../../../store/store.js';
import { VersionConflictError, type FhirServiceScope, type ResourceVersion } from '../repository.js';
import { clearIndexRows, insertIndexRows } from './index-writer.js';
import { indexResource } from './indexer.js';
import { stamp, writtenVersion, type WriteMethod } from './stored-version.js';

/** What a write runs against: a transaction's handle. */
export interface WriteContext {
  db: Kysely<Database>;
  dialect: Dialect;
  scope: FhirServiceScope;
  clock: Clock;
}

interface Current { version_id: number; deleted: number; last_updated: string }

export interface PutOptions {
  method: WriteMethod;
  ifMatch?: string;
  /** POST with a given id: an existing resource is a conflict rather than a new version. */
  mustBeNew?: boolean;
}

/** Lock (PostgreSQL) and read the current row, so concurrent writers of one resource queue up behind it. */
async function lockCurrent(ctx: WriteContext, type: string, id: string): Promise<Current | undefined> {
  const row = await ctx.db.selectFrom('fhir_resources')
    .select(['version_id', 'deleted', 'last_updated'])
    .where('service_id', '=', ctx.scope.serviceId).where('resource_type', '=', type).where('id', '=', id)
    .$if(ctx.dialect === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst();
  return row ? { version_id: Number(row.version_id), deleted: Number(row.deleted), last_updated: row.last_updated } : undefined;
}

/** Never earlier than the version before it, even if the clock stepped back. */
function nextTime(ctx: WriteContext, current: Current | undefined): string {
  const now = ctx.clock.now().toISOString();
  return current && current.last_updated > now ? current.last_updated : now;
}

/** Store a new version of the resource (creating it when absent). */
export async function putVersion(ctx: WriteContext, resource: Resource, options: PutOptions): Promise<{ version: ResourceVersion; created: boolean }> {
  const type = resource.resourceType;
  const id = resource.id || randomUUID();
  const { serviceId } = ctx.scope;
  // A concurrent first write of the same id can win the insert; then the row exists and we go round once more.
  for (let attempt = 0; ; attempt++) {
    const current = await lockCurrent(ctx, type, id);
    if (options.ifMatch !== undefined && (!current || String(current.version_id) !== options.ifMatch)) {
      throw new VersionConflictError(current ? String(current.version_id) : undefined);
    }
    if (options.mustBeNew && current) throw new VersionConflictError(String(current.version_id));
    const versionId = (current?.version_id ?? 0) + 1;
    const lastUpdated = nextTime(ctx, current);
    const stored = stamp(resource, id, versionId, lastUpdated);
    const json = JSON.stringify(stored);
    const row = { version_id: versionId, last_updated: lastUpdated, deleted: 0, content: json };

    const written = current
      ? (await ctx.db.updateTable('fhir_resources').set(row)
        .where('service_id', '=', serviceId).where('resource_type', '=', type).where('id', '=', id)
        .where('version_id', '=', current.version_id)
        .executeTakeFirst()).numUpdatedRows
      : (await ctx.db.insertInto('fhir_resources').values({ service_id: serviceId, resource_type: type, id, ...row })
        .onConflict((oc) => oc.columns(['service_id', 'resource_type', 'id']).doNothing())
        .executeTakeFirst()).numInsertedOrUpdatedRows ?? 0n;
    if (written !== 1n) {
      if (options.ifMatch !== undefined || attempt >= 3) throw new VersionConflictError(current ? String(current.version_id) : undefined);
      continue;
    }
    await ctx.db.insertInto('fhir_resource_history')
      .values({ service_id: serviceId, resource_type: type, id, method: options.method, ...row })
      .execute();
    if (current && !current.deleted) await clearIndexRows(ctx.db, serviceId, type, id);
    await insertIndexRows(ctx.db, serviceId, [{ resourceType: type, id, rows: indexResource(stored, ctx.scope.baseUrl) }]);
    const version = writtenVersion(type, id, versionId, lastUpdated, options.method, { resource: stored, json });
    return { version, created: !current || current.deleted === 1 };
  }
}

/** A deletion version; undefined when the resource is absent or already deleted. */
export async function deleteVersion(ctx: WriteContext, type: string, id: string): Promise<ResourceVersion | undefined> {
  const current = await lockCurrent(ctx, type, id);
  if (!current || current.deleted) return undefined;
  const { serviceId } = ctx.scope;
  const versionId = current.version_id + 1;
  const lastUpdated = nextTime(ctx, current);
  const row = { version_id: versionId, last_updated: lastUpdated, deleted: 1, content: null };
  await ctx.db.updateTable('fhir_resources').set(row)
    .where('service_id', '=', serviceId).where('resource_type', '=', type).where('id', '=', id)
    .execute();
  await ctx.db.insertInto('fhir_resource_history')
    .values({ service_id: serviceId, resource_type: type, id, method: 'DELETE', ...row })
    .execute();
  await clearIndexRows(ctx.db, serviceId, type, id);
  return writtenVersion(type, id, versionId, lastUpdated, 'DELETE');
}

/** Remove a resource, its history and its index rows. */
export async function purgeResource(ctx: WriteContext, type: string, id: string): Promise<boolean> {
  const { serviceId } = ctx.scope;
  const current = await ctx.db.deleteFrom('fhir_resources')
    .where('service_id', '=', serviceId).where('resource_type', '=', type).where('id', '=', id)
    .executeTakeFirst();
  const history = await ctx.db.deleteFrom('fhir_resource_history')
    .where('service_id', '=', serviceId).where('resource_type', '=', type).where('id', '=', id)
    .executeTakeFirst();
  await clearIndexRows(ctx.db, serviceId, type, id);
  return current.numDeletedRows > 0n || history.numDeletedRows > 0n;
}
