/**
 * grant_type=password (ROPC, entra-protocol.md §3.6): a user's name and password for a delegated token. Not on
 * /common; on /organizations the tenant is the one that owns the user name's domain.
 */
import type { Tenant } from '../../directory/tenants.js';
import type { User } from '../../directory/users.js';
import { authenticateClient } from '../client-auth.js';
import { grantedPermissions, issueUserTokens } from '../delegated.js';
import { StsError } from '../errors.js';
import { parseScope, resourceRequest, type ScopeRequest } from '../scopes.js';
import type { Grant, StsDeps, TokenRequest } from '../token-request.js';

/** The tenant that answers: the one in the path, or (organizations) the one owning the user name's domain. */
async function userTenant(deps: StsDeps, request: TokenRequest, username: string): Promise<Tenant> {
  const ref = request.tenant;
  if (ref.kind === 'tenant') return ref.tenant;
  if (ref.kind === 'common') throw new StsError(9001023);
  const domain = username.slice(username.lastIndexOf('@') + 1);
  const tenant = domain && username.includes('@') ? await deps.directory.tenants.resolve(domain) : undefined;
  if (!tenant) throw new StsError(50034, { tenant: ref.segment });
  return tenant;
}

async function signIn(deps: StsDeps, tenant: Tenant, username: string, password: string): Promise<User> {
  const result = await deps.directory.users.authenticate(tenant.id, username, password);
  // Password guessing earns the same growing delay as secret guessing; a right password is never delayed.
  if (result === 'unknown' || result === 'bad') await deps.throttle.failed(tenant.id, `user:${username}`);
  if (result === 'unknown') throw new StsError(50034, { tenant: tenant.displayName });
  if (result === 'bad') throw new StsError(50126);
  if (!result.accountEnabled) throw new StsError(50057);
  // ROPC cannot show a change-password page; Entra answers that the password has expired, and MSAL reads the
  // suberror as "interaction required".
  if (result.forceChangePasswordNextSignIn) throw new StsError(50055, {}, 'user_password_expired');
  return result;
}

/** What the request asks for: `scope` on v2; `resource` (+ optional OIDC `scope`) on v1. */
export function scopeRequestOf(request: TokenRequest): ScopeRequest {
  const { scope, resource } = request.params;
  if (request.version === 1) {
    if (!resource) throw new StsError(900144, { name: 'resource' });
    return resourceRequest(resource, scope);
  }
  if (!scope?.trim()) throw new StsError(900144, { name: 'scope' });
  return parseScope(scope);
}

/** v1 always returns a refresh token for user grants; v2 only when offline_access was asked for. */
export function wantsRefreshToken(request: TokenRequest, scopes: ScopeRequest): boolean {
  return request.version === 1 || scopes.oidc.has('offline_access');
}

export const password: Grant = async (deps, request) => {
  const { username, password: secret } = request.params;
  if (!username) throw new StsError(900144, { name: 'username' });
  if (!secret) throw new StsError(900144, { name: 'password' });
  const tenant = await userTenant(deps, request, username);
  const caller = await authenticateClient(deps, tenant, request, 'either');
  const scopes = scopeRequestOf(request);
  const user = await signIn(deps, tenant, username, secret);
  const grant = await grantedPermissions(deps, tenant, caller, user, scopes);
  const refreshToken = wantsRefreshToken(request, scopes)
    ? await deps.directory.refreshTokens.issue(tenant.id, {
      clientId: caller.client.appId, userId: user.id, scope: scopes.text, resource: scopes.identifier,
      clientType: caller.acr === '0' ? 'public' : 'confidential', authTime: Math.floor(request.now.getTime() / 1000),
    })
    : undefined;
  return issueUserTokens(deps, request, tenant, caller, user, scopes, grant, refreshToken);
};
