/** Reading the current content of resources by key, for a page of matches or included resources. */
import type { Resource } from '@medplum/fhirtypes';
import { sql, type SqlBool } from 'kysely';
import type { FhirRepository } from '../repository.js';
import type { MatchKey } from './query.js';
import { allowedTypes, compartmentFilter, type Restriction } from './restrict.js';
import { filterCondition, newSqlContext } from './sql-filters.js';
import { and, inList, type Cond } from './sql-values.js';

interface ContentRow { resource_type: string; id: string; version_id: number | string; last_updated: string; content: string | null }

export const keyOf = (k: MatchKey) => `${k.resourceType}/${k.id}`;

/**
 * The current, non-deleted resources among `keys` (and within `restrict`), with meta.versionId/lastUpdated
 * taken from their row; in the order of `keys`, missing ones left out.
 */
export async function loadResources(repo: FhirRepository, keys: readonly MatchKey[], restrict?: Restriction): Promise<Array<MatchKey & { resource: Resource }>> {
  const byType = new Map<string, string[]>();
  for (const k of keys) {
    const ids = byType.get(k.resourceType) ?? [];
    ids.push(k.id);
    byType.set(k.resourceType, ids);
  }
  const types = allowedTypes([...byType.keys()], restrict) as string[];
  if (types.length === 0) return [];
  const serviceId = repo.scope.serviceId;
  const rows: ContentRow[] = [];
  // One query per type keeps each on the primary key and under every database's bound-parameter limit.
  for (const type of types) {
    const ids = byType.get(type) as string[];
    for (let i = 0; i < ids.length; i += 500) {
      const conds: Cond[] = [
        sql<SqlBool>`r.service_id = ${serviceId}`,
        sql<SqlBool>`r.resource_type = ${type}`,
        inList(sql.raw('r.id'), ids.slice(i, i + 500)),
        sql<SqlBool>`r.deleted = 0`,
      ];
      const compartment = compartmentFilter(restrict);
      if (compartment) {
        const subject = { types: [type], typeRef: sql.raw('r.resource_type'), idRef: sql.raw('r.id') };
        conds.push(filterCondition(newSqlContext(serviceId, repo.dialect), subject, compartment));
      }
      const query = sql<ContentRow>`SELECT r.resource_type, r.id, r.version_id, r.last_updated, r.content FROM fhir_resources r WHERE ${and(conds)}`;
      rows.push(...(await query.execute(repo.db)).rows);
    }
  }
  const found = new Map(rows.filter((r) => r.content !== null).map((r) => [`${r.resource_type}/${r.id}`, toResource(r)]));
  return keys.flatMap((k) => {
    const resource = found.get(keyOf(k));
    return resource ? [{ ...k, resource }] : [];
  });
}

function toResource(row: ContentRow): Resource {
  const resource = JSON.parse(row.content as string) as Resource;
  return { ...resource, meta: { ...resource.meta, versionId: String(row.version_id), lastUpdated: row.last_updated } };
}

