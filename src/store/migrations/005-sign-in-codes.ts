import type { Kysely } from 'kysely';

/**
 * Authorization codes and device codes. Only SHA-256 of each code is kept; a code is redeemed by an atomic
 * update (`redeemed_at IS NULL`), so single use holds across processes sharing one database.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  await db.schema.createTable('authorization_codes')
    .addColumn('code_hash', text, (c) => c.primaryKey())
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
    .addColumn('data', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('redeemed_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createTable('device_codes')
    .addColumn('device_code_hash', text, (c) => c.primaryKey())
    .addColumn('user_code', text, (c) => c.notNull().unique())
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
    .addColumn('data', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('user_id', text)
    .addColumn('auth_time', text)
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('device_codes').execute();
  await db.schema.dropTable('authorization_codes').execute();
}
