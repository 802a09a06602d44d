/** History of a resource, a type or a whole service: newest first, with the total for paging. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { HistoryPage, HistoryQuery, ResourceVersion } from '../repository.js';
import { toInstant } from './normalize.js';
import { versionFromRow } from './stored-version.js';

export async function queryHistory(db: Kysely<Database>, serviceId: string, query: HistoryQuery): Promise<HistoryPage> {
  let base = db.selectFrom('fhir_resource_history').where('service_id', '=', serviceId);
  if (query.resourceType !== undefined) base = base.where('resource_type', '=', query.resourceType);
  if (query.id !== undefined) base = base.where('id', '=', query.id);
  // Stored times are ISO text with milliseconds; a bound in another ISO form would compare wrongly as text.
  if (query.since !== undefined) base = base.where('last_updated', '>=', toInstant(query.since) ?? query.since);
  if (query.before !== undefined) base = base.where('last_updated', '<', toInstant(query.before) ?? query.before);

  const counted = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const total = Number(counted?.n ?? 0);
  if (query.count <= 0 || total === 0 || query.offset >= total) return { versions: [], total };

  const rows = await base
    .select(['resource_type', 'id', 'version_id', 'last_updated', 'deleted', 'content', 'method'])
    .orderBy('last_updated', 'desc')
    .orderBy('version_id', 'desc')
    .orderBy('resource_type')
    .orderBy('id')
    .limit(query.count)
    .offset(Math.max(0, query.offset))
    .execute();
  const versions = rows.map((row) => versionFromRow(row, row.method as ResourceVersion['method']));
  return { versions, total };
}
