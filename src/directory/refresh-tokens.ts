import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../lib/crypto.js';
import { newGuid } from '../lib/ids.js';
import { nowIso, type DirectoryContext } from './context.js';

/**
 * The kind of client a family was issued to. Public and SPA families rotate (each token is good once); SPA
 * families also have a fixed lifetime. Confidential families keep Entra's rule: a token stays valid after use.
 */
export type RefreshClientType = 'spa' | 'public' | 'confidential';

/** A stored refresh token (its value is never kept, only its SHA-256). */
export interface RefreshTokenRecord {
  tenantId: string;
  familyId: string;
  clientId: string;
  userId: string;
  /** The scope string in v2 notation that the token was issued for. */
  scope: string;
  /** The resource identifier as requested. */
  resource: string;
  createdAt: Date;
  lastUsedAt: Date;
  revoked: boolean;
  /** Null for tokens issued before families recorded their client type. */
  clientType: RefreshClientType | null;
  /** When the family's first token was issued (the sign-in). */
  familyStartedAt: Date;
  /** Epoch seconds of the user's authentication, and the SSO session, the family descends from. */
  authTime?: number;
  sessionId?: string;
}

/** A new token. Without `family` it starts a family (a sign-in); with it, it continues one (a refresh). */
export interface NewRefreshToken {
  clientId: string;
  userId: string;
  scope: string;
  resource: string;
  clientType: RefreshClientType;
  authTime?: number;
  sessionId?: string;
  /** A new family may be given its id (an authorization code names the family its tokens will belong to). */
  familyId?: string;
  family?: { id: string; startedAt: Date };
}

/** Opaque 256-bit refresh tokens, stored hashed, grouped in families that descend from one sign-in. */
export class RefreshTokens {
  constructor(private readonly ctx: DirectoryContext) {}

  async issue(tenantId: string, input: NewRefreshToken): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = nowIso(this.ctx);
    await this.ctx.store.tenant(tenantId).insert('refresh_tokens', {
      token_hash: sha256Hex(token), family_id: input.family?.id ?? input.familyId ?? newGuid(), client_id: input.clientId.toLowerCase(),
      user_id: input.userId, scope: input.scope, resource: input.resource, created_at: now, last_used_at: now, revoked_at: null,
      client_type: input.clientType, family_started_at: input.family?.startedAt.toISOString() ?? now,
      auth_time: input.authTime === undefined ? null : String(input.authTime), session_id: input.sessionId ?? null,
    });
    return token;
  }

  /**
   * Find a token by its value, in whatever tenant issued it (a refresh on /common names no tenant). The value is
   * 256 random bits, so looking it up across tenants reveals nothing; the caller checks the tenant.
   */
  async find(token: string): Promise<RefreshTokenRecord | undefined> {
    const row = await this.ctx.store.db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
    if (!row) return undefined;
    const createdAt = new Date(row.created_at);
    return {
      tenantId: row.tenant_id, familyId: row.family_id, clientId: row.client_id, userId: row.user_id, scope: row.scope,
      resource: row.resource, createdAt, lastUsedAt: new Date(row.last_used_at), revoked: row.revoked_at !== null,
      clientType: (row.client_type as RefreshClientType | null) ?? null,
      familyStartedAt: row.family_started_at ? new Date(row.family_started_at) : createdAt,
      ...(row.auth_time ? { authTime: Number(row.auth_time) } : {}),
      ...(row.session_id ? { sessionId: row.session_id } : {}),
    };
  }

  /** Mark a token as used now (inactivity expiry counts from here). */
  async touch(tenantId: string, token: string): Promise<void> {
    await this.ctx.store.tenant(tenantId).updateTable('refresh_tokens').set({ last_used_at: nowIso(this.ctx) })
      .where('token_hash', '=', sha256Hex(token)).execute();
  }

  /**
   * Use up a rotating token: revoke it if it is still valid. Atomic, so of two concurrent redemptions only one
   * gets true; the other is a reuse.
   */
  async consume(tenantId: string, token: string): Promise<boolean> {
    const result = await this.ctx.store.tenant(tenantId).updateTable('refresh_tokens').set({ revoked_at: nowIso(this.ctx) })
      .where('token_hash', '=', sha256Hex(token)).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Revoke every token of a family (a reused rotating token, or a reused authorization code). */
  async revokeFamily(tenantId: string, familyId: string): Promise<void> {
    await this.ctx.store.tenant(tenantId).updateTable('refresh_tokens').set({ revoked_at: nowIso(this.ctx) })
      .where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
  }

  /** Revoke every refresh token of a user (sign-out everywhere, password reset, disabled account). */
  async revokeForUser(tenantId: string, userId: string): Promise<void> {
    await this.ctx.store.tenant(tenantId).updateTable('refresh_tokens').set({ revoked_at: nowIso(this.ctx) })
      .where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }
}
