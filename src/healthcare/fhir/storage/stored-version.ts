/** The stored form of a version: the resource stamped with id and meta, its JSON text, and rows read back. */
import type { Resource } from '@medplum/fhirtypes';
import type { FhirResourceRow } from '../../../store/schema.js';
import type { ResourceVersion } from '../repository.js';

export type WriteMethod = ResourceVersion['method'];

/** The resource as stored: `id` and `meta.versionId`/`meta.lastUpdated` set, the client's other meta kept. */
export function stamp(resource: Resource, id: string, versionId: number, lastUpdated: string): Resource {
  const { resourceType, id: _ignored, meta, ...rest } = resource as Resource & Record<string, unknown>;
  const { versionId: _v, lastUpdated: _l, ...clientMeta } = meta ?? {};
  return { resourceType, id, meta: { versionId: String(versionId), lastUpdated, ...clientMeta }, ...rest } as Resource;
}

/** A version from the values just written (no parse needed). */
export function writtenVersion(
  resourceType: string, id: string, versionId: number, lastUpdated: string, method: WriteMethod,
  stored?: { resource: Resource; json: string },
): ResourceVersion {
  const version: ResourceVersion = { resourceType, id, versionId: String(versionId), lastUpdated, deleted: !stored, method };
  if (stored) {
    version.resource = stored.resource;
    version.json = stored.json;
  }
  return version;
}

type VersionRow = Pick<FhirResourceRow, 'resource_type' | 'id' | 'version_id' | 'last_updated' | 'deleted' | 'content'>;

/**
 * A version read from a row. The JSON is parsed only when `resource` is first touched: the read path usually
 * sends `json` as it is.
 */
export function versionFromRow(row: VersionRow, method: WriteMethod): ResourceVersion {
  const version: ResourceVersion = {
    resourceType: row.resource_type,
    id: row.id,
    versionId: String(row.version_id),
    lastUpdated: row.last_updated,
    deleted: Number(row.deleted) === 1,
    method,
  };
  const content = row.content;
  if (content !== null && content !== undefined) {
    version.json = content;
    Object.defineProperty(version, 'resource', {
      enumerable: true,
      configurable: true,
      get(this: ResourceVersion) {
        const resource = JSON.parse(content) as Resource;
        Object.defineProperty(this, 'resource', { value: resource, enumerable: true, writable: true, configurable: true });
        return resource;
      },
      set(this: ResourceVersion, value: Resource | undefined) {
        Object.defineProperty(this, 'resource', { value, enumerable: true, writable: true, configurable: true });
      },
    });
  }
  return version;
}

/** What `read` reports as the method of a current version: the table keeps no method, history does. */
export function currentMethod(row: Pick<FhirResourceRow, 'deleted' | 'version_id'>): WriteMethod {
  if (Number(row.deleted) === 1) return 'DELETE';
  return Number(row.version_id) === 1 ? 'POST' : 'PUT';
}
