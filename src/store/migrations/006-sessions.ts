import type { Kysely } from 'kysely';

/**
 * Browser single sign-on sessions. The cookie holds an opaque random token; only its SHA-256 is kept (`id_hash`),
 * so a copy of the database signs no one in. `sid` is the session's public name (the `sid` claim, codes, sign-out).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  await db.schema.createTable('sessions')
    .addColumn('id_hash', text, (c) => c.primaryKey())
    .addColumn('sid', text, (c) => c.notNull().unique())
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('auth_time', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_seen_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('revoked_at', text)
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['tenant_id', 'user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sessions').execute();
}
