import type { Kysely } from 'kysely';

/**
 * What a refresh-token family must remember for rotation and for the tokens it mints later:
 * - `client_type` (spa | public | confidential): public and SPA families rotate with reuse detection, SPA families
 *   live 24 hours from their start, and a redemption must come from the same kind of client;
 * - `family_started_at`: the start of the family (the sign-in), from which the SPA lifetime counts;
 * - `auth_time` and `session_id`: the sign-in the family descends from, for `auth_time` and `sid` in later tokens.
 * Nullable: tokens issued before this migration have none of it and keep their old behaviour.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['client_type', 'family_started_at', 'auth_time', 'session_id']) {
    await db.schema.alterTable('refresh_tokens').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['session_id', 'auth_time', 'family_started_at', 'client_type']) {
    await db.schema.alterTable('refresh_tokens').dropColumn(column).execute();
  }
}
