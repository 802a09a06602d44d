/**
 * Access-token and ID-token claims (entra-protocol.md §4.2, §4.3), built as plain object literals in Entra's
 * claim order: the client-credentials path is hot, so no generic claim machinery.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Client } from '../directory/clients.js';
import type { User } from '../directory/users.js';
import { issuerV1, issuerV2 } from './route-table.js';
import type { TokenVersion } from './sign.js';

/** Entra's default access-token lifetime as its docs show it (`expires_in: 3599`). */
export const ACCESS_TOKEN_SECONDS = 3599;
// iat/nbf are backdated, as Entra does, so a resource whose clock runs a little behind accepts the token at once.
const CLOCK_SKEW_SECONDS = 300;

/** How the client proved itself: "0" public, "1" secret, "2" certificate (appidacr / azpacr). */
export type ClientAuthMethod = '0' | '1' | '2';

export interface TokenTimes { iat: number; nbf: number; exp: number; now: number }

export function tokenTimes(now: Date): TokenTimes {
  const s = Math.floor(now.getTime() / 1000);
  return { now: s, iat: s - CLOCK_SKEW_SECONDS, nbf: s - CLOCK_SKEW_SECONDS, exp: s + ACCESS_TOKEN_SECONDS };
}

// Random bytes are drawn from a pool refilled 4 KB at a time: one system call per 85 tokens, not one per token.
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let poolOffset = 0;

function random48(): Buffer {
  if (poolOffset + 48 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  poolOffset += 48;
  return pool.subarray(poolOffset - 48, poolOffset);
}

/** Opaque per-token values Entra includes (aio, rh, uti); random, meaningful only to us. */
function opaque(): { aio: string; rh: string; uti: string } {
  const r = random48();
  return { aio: r.subarray(0, 24).toString('base64'), rh: `0.${r.subarray(24, 32).toString('base64url')}`, uti: r.subarray(32).toString('base64url') };
}

/** A stable pairwise subject per (user, client), so two apps cannot correlate a user by `sub`. */
export function pairwiseSub(userId: string, clientAppId: string): string {
  return createHash('sha256').update(`${userId}:${clientAppId}`).digest('base64url');
}

export interface AppOnlyClaimsInput {
  version: TokenVersion;
  publicUrl: string;
  tenantId: string;
  /** v1: the identifier as requested; v2: the resource appId. */
  audience: string;
  client: Client;
  acr: ClientAuthMethod;
  roles: string[];
  times: TokenTimes;
}

export function appOnlyClaims(i: AppOnlyClaimsInput): Record<string, unknown> {
  const { aio, rh, uti } = opaque();
  const iss = i.version === 1 ? issuerV1(i.publicUrl, i.tenantId) : issuerV2(i.publicUrl, i.tenantId);
  const oid = i.client.servicePrincipalId;
  const roles = i.roles.length > 0 ? i.roles : undefined;
  if (i.version === 1) {
    return {
      aud: i.audience, iss, iat: i.times.iat, nbf: i.times.nbf, exp: i.times.exp, aio, appid: i.client.appId,
      appidacr: i.acr, idp: iss, idtyp: 'app', oid, rh, roles, sub: oid, tid: i.tenantId, uti, ver: '1.0',
    };
  }
  return {
    aud: i.audience, iss, iat: i.times.iat, nbf: i.times.nbf, exp: i.times.exp, aio, azp: i.client.appId,
    azpacr: i.acr, idp: iss, idtyp: 'app', oid, rh, roles, sub: oid, tid: i.tenantId, uti, ver: '2.0',
  };
}

export interface UserClaimsInput {
  version: TokenVersion;
  publicUrl: string;
  tenantId: string;
  audience: string;
  client: Client;
  acr: ClientAuthMethod;
  user: User;
  scopes: string[];
  roles: string[];
  wids: string[];
  times: TokenTimes;
  /** The SSO session behind a browser sign-in, as `sid`. */
  sessionId?: string;
  /** SMART's `fhirUser`, for tokens whose audience is a FHIR service (absolute URL). */
  fhirUser?: string;
}

export function userAccessClaims(i: UserClaimsInput): Record<string, unknown> {
  const { aio, rh, uti } = opaque();
  const u = i.user;
  const sub = pairwiseSub(u.id, i.client.appId);
  const roles = i.roles.length > 0 ? i.roles : undefined;
  const wids = i.wids.length > 0 ? i.wids : undefined;
  const t = i.times;
  if (i.version === 1) {
    const iss = issuerV1(i.publicUrl, i.tenantId);
    return {
      aud: i.audience, iss, iat: t.iat, nbf: t.nbf, exp: t.exp, acr: '1', aio, amr: ['pwd'], appid: i.client.appId,
      appidacr: i.acr, family_name: u.surname ?? undefined, fhirUser: i.fhirUser, given_name: u.givenName ?? undefined, idtyp: 'user',
      name: u.displayName, oid: u.id, rh, roles, scp: i.scopes.join(' '), sid: i.sessionId, sub, tid: i.tenantId,
      unique_name: u.userPrincipalName, upn: u.userPrincipalName, uti, ver: '1.0', wids,
    };
  }
  return {
    aud: i.audience, iss: issuerV2(i.publicUrl, i.tenantId), iat: t.iat, nbf: t.nbf, exp: t.exp, aio, azp: i.client.appId,
    azpacr: i.acr, fhirUser: i.fhirUser, idtyp: 'user', name: u.displayName, oid: u.id, preferred_username: u.userPrincipalName, rh, roles,
    scp: i.scopes.join(' '), sid: i.sessionId, sub, tid: i.tenantId, uti, ver: '2.0', wids,
  };
}

/** What an ID token says beyond the user: the sign-in it reports and the OpenID Connect scopes granted. */
export interface IdTokenInput {
  version: TokenVersion;
  publicUrl: string;
  tenantId: string;
  client: Client;
  user: User;
  times: TokenTimes;
  /** Granted OIDC scopes: `profile` adds name and preferred_username (v2), `email` adds email when the user has one. */
  scopes: ReadonlySet<string>;
  /** Echoed from /authorize, so the client can tie the token to its request. */
  nonce?: string;
  /** Epoch seconds of the user's authentication. */
  authTime?: number;
  /** The SSO session the sign-in belongs to (front-channel sign-out uses it). */
  sessionId?: string;
  /** `tokenHash(code)` when the ID token travels with an authorization code (`code id_token`). */
  cHash?: string;
  /** SMART's `fhirUser`, when the `fhirUser` scope of a FHIR service was granted. */
  fhirUser?: string;
}

/**
 * The ID token (entra-protocol.md §4.3). It follows the endpoint version; its audience is the client; `sub` is
 * the same pairwise value as in the client's access tokens; `idp` is left out because the user is home here.
 */
export function idTokenClaims(i: IdTokenInput): Record<string, unknown> {
  const { aio, rh, uti } = opaque();
  const u = i.user;
  const sub = pairwiseSub(u.id, i.client.appId);
  const t = i.times;
  const email = (i.version === 1 || i.scopes.has('email')) && u.mail ? u.mail : undefined;
  if (i.version === 1) {
    return {
      aud: i.client.appId, iss: issuerV1(i.publicUrl, i.tenantId), iat: t.iat, nbf: t.nbf, exp: t.exp, amr: ['pwd'],
      auth_time: i.authTime, c_hash: i.cHash, email, family_name: u.surname ?? undefined, fhirUser: i.fhirUser, given_name: u.givenName ?? undefined,
      name: u.displayName, nonce: i.nonce, oid: u.id, rh, sid: i.sessionId, sub, tid: i.tenantId, unique_name: u.userPrincipalName,
      upn: u.userPrincipalName, uti, ver: '1.0',
    };
  }
  const profile = i.scopes.has('profile');
  return {
    aud: i.client.appId, iss: issuerV2(i.publicUrl, i.tenantId), iat: t.iat, nbf: t.nbf, exp: t.exp, aio, auth_time: i.authTime,
    c_hash: i.cHash, email, fhirUser: i.fhirUser, name: profile ? u.displayName : undefined, nonce: i.nonce, oid: u.id,
    preferred_username: profile ? u.userPrincipalName : undefined, rh, sid: i.sessionId, sub, tid: i.tenantId, uti, ver: '2.0',
  };
}

/** OIDC's c_hash/at_hash for RS256: base64url of the left half of SHA-256 of the value. */
export function tokenHash(value: string): string {
  return createHash('sha256').update(value, 'ascii').digest().subarray(0, 16).toString('base64url');
}
