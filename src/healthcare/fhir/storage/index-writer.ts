/** Writes and removes a resource's search index rows, always inside the caller's transaction. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { IndexRows } from './index-rows.js';
import { INDEX_TABLES, INDEX_VALUE_TABLES, type IndexedType } from './index-tables.js';

type Db = Kysely<Database>;

/** The resource a set of index rows belongs to. */
export interface IndexedResource { resourceType: string; id: string; rows: IndexRows }

/** Remove one resource's rows from every index table. */
export async function clearIndexRows(db: Db, serviceId: string, resourceType: string, id: string): Promise<void> {
  for (const table of INDEX_TABLES) {
    await db.deleteFrom(table)
      .where('service_id', '=', serviceId).where('resource_type', '=', resourceType).where('resource_id', '=', id)
      .execute();
  }
}

/** Insert the rows of one or many resources, a few multi-row INSERTs per table. */
export async function insertIndexRows(db: Db, serviceId: string, resources: readonly IndexedResource[]): Promise<void> {
  for (const [kind, table] of Object.entries(INDEX_VALUE_TABLES) as Array<[IndexedType, (typeof INDEX_VALUE_TABLES)[IndexedType]]>) {
    const rows: Array<Record<string, unknown>> = [];
    for (const r of resources) {
      for (const value of r.rows[kind]) rows.push({ service_id: serviceId, resource_type: r.resourceType, resource_id: r.id, ...value });
    }
    await insertChunked(db, table, rows);
  }
  const compartment = resources.flatMap((r) =>
    r.rows.compartment.map((patientId) => ({ service_id: serviceId, resource_type: r.resourceType, resource_id: r.id, patient_id: patientId })));
  await insertChunked(db, 'fhir_idx_compartment', compartment);
}

/** Both databases bind at most ~32k parameters per statement (SQLite's default limit); stay well under it. */
const MAX_PARAMETERS = 30_000;

export async function insertChunked(db: Db, table: keyof Database, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += perChunk) {
    // The row shapes are the table's columns; Kysely cannot check a table chosen at run time.
    await db.insertInto(table).values(rows.slice(i, i + perChunk) as never).execute();
  }
}
