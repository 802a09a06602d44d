/**
 * grant_type=authorization_code (entra-protocol.md §3.6, §3.7): redeem a code issued by /authorize. A code is
 * single use, lives 10 minutes and belongs to one tenant, one client and one redirect_uri; it carries the PKCE
 * challenge and everything the ID token reports (nonce, auth time, session). The client type is the platform of
 * the redirect URI the code was issued to: web is confidential, spa and mobile/desktop are public, and spa codes
 * may only be redeemed cross-origin with PKCE.
 */
import { createHash } from 'node:crypto';
import type { AuthorizationCodeGrant } from '../../directory/authorization-codes.js';
import type { RefreshClientType } from '../../directory/refresh-tokens.js';
import type { Tenant } from '../../directory/tenants.js';
import { safeEqual, sha256Hex } from '../../lib/crypto.js';
import { authenticateClient, presentedCredentials } from '../client-auth.js';
import { grantedPermissions, issueUserTokens } from '../delegated.js';
import { StsError } from '../errors.js';
import { firstResourceScope, OIDC_SCOPES, parseScope, resourceRequest, type ScopeRequest } from '../scopes.js';
import type { Grant, StsDeps, TokenRequest } from '../token-request.js';
import { checkCrossOrigin } from './cross-origin.js';
import { wantsRefreshToken } from './password.js';

const CODE_PARAM = "'code' parameter";
const FAMILY_TYPE: Record<AuthorizationCodeGrant['platform'], RefreshClientType> = { web: 'confidential', spa: 'spa', publicClient: 'public' };

/**
 * The refresh-token family of a code's tokens, derived from the code (one-way), so that a replayed code can
 * revoke the tokens its first redemption gave without the code store having to remember them.
 */
export function familyIdForCode(code: string): string {
  const h = sha256Hex(`refresh-token-family:${code}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Use the code up. A second use revokes what the first one gave (RFC 6749 §4.1.2: the code may have been stolen). */
async function redeem(deps: StsDeps, code: string): Promise<AuthorizationCodeGrant> {
  const result = await deps.directory.authorizationCodes.redeem(code);
  if (result.status === 'ok') return result.grant;
  if (result.status === 'used') {
    await deps.directory.refreshTokens.revokeFamily(result.grant.tenantId, familyIdForCode(code));
    throw new StsError(54005);
  }
  if (result.status === 'expired') throw new StsError(70008);
  throw new StsError(70000, { param: CODE_PARAM });
}

/** The code's tenant. A tenant-specific endpoint must be that tenant; /common and /organizations take the code's. */
async function tenantOf(deps: StsDeps, request: TokenRequest, grant: AuthorizationCodeGrant): Promise<Tenant> {
  const ref = request.tenant;
  if (ref.kind === 'tenant') {
    if (ref.tenant.id !== grant.tenantId) throw new StsError(700005);
    return ref.tenant;
  }
  const tenant = await deps.directory.tenants.get(grant.tenantId);
  if (!tenant) throw new StsError(70000, { param: CODE_PARAM });
  return tenant;
}

/**
 * PKCE (RFC 7636). With a challenge, the verifier is required (50148) and must match (501481); the method
 * defaults to plain, as Entra's does. Without a challenge a verifier proves nothing and is ignored.
 */
function checkPkce(grant: AuthorizationCodeGrant, verifier: string | undefined): void {
  if (!grant.codeChallenge) return;
  if (!verifier) throw new StsError(50148);
  const computed = grant.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
  if (!safeEqual(computed, grant.codeChallenge)) throw new StsError(501481);
}

/**
 * What the tokens are for: the token request's scope (v2) or resource (v1) when it names one, else what the code
 * was issued for; another resource must be one the client has consent for, as on a refresh. The OpenID Connect
 * scopes are the code's: they were consented to at /authorize, and the token request can neither add nor drop them.
 */
function scopesFor(request: TokenRequest, grant: AuthorizationCodeGrant): ScopeRequest {
  const granted = grant.resource !== undefined ? resourceRequest(grant.resource, grant.scope) : parseScope(firstResourceScope(grant.scope));
  const { scope, resource } = request.params;
  let wanted = granted;
  if (request.version === 1 && resource) wanted = resourceRequest(resource, undefined);
  else if (request.version === 2 && scope?.trim()) wanted = parseScope(scope);
  const oidc = new Set(granted.oidc);
  const text = [...wanted.text.split(' ').filter((s) => s && !OIDC_SCOPES.has(s.toLowerCase())), ...oidc].join(' ');
  return { ...wanted, oidc, text };
}

export const authorizationCode: Grant = async (deps, request) => {
  const { code, redirect_uri: redirectUri, code_verifier: verifier } = request.params;
  // Every required parameter is checked before the code is used up: a malformed request does not burn it.
  if (!code) throw new StsError(900144, { name: 'code' });
  const clientId = presentedCredentials(request.params, request.authorization).clientId;
  if (!clientId) throw new StsError(900144, { name: 'client_id' });
  if (!redirectUri) throw new StsError(900144, { name: 'redirect_uri' });

  const grant = await redeem(deps, code);
  const tenant = await tenantOf(deps, request, grant);
  if (clientId.toLowerCase() !== grant.clientId.toLowerCase()) {
    throw new StsError(70000, { param: CODE_PARAM, detail: 'The code was issued to a different client.' });
  }
  if (redirectUri !== grant.redirectUri) throw new StsError(500112, { requested: redirectUri, original: grant.redirectUri });
  checkCrossOrigin(request, grant.platform === 'spa');
  if (request.origin !== undefined && !grant.codeChallenge) throw new StsError(9002325);
  const caller = await authenticateClient(deps, tenant, request, grant.platform === 'web' ? 'confidential' : 'public');
  checkPkce(grant, verifier);

  const user = await deps.directory.users.get(tenant.id, grant.userId);
  if (!user) throw new StsError(70000, { param: CODE_PARAM });
  if (!user.accountEnabled) throw new StsError(50057);
  const scopes = scopesFor(request, grant);
  const permissions = await grantedPermissions(deps, tenant, caller, user, scopes);
  const refreshToken = wantsRefreshToken(request, scopes)
    ? await deps.directory.refreshTokens.issue(tenant.id, {
      clientId: caller.client.appId, userId: user.id, scope: scopes.text, resource: scopes.identifier,
      clientType: FAMILY_TYPE[grant.platform], authTime: grant.authTime, sessionId: grant.sessionId, familyId: familyIdForCode(code),
    })
    : undefined;
  return issueUserTokens(deps, request, tenant, caller, user, scopes, permissions, refreshToken, {
    nonce: grant.nonce, authTime: grant.authTime, sessionId: grant.sessionId,
  });
};
