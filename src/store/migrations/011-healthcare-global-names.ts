import type { Kysely } from 'kysely';

/**
 * Healthcare APIs names are global, as in Azure: a FHIR service URL (`/fhir/{workspace}-{service}`) names no
 * tenant, so a workspace name is unique across tenants, and so is the URL segment itself, which also refuses
 * `a-b` + `c` beside `a` + `b-c`. Existing services get their segment filled in here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fhir_services').addColumn('path_segment', 'text', (c) => c.notNull().defaultTo('')).execute();
  const rows = await db.selectFrom('fhir_services')
    .innerJoin('healthcare_workspaces', 'healthcare_workspaces.id', 'fhir_services.workspace_id')
    .select(['fhir_services.id as id', 'fhir_services.name as service', 'healthcare_workspaces.name as workspace']).execute();
  for (const row of rows) {
    await db.updateTable('fhir_services').set({ path_segment: `${row.workspace}-${row.service}` }).where('id', '=', row.id).execute();
  }
  await db.schema.createIndex('fhir_services_path_segment').on('fhir_services').column('path_segment').unique().execute();
  await db.schema.createIndex('healthcare_workspaces_global_name').on('healthcare_workspaces').column('name').unique().execute();
  await db.schema.createIndex('role_assignments_scope').on('role_assignments').columns(['tenant_id', 'scope']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('role_assignments_scope').execute();
  await db.schema.dropIndex('healthcare_workspaces_global_name').execute();
  await db.schema.dropIndex('fhir_services_path_segment').execute();
  await db.schema.alterTable('fhir_services').dropColumn('path_segment').execute();
}
