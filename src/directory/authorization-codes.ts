import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../lib/crypto.js';
import { nowIso, parseData, type DirectoryContext } from './context.js';

/** Everything /authorize decided, for /token to honour when the code is redeemed. */
export interface AuthorizationCodeGrant {
  tenantId: string;
  /** The tenant segment /authorize was called with (a GUID, a domain, `common` or `organizations`). */
  tenantSegment: string;
  /** Endpoint version of /authorize: decides nothing at /token but is kept for diagnostics. */
  version: 1 | 2;
  clientId: string;
  userId: string;
  /** The redirect_uri exactly as sent to /authorize; /token must send the same. */
  redirectUri: string;
  /** Platform of the registered redirect URI it matched: decides whether the client is public. */
  platform: 'web' | 'spa' | 'publicClient';
  /** The scope parameter as requested (v2), or the OIDC scopes on v1. */
  scope: string;
  /** v1 `resource`, if any. */
  resource?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  /** Epoch seconds of the user's authentication (the `auth_time`/`iat` of tokens). */
  authTime: number;
  /** The SSO session the code came from, if any (for sign-out and `sid`). */
  sessionId?: string;
}

export type RedeemResult =
  | { status: 'ok'; grant: AuthorizationCodeGrant }
  | { status: 'used'; grant: AuthorizationCodeGrant }
  | { status: 'expired' }
  | { status: 'unknown' };

export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60 * 1000;

/** Authorization codes: opaque, single-use, 10 minutes, kept only as SHA-256. */
export class AuthorizationCodes {
  constructor(private readonly ctx: DirectoryContext) {}

  /** Store a grant and return the code that names it. */
  async issue(grant: AuthorizationCodeGrant): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    const now = this.ctx.clock.now();
    await this.ctx.store.tenant(grant.tenantId).insert('authorization_codes', {
      code_hash: sha256Hex(code), data: JSON.stringify(grant), created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + AUTHORIZATION_CODE_LIFETIME_MS).toISOString(), redeemed_at: null,
    });
    return code;
  }

  /**
   * Redeem a code once. The code is looked up in whatever tenant issued it (it is 256 random bits); the caller
   * checks `grant.tenantId` against the tenant of the token request.
   */
  async redeem(code: string): Promise<RedeemResult> {
    const hash = sha256Hex(code);
    const row = await this.ctx.store.db.selectFrom('authorization_codes').selectAll().where('code_hash', '=', hash).executeTakeFirst();
    if (!row) return { status: 'unknown' };
    const grant = parseData<AuthorizationCodeGrant>(row.data);
    if (row.redeemed_at !== null) return { status: 'used', grant };
    if (Date.parse(row.expires_at) <= this.ctx.clock.now().getTime()) return { status: 'expired' };
    // Atomic: of two concurrent redemptions only one updates the row.
    const result = await this.ctx.store.tenant(row.tenant_id).updateTable('authorization_codes').set({ redeemed_at: nowIso(this.ctx) })
      .where('code_hash', '=', hash).where('redeemed_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? { status: 'ok', grant } : { status: 'used', grant };
  }

  /** Drop codes that expired more than a day ago (housekeeping; redeemed ones are kept that long to detect reuse). */
  async prune(): Promise<void> {
    const cutoff = new Date(this.ctx.clock.now().getTime() - 24 * 3600 * 1000).toISOString();
    await this.ctx.store.db.deleteFrom('authorization_codes').where('expires_at', '<', cutoff).execute();
  }
}
