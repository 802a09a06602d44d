/**
 * What an export job reads: the resources of one type in id order (keyset paging, so a resumed job picks up
 * exactly after its last committed id), as they stood at the job's transaction time, limited to `_since` and,
 * at Patient and Group level, to Patient compartments (the fhir_idx_compartment rows the storage layer writes).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { Dialect } from '../../../store/store.js';
import { fhirDefinitions } from '../definitions.js';
import type { ExportJob } from './job.js';

export interface ExportPage {
  /** NDJSON lines, one resource each. */
  lines: string[];
  /** The id of the last row read (the next page starts after it); undefined when the type is exhausted. */
  lastId?: string;
  /** True when fewer rows than asked were there: this type is done. */
  done: boolean;
}

/** The resource types a job exports, fixed on its first step: `_type` as given, else every type it holds data of. */
export async function exportTypes(db: Kysely<Database>, job: ExportJob): Promise<string[]> {
  const compartment = fhirDefinitions().patientCompartment;
  const { level, types } = job.request;
  const allowed = (type: string) => level === 'system' || compartment.has(type);
  if (types) return types.filter(allowed);
  const rows = await db.selectFrom('fhir_resources').select('resource_type').distinct()
    .where('service_id', '=', job.serviceId).execute();
  return rows.map((r) => r.resource_type).filter(allowed).sort();
}

/** Up to `limit` resources of `type` after `afterId`, as NDJSON lines. */
export async function readPage(
  db: Kysely<Database>, dialect: Dialect, job: ExportJob, type: string, afterId: string | null, limit: number,
): Promise<ExportPage> {
  const { level, since, patientIds } = job.request;
  if (level === 'group' && !patientIds?.length) return { lines: [], done: true };
  const at = job.transactionTime;
  let query = db.selectFrom('fhir_resources as r')
    .select(['r.id', 'r.version_id', 'r.last_updated', 'r.deleted', 'r.content'])
    .where('r.service_id', '=', job.serviceId).where('r.resource_type', '=', type)
    // Unchanged since the kick-off and in range, or changed since (then its version at the kick-off is looked up).
    .where((eb) => eb.or([
      eb.and([eb('r.deleted', '=', 0), eb('r.last_updated', '<=', at), ...(since ? [eb('r.last_updated', '>', since)] : [])]),
      eb('r.last_updated', '>', at),
    ]));
  if (afterId !== null) query = query.where('r.id', '>', afterId);
  if (level !== 'system') {
    query = query.where((eb) => eb.exists(eb.selectFrom('fhir_idx_compartment as c').select(sql<number>`1`.as('one'))
      .whereRef('c.service_id', '=', 'r.service_id').whereRef('c.resource_type', '=', 'r.resource_type')
      .whereRef('c.resource_id', '=', 'r.id')
      .$if(level === 'group', (q) => q.where(memberOf(dialect, patientIds!)))));
  }
  const rows = await query.orderBy('r.id').limit(limit).execute();

  const lines: string[] = [];
  for (const row of rows) {
    let version: { version_id: number; last_updated: string; deleted: number; content: string | null } | undefined = row;
    if (row.last_updated > at) version = await versionAt(db, job, type, row.id);
    if (!version || Number(version.deleted) || version.content === null) continue;
    if (since && version.last_updated <= since) continue;
    lines.push(ndjsonLine(version.content, type, row.id, version.version_id, version.last_updated));
  }
  return { lines, lastId: rows[rows.length - 1]?.id, done: rows.length < limit };
}

/**
 * `c.patient_id` is one of the Group's members. The ids go in as one JSON array parameter, so a Group of any
 * size fits in a statement (both databases cap the number of parameters).
 */
function memberOf(dialect: Dialect, patientIds: string[]) {
  const ids = JSON.stringify(patientIds);
  return dialect === 'postgres'
    ? sql<boolean>`c.patient_id in (select jsonb_array_elements_text(${ids}::jsonb))`
    : sql<boolean>`c.patient_id in (select value from json_each(${ids}))`;
}

/** The version of a resource current at the job's transaction time, if there was one. */
async function versionAt(db: Kysely<Database>, job: ExportJob, type: string, id: string) {
  return db.selectFrom('fhir_resource_history').select(['version_id', 'last_updated', 'deleted', 'content'])
    .where('service_id', '=', job.serviceId).where('resource_type', '=', type).where('id', '=', id)
    .where('last_updated', '<=', job.transactionTime).orderBy('version_id', 'desc').limit(1).executeTakeFirst();
}

/** The stored JSON with its id and meta (versionId, lastUpdated) set from the row, on one line. */
function ndjsonLine(content: string, type: string, id: string, versionId: number, lastUpdated: string): string {
  const resource = JSON.parse(content) as { resourceType?: string; id?: string; meta?: Record<string, unknown> };
  resource.resourceType = type;
  resource.id = id;
  resource.meta = { ...resource.meta, versionId: String(versionId), lastUpdated };
  return JSON.stringify(resource);
}
