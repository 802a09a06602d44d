import type { Kysely } from 'kysely';

/**
 * Certificate credentials (keyCredentials) and federated identity credentials of applications. A certificate is
 * kept whole (base64 DER) so Graph can hand it back under `$select=keyCredentials`; both thumbprints are columns
 * because client assertions name a certificate by either (x5t, x5t#S256) and one app may not hold it twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  await db.schema.createTable('key_credentials')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
    .addColumn('application_id', text, (c) => c.notNull())
    .addColumn('key_id', text, (c) => c.primaryKey())
    .addColumn('display_name', text, (c) => c.notNull())
    .addColumn('custom_key_identifier', text, (c) => c.notNull())
    .addColumn('thumbprint_sha1', text, (c) => c.notNull())
    .addColumn('thumbprint_sha256', text, (c) => c.notNull())
    .addColumn('start_date_time', text, (c) => c.notNull())
    .addColumn('end_date_time', text, (c) => c.notNull())
    .addColumn('certificate', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('key_credentials_app_thumbprint', ['application_id', 'thumbprint_sha1'])
    .execute();
  await db.schema.createIndex('key_credentials_app').on('key_credentials').columns(['tenant_id', 'application_id']).execute();

  await db.schema.createTable('federated_identity_credentials')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
    .addColumn('application_id', text, (c) => c.notNull())
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('issuer', text, (c) => c.notNull())
    .addColumn('subject', text, (c) => c.notNull())
    .addColumn('audiences', text, (c) => c.notNull())
    .addColumn('description', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('federated_identity_credentials_name', ['application_id', 'name'])
    .addUniqueConstraint('federated_identity_credentials_issuer_subject', ['application_id', 'issuer', 'subject'])
    .execute();
  await db.schema.createIndex('federated_identity_credentials_app').on('federated_identity_credentials')
    .columns(['tenant_id', 'application_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('federated_identity_credentials').execute();
  await db.schema.dropTable('key_credentials').execute();
}
