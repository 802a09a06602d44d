import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../lib/crypto.js';
import { newGuid } from '../lib/ids.js';
import type { DirectoryContext } from './context.js';

/** A browser's single sign-on session for one user in one tenant. */
export interface SsoSession {
  /** Public name of the session (the `sid` claim; what codes and sign-out refer to). */
  sid: string;
  tenantId: string;
  userId: string;
  /** Epoch seconds of the password check that started the session (`auth_time`). */
  authTime: number;
  createdAt: Date;
  expiresAt: Date;
}

/** A session together with the cookie token that names it (the caller needs the token to end it). */
export type ActiveSession = SsoSession & { token: string };

/** Entra's non-persistent session: it ends after a day without use (each use extends it). */
export const SESSION_IDLE_MS = 24 * 3600 * 1000;
/** Nobody stays signed in longer than this without typing the password again. */
export const SESSION_MAX_MS = 90 * 24 * 3600 * 1000;

/** SSO sessions. The browser holds a 256-bit random token; the store holds only its SHA-256. */
export class Sessions {
  constructor(private readonly ctx: DirectoryContext) {}

  /** Start a session after the user proved who they are. */
  async create(tenantId: string, userId: string): Promise<ActiveSession> {
    const token = randomBytes(32).toString('base64url');
    const now = this.ctx.clock.now();
    const sid = newGuid();
    const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
    const authTime = Math.floor(now.getTime() / 1000);
    await this.ctx.store.tenant(tenantId).insert('sessions', {
      id_hash: sha256Hex(token), sid, user_id: userId, auth_time: String(authTime), created_at: now.toISOString(),
      last_seen_at: now.toISOString(), expires_at: expiresAt.toISOString(), revoked_at: null,
    });
    return { token, sid, tenantId, userId, authTime, createdAt: now, expiresAt };
  }

  /**
   * The live sessions among the cookie's tokens, in the cookie's order. Tokens are looked up in every tenant (the
   * cookie is per browser, and `common` serves accounts of any tenant); unknown, ended and expired ones drop out.
   */
  async find(tokens: readonly string[]): Promise<ActiveSession[]> {
    if (tokens.length === 0) return [];
    const byHash = new Map(tokens.map((t) => [sha256Hex(t), t]));
    const rows = await this.ctx.store.db.selectFrom('sessions').selectAll().where('id_hash', 'in', [...byHash.keys()])
      .where('revoked_at', 'is', null).execute();
    const now = this.ctx.clock.now().getTime();
    const live = rows.filter((r) => Date.parse(r.expires_at) > now && Date.parse(r.created_at) + SESSION_MAX_MS > now)
      .map((r) => ({
        token: byHash.get(r.id_hash)!, sid: r.sid, tenantId: r.tenant_id, userId: r.user_id, authTime: Number(r.auth_time),
        createdAt: new Date(r.created_at), expiresAt: new Date(r.expires_at),
      }));
    const order = new Map(tokens.map((t, i) => [t, i]));
    return live.sort((a, b) => order.get(a.token)! - order.get(b.token)!);
  }

  /** The session was used to sign in to an app: push its idle expiry out. */
  async touch(session: ActiveSession): Promise<void> {
    const now = this.ctx.clock.now();
    await this.ctx.store.tenant(session.tenantId).updateTable('sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_IDLE_MS).toISOString() })
      .where('id_hash', '=', sha256Hex(session.token)).where('revoked_at', 'is', null).execute();
  }

  /** End the sessions these cookie tokens name (sign-out). */
  async end(tokens: readonly string[]): Promise<void> {
    if (tokens.length === 0) return;
    await this.ctx.store.db.updateTable('sessions').set({ revoked_at: this.ctx.clock.now().toISOString() })
      .where('id_hash', 'in', tokens.map((t) => sha256Hex(t))).where('revoked_at', 'is', null).execute();
  }

  /** End every session of a user (password changed or reset, account disabled). */
  async endForUser(tenantId: string, userId: string): Promise<void> {
    await this.ctx.store.tenant(tenantId).updateTable('sessions').set({ revoked_at: this.ctx.clock.now().toISOString() })
      .where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }

  /** Drop sessions that ended or expired more than a day ago (housekeeping). */
  async prune(): Promise<void> {
    const cutoff = new Date(this.ctx.clock.now().getTime() - 24 * 3600 * 1000).toISOString();
    await this.ctx.store.db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)])).execute();
  }
}
