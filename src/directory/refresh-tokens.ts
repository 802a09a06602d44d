import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../lib/crypto.js';
import { newGuid } from '../lib/ids.js';
import { nowIso, type DirectoryContext } from './context.js';

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
}

export interface NewRefreshToken { clientId: string; userId: string; scope: string; resource: string; familyId?: string }

/** Opaque 256-bit refresh tokens, stored hashed. */
export class RefreshTokens {
  constructor(private readonly ctx: DirectoryContext) {}

  /** Issue a token; it continues `familyId` when given (a refresh), else starts a new family (a sign-in). */
  async issue(tenantId: string, input: NewRefreshToken): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = nowIso(this.ctx);
    await this.ctx.store.tenant(tenantId).insert('refresh_tokens', {
      token_hash: sha256Hex(token), family_id: input.familyId ?? newGuid(), client_id: input.clientId.toLowerCase(),
      user_id: input.userId, scope: input.scope, resource: input.resource, created_at: now, last_used_at: now, revoked_at: null,
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
    return {
      tenantId: row.tenant_id, familyId: row.family_id, clientId: row.client_id, userId: row.user_id, scope: row.scope,
      resource: row.resource, createdAt: new Date(row.created_at), lastUsedAt: new Date(row.last_used_at), revoked: row.revoked_at !== null,
    };
  }

  /** Mark a token as used now (inactivity expiry counts from here). */
  async touch(tenantId: string, token: string): Promise<void> {
    await this.ctx.store.tenant(tenantId).updateTable('refresh_tokens').set({ last_used_at: nowIso(this.ctx) })
      .where('token_hash', '=', sha256Hex(token)).execute();
  }

  /** Revoke every refresh token of a user (sign-out everywhere, password reset, disabled account). */
  async revokeForUser(tenantId: string, userId: string): Promise<void> {
    await this.ctx.store.tenant(tenantId).updateTable('refresh_tokens').set({ revoked_at: nowIso(this.ctx) })
      .where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }
}
