import type { Kysely } from 'kysely';

/**
 * FHIR data: the current version of each resource, every version (history), and the search index tables that
 * the storage layer fills at write time. Rows carry the FHIR service's id (unique across tenants), not a tenant.
 * Real numbers are `double precision`: PostgreSQL's 8-byte float, and REAL affinity in SQLite (its type name
 * contains "DOUB"), so one type serves both.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;
  const real = 'double precision' as const;

  await db.schema.createTable('fhir_resources')
    .addColumn('service_id', text, (c) => c.notNull())
    .addColumn('resource_type', text, (c) => c.notNull())
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('version_id', int, (c) => c.notNull())
    .addColumn('last_updated', text, (c) => c.notNull())
    .addColumn('deleted', int, (c) => c.notNull())
    .addColumn('content', text)
    .addPrimaryKeyConstraint('fhir_resources_pk', ['service_id', 'resource_type', 'id'])
    .execute();
  await db.schema.createIndex('fhir_resources_type_updated').on('fhir_resources')
    .columns(['service_id', 'resource_type', 'last_updated', 'id']).execute();
  await db.schema.createIndex('fhir_resources_updated').on('fhir_resources')
    .columns(['service_id', 'last_updated', 'id']).execute();

  await db.schema.createTable('fhir_resource_history')
    .addColumn('service_id', text, (c) => c.notNull())
    .addColumn('resource_type', text, (c) => c.notNull())
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('version_id', int, (c) => c.notNull())
    .addColumn('last_updated', text, (c) => c.notNull())
    .addColumn('deleted', int, (c) => c.notNull())
    .addColumn('method', text, (c) => c.notNull())
    .addColumn('content', text)
    .addPrimaryKeyConstraint('fhir_resource_history_pk', ['service_id', 'resource_type', 'id', 'version_id'])
    .execute();
  await db.schema.createIndex('fhir_resource_history_updated').on('fhir_resource_history')
    .columns(['service_id', 'last_updated']).execute();

  const indexTable = async (name: string, columns: Array<[string, 'text' | 'double precision']>, lookup: string[], covering = true) => {
    let table = db.schema.createTable(name)
      .addColumn('service_id', text, (c) => c.notNull())
      .addColumn('resource_type', text, (c) => c.notNull())
      .addColumn('resource_id', text, (c) => c.notNull())
      .addColumn('param', text, (c) => c.notNull());
    for (const [column, type] of columns) table = table.addColumn(column, type, (c) => c.notNull());
    await table.execute();
    // Ending with the resource id, the lookup index alone answers which resources have a value (no table reads).
    await db.schema.createIndex(`${name}_lookup`).on(name)
      .columns(['service_id', 'resource_type', 'param', ...lookup, ...(covering ? ['resource_id'] : [])]).execute();
    await db.schema.createIndex(`${name}_resource`).on(name)
      .columns(['service_id', 'resource_type', 'resource_id']).execute();
  };
  await indexTable('fhir_idx_string', [['value', text], ['exact', text]], ['value']);
  await indexTable('fhir_idx_token', [['system', text], ['code', text], ['text', text]], ['code', 'system']);
  await indexTable('fhir_idx_reference',
    [['target_type', text], ['target_id', text], ['url', text], ['identifier_system', text], ['identifier_value', text]],
    // Not covering: `_has` probes it by target with `resource_id IN (…)`, which SQLite would seek value by value.
    ['target_type', 'target_id'], false);
  await db.schema.createIndex('fhir_idx_reference_target').on('fhir_idx_reference')
    .columns(['service_id', 'target_type', 'target_id', 'param']).execute();
  await indexTable('fhir_idx_date', [['low', text], ['high', text]], ['low', 'high']);
  // gt/ge/eb bound `high`, and the lookup index leads with `low`; descending date sorts walk `high`.
  await db.schema.createIndex('fhir_idx_date_high').on('fhir_idx_date')
    .columns(['service_id', 'resource_type', 'param', 'high', 'low', 'resource_id']).execute();
  await indexTable('fhir_idx_number', [['value', real]], ['value']);
  await indexTable('fhir_idx_quantity', [['value', real], ['system', text], ['code', text], ['unit', text]], ['value']);
  await indexTable('fhir_idx_uri', [['value', text]], ['value']);

  await db.schema.createTable('fhir_idx_compartment')
    .addColumn('service_id', text, (c) => c.notNull())
    .addColumn('resource_type', text, (c) => c.notNull())
    .addColumn('resource_id', text, (c) => c.notNull())
    .addColumn('patient_id', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fhir_idx_compartment_patient').on('fhir_idx_compartment')
    .columns(['service_id', 'patient_id', 'resource_type']).execute();
  await db.schema.createIndex('fhir_idx_compartment_resource').on('fhir_idx_compartment')
    .columns(['service_id', 'resource_type', 'resource_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'fhir_idx_compartment', 'fhir_idx_uri', 'fhir_idx_quantity', 'fhir_idx_number', 'fhir_idx_date',
    'fhir_idx_reference', 'fhir_idx_token', 'fhir_idx_string', 'fhir_resource_history', 'fhir_resources',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
