/** The success body of the token endpoint (entra-protocol.md §3.5): numbers on v2, strings on v1. */
import type { TokenTimes } from './claims.js';
import type { TokenVersion } from './sign.js';

export interface IssuedTokens {
  accessToken: string;
  times: TokenTimes;
  /** v1 only: the resource as requested. */
  resource: string;
  /** Granted scopes in the endpoint's notation; absent for client credentials. */
  scope?: string;
  refreshToken?: string;
  idToken?: string;
  clientInfo?: string;
}

export function tokenResponse(version: TokenVersion, t: IssuedTokens): Record<string, unknown> {
  const expiresIn = t.times.exp - t.times.now;
  const tail = { access_token: t.accessToken, refresh_token: t.refreshToken, id_token: t.idToken, client_info: t.clientInfo };
  if (version === 2) {
    return { token_type: 'Bearer', scope: t.scope, expires_in: expiresIn, ext_expires_in: expiresIn, ...tail };
  }
  return {
    token_type: 'Bearer', scope: t.scope, expires_in: String(expiresIn), ext_expires_in: String(expiresIn),
    expires_on: String(t.times.exp), not_before: String(t.times.nbf), resource: t.resource, ...tail,
  };
}

/** MSAL's account key: base64url JSON {uid: user object id, utid: tenant id}. */
export function clientInfo(userId: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: userId, utid: tenantId })).toString('base64url');
}
