import type { Kysely } from 'kysely';

/** The first schema: directory, consent, Healthcare APIs records and signing keys. */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;
  await db.schema.createTable('tenants')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('display_name', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('data', text, (c) => c.notNull())
    .execute();
  await db.schema.createTable('tenant_domains')
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
    .addColumn('is_default', int, (c) => c.notNull())
    .addColumn('is_initial', int, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tenant_domains_tenant').on('tenant_domains').column('tenant_id').execute();

  const owned = (name: string) => db.schema.createTable(name)
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'));

  await owned('applications')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('app_id', text, (c) => c.notNull().unique())
    .addColumn('display_name', text, (c) => c.notNull())
    .addColumn('display_name_lower', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('data', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applications_tenant_name').on('applications')
    .columns(['tenant_id', 'display_name_lower']).execute();

  // Identifier URIs are unique in a tenant; the table both enforces that and resolves a resource by URI.
  await owned('application_identifier_uris')
    .addColumn('uri', text, (c) => c.notNull())
    .addColumn('application_id', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('application_identifier_uris_pk', ['tenant_id', 'uri'])
    .execute();

  await owned('application_owners')
    .addColumn('application_id', text, (c) => c.notNull())
    .addColumn('principal_id', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('application_owners_pk', ['application_id', 'principal_id'])
    .execute();

  await owned('password_credentials')
    .addColumn('application_id', text, (c) => c.notNull())
    .addColumn('key_id', text, (c) => c.primaryKey())
    .addColumn('display_name', text)
    .addColumn('hint', text, (c) => c.notNull())
    .addColumn('secret_hash', text, (c) => c.notNull())
    .addColumn('start_date_time', text, (c) => c.notNull())
    .addColumn('end_date_time', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_credentials_app').on('password_credentials')
    .columns(['tenant_id', 'application_id']).execute();

  await owned('service_principals')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('app_id', text, (c) => c.notNull())
    .addColumn('display_name', text, (c) => c.notNull())
    .addColumn('display_name_lower', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('data', text, (c) => c.notNull())
    .addUniqueConstraint('service_principals_tenant_app', ['tenant_id', 'app_id'])
    .execute();

  await owned('users')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_principal_name', text, (c) => c.notNull().unique())
    .addColumn('display_name', text, (c) => c.notNull())
    .addColumn('password_hash', text)
    .addColumn('account_enabled', int, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('data', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_tenant').on('users').column('tenant_id').execute();

  await owned('directory_role_assignments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('principal_id', text, (c) => c.notNull())
    .addColumn('role_template_id', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('directory_role_assignments_unique', ['principal_id', 'role_template_id'])
    .execute();

  await owned('app_role_assignments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('principal_id', text, (c) => c.notNull())
    .addColumn('principal_type', text, (c) => c.notNull())
    .addColumn('principal_display_name', text, (c) => c.notNull())
    .addColumn('resource_id', text, (c) => c.notNull())
    .addColumn('app_role_id', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('app_role_assignments_unique', ['principal_id', 'resource_id', 'app_role_id'])
    .execute();
  await db.schema.createIndex('app_role_assignments_resource').on('app_role_assignments')
    .columns(['tenant_id', 'resource_id']).execute();

  await owned('oauth2_permission_grants')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('client_id', text, (c) => c.notNull())
    .addColumn('consent_type', text, (c) => c.notNull())
    .addColumn('principal_id', text)
    .addColumn('resource_id', text, (c) => c.notNull())
    .addColumn('scope', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oauth2_permission_grants_client').on('oauth2_permission_grants')
    .columns(['tenant_id', 'client_id']).execute();

  await owned('healthcare_workspaces')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('healthcare_workspaces_name', ['tenant_id', 'name'])
    .execute();

  await owned('fhir_services')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('workspace_id', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('fhir_services_name', ['tenant_id', 'workspace_id', 'name'])
    .execute();

  await owned('role_assignments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('principal_id', text, (c) => c.notNull())
    .addColumn('principal_type', text, (c) => c.notNull())
    .addColumn('role_definition_id', text, (c) => c.notNull())
    .addColumn('role_name', text, (c) => c.notNull())
    .addColumn('scope', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('role_assignments_unique', ['principal_id', 'role_definition_id', 'scope'])
    .execute();

  await db.schema.createTable('signing_keys')
    .addColumn('kid', text, (c) => c.primaryKey())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('not_after', text, (c) => c.notNull())
    .addColumn('certificate', text, (c) => c.notNull())
    .addColumn('private_key', text, (c) => c.notNull())
    .execute();
}
