/** Inserting many new resources at once: a few multi-row INSERTs per table instead of a dozen per resource. */
import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import type { ResourceVersion } from '../repository.js';
import { insertChunked, insertIndexRows, type IndexedResource } from './index-writer.js';
import { indexResource } from './indexer.js';
import { stamp, writtenVersion } from './stored-version.js';
import type { WriteContext } from './version-writer.js';

/** Insert resources that do not exist yet, as version 1 (POST), inside the caller's transaction. */
export async function insertResources(ctx: WriteContext, resources: readonly Resource[]): Promise<ResourceVersion[]> {
  const { serviceId } = ctx.scope;
  const lastUpdated = ctx.clock.now().toISOString();
  const current: Array<Record<string, unknown>> = [];
  const history: Array<Record<string, unknown>> = [];
  const indexed: IndexedResource[] = [];
  const versions: ResourceVersion[] = [];
  for (const resource of resources) {
    const id = resource.id || randomUUID();
    const stored = stamp(resource, id, 1, lastUpdated);
    const json = JSON.stringify(stored);
    const row = { service_id: serviceId, resource_type: stored.resourceType, id, version_id: 1, last_updated: lastUpdated, deleted: 0, content: json };
    current.push(row);
    history.push({ ...row, method: 'POST' });
    indexed.push({ resourceType: stored.resourceType, id, rows: indexResource(stored, ctx.scope.baseUrl) });
    versions.push(writtenVersion(stored.resourceType, id, 1, lastUpdated, 'POST', { resource: stored, json }));
  }
  await insertChunked(ctx.db, 'fhir_resources', current);
  await insertChunked(ctx.db, 'fhir_resource_history', history);
  await insertIndexRows(ctx.db, serviceId, indexed);
  return versions;
}
