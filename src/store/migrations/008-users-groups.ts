import type { Kysely } from 'kysely';

/**
 * Users and groups for delegated access. Users get a lower-cased display name so Graph's case-insensitive
 * `displayName` filters use an index (existing rows are filled in here, in JavaScript, because SQLite's lower()
 * folds ASCII only). Groups keep their mail nickname lower-cased for `mailNickname eq`, which `az ad group create`
 * uses to stay idempotent. Memberships are direct; `member_id` is indexed for "which groups is this user in",
 * asked on every user token. Grants get an index for Graph's `resourceId eq` filter.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  await db.schema.alterTable('users').addColumn('display_name_lower', text, (c) => c.notNull().defaultTo('')).execute();
  const users = await db.selectFrom('users').select(['id', 'display_name']).execute();
  for (const user of users) {
    await db.updateTable('users').set({ display_name_lower: String(user.display_name).toLowerCase() }).where('id', '=', user.id).execute();
  }
  await db.schema.createIndex('users_tenant_display_name').on('users').columns(['tenant_id', 'display_name_lower']).execute();

  await db.schema.createTable('groups')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('display_name', text, (c) => c.notNull())
    .addColumn('display_name_lower', text, (c) => c.notNull())
    .addColumn('mail_nickname_lower', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('data', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('groups_tenant_display_name').on('groups').columns(['tenant_id', 'display_name_lower']).execute();

  await db.schema.createTable('group_members')
    .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
    .addColumn('group_id', text, (c) => c.notNull())
    .addColumn('member_id', text, (c) => c.notNull())
    .addColumn('member_type', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'member_id'])
    .execute();
  await db.schema.createIndex('group_members_member').on('group_members').columns(['tenant_id', 'member_id']).execute();

  await db.schema.createIndex('oauth2_permission_grants_resource').on('oauth2_permission_grants').columns(['tenant_id', 'resource_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('oauth2_permission_grants_resource').execute();
  await db.schema.dropTable('group_members').execute();
  await db.schema.dropTable('groups').execute();
  await db.schema.dropIndex('users_tenant_display_name').execute();
  await db.schema.alterTable('users').dropColumn('display_name_lower').execute();
}
