import type { Kysely } from 'kysely';

/**
 * Refresh tokens: only the SHA-256 of each opaque token is kept. `family_id` groups the tokens that descend from
 * one sign-in, ready for rotation with reuse detection (a redeemed token's family can be revoked at once).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  await db.schema.createTable('refresh_tokens')
    .addColumn('token_hash', text, (c) => c.primaryKey())
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
    .addColumn('family_id', text, (c) => c.notNull())
    .addColumn('client_id', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('scope', text, (c) => c.notNull())
    .addColumn('resource', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_used_at', text, (c) => c.notNull())
    .addColumn('revoked_at', text)
    .execute();
  await db.schema.createIndex('refresh_tokens_user').on('refresh_tokens').columns(['tenant_id', 'user_id']).execute();
  await db.schema.createIndex('refresh_tokens_family').on('refresh_tokens').column('family_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('refresh_tokens').execute();
}
