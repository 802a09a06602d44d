/**
 * Verifies bearer access tokens issued by our own token service, in process: no HTTP, no JWKS fetch. Used by
 * every resource server (Graph now, FHIR later), so it knows nothing about Fastify or about any one resource;
 * the caller names the audiences it accepts.
 */
import { compactVerify, errors as joseErrors } from 'jose';
import type { KeyRing } from '../directory/signing-keys.js';
import { epochSeconds, type Clock } from '../lib/clock.js';
import { isGuid } from '../lib/ids.js';
import { callerFromClaims, type Caller } from './caller.js';
import { LruCache } from './token-cache.js';

export type AccessTokenFailure = 'missing' | 'malformed' | 'signature' | 'issuer' | 'audience' | 'expired' | 'not_yet_valid';

/** Why a token was refused. Messages follow what Microsoft Graph answers for the same fault. */
export class AccessTokenError extends Error {
  constructor(readonly reason: AccessTokenFailure, message: string) {
    super(message);
    this.name = 'AccessTokenError';
  }
}

export interface AccessTokenVerifierOptions {
  keyRing: () => Promise<KeyRing>;
  /** The tenant with this id, if it exists (a token naming a tenant we do not have is refused). */
  resolveTenant: (tenantId: string) => Promise<{ id: string } | undefined>;
  publicUrl: () => string;
  clock: Clock;
  /** How many verified tokens to remember; default 10,000. */
  cacheSize?: number;
}

/** Allowed clock difference for nbf/exp, as Microsoft's token validators default to. */
export const CLOCK_SKEW_SECONDS = 300;
/** Far above any token we issue; bounds what we parse and what a cache key may cost. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

interface Verified { caller: Caller; kid: string }

const fail = (reason: AccessTokenFailure, message: string): never => {
  throw new AccessTokenError(reason, message);
};

export class AccessTokenVerifier {
  private readonly verified: LruCache<string, Verified>;

  constructor(private readonly options: AccessTokenVerifierOptions) {
    this.verified = new LruCache(options.cacheSize ?? 10_000);
  }

  /**
   * The caller a token proves, or AccessTokenError. Signature, issuer and tenant are checked once per token
   * string and remembered until it expires, so a hot request costs a map lookup, not an RSA verification;
   * lifetime and audience are cheap and checked on every call.
   */
  async verify(token: string | undefined, audiences: readonly string[]): Promise<Caller> {
    if (!token) return fail('missing', 'Access token is empty.');
    const ring = await this.options.keyRing();
    let entry = this.verified.get(token);
    // A key that left the ring takes its tokens with it, even those verified before.
    if (entry && !ring.byKid.has(entry.kid)) {
      this.verified.delete(token);
      entry = undefined;
    }
    if (!entry) entry = await this.verifyOnce(token, ring);

    const now = epochSeconds(this.options.clock.now());
    const { caller } = entry;
    if (now > caller.expiresAt + CLOCK_SKEW_SECONDS) {
      this.verified.delete(token);
      return fail('expired', 'Lifetime validation failed, the token is expired.');
    }
    if (now < caller.notBefore - CLOCK_SKEW_SECONDS) return fail('not_yet_valid', 'Lifetime validation failed, the token is not yet valid.');
    this.verified.set(token, entry);
    const aud = caller.audience.toLowerCase();
    if (!audiences.some((a) => a.toLowerCase() === aud)) {
      return fail('audience', 'Access token validation failure. Invalid audience.');
    }
    return caller;
  }

  private async verifyOnce(token: string, ring: KeyRing): Promise<Verified> {
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
      return fail('malformed', 'CompactToken parsing failed with error code: 80049217');
    }
    let kid = '';
    let payload: Uint8Array;
    try {
      ({ payload } = await compactVerify(token, (header) => {
        kid = typeof header.kid === 'string' ? header.kid : '';
        const key = ring.byKid.get(kid);
        if (!key) throw new AccessTokenError('signature', 'Access token validation failure.');
        return key.publicKey;
      }, { algorithms: ['RS256'] }));
    } catch (err) {
      if (err instanceof AccessTokenError) throw err;
      if (err instanceof joseErrors.JWSInvalid) return fail('malformed', 'CompactToken parsing failed with error code: 80049217');
      return fail('signature', 'Access token validation failure.');
    }

    let claims: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(payload));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      claims = parsed as Record<string, unknown>;
    } catch {
      return fail('malformed', 'CompactToken parsing failed with error code: 80049217');
    }

    const tenantId = await this.checkIssuer(claims);
    const caller = callerFromClaims(claims, tenantId);
    if (!caller) return fail('malformed', 'Access token validation failure. The token is missing required claims.');
    return { caller, kid };
  }

  /** The token's tenant, when `iss` is one of our issuers for a tenant that exists. */
  private async checkIssuer(claims: Record<string, unknown>): Promise<string> {
    const { tid, iss } = claims;
    const invalid = () => fail('issuer', 'Access token validation failure. Invalid issuer.');
    if (!isGuid(tid) || typeof iss !== 'string') return invalid();
    const base = this.options.publicUrl().replace(/\/+$/, '');
    if (iss !== `${base}/${tid}/` && iss !== `${base}/${tid}/v2.0`) return invalid();
    const tenant = await this.options.resolveTenant(tid);
    if (!tenant || tenant.id !== tid.toLowerCase()) return invalid();
    return tenant.id;
  }
}

type VerifierDirectory = {
  signingKeys: { keyRing(): Promise<KeyRing> };
  tenants: { resolve(alias: string): Promise<{ id: string } | undefined> };
  clock: Clock;
};

/** One verifier per (directory, public URL), so Graph, the STS and FHIR share a single cache of verified tokens. */
const shared = new WeakMap<VerifierDirectory, WeakMap<() => string, AccessTokenVerifier>>();

/** The verifier over a directory's key ring and tenants; every surface of one app gets the same instance. */
export function accessTokenVerifier(directory: VerifierDirectory, publicUrl: () => string): AccessTokenVerifier {
  let byUrl = shared.get(directory);
  if (!byUrl) shared.set(directory, byUrl = new WeakMap());
  let verifier = byUrl.get(publicUrl);
  if (!verifier) {
    verifier = new AccessTokenVerifier({
      keyRing: () => directory.signingKeys.keyRing(),
      resolveTenant: (id) => directory.tenants.resolve(id),
      publicUrl,
      clock: directory.clock,
    });
    byUrl.set(publicUrl, verifier);
  }
  return verifier;
}
