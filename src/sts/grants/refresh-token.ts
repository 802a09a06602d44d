/**
 * grant_type=refresh_token (entra-protocol.md §3.6): redeem a refresh token for a new access token, for the same
 * or another resource the client may use, by the client it was issued to, in the tenant that issued it. A new
 * refresh token (same family) is returned each time; the old one stays valid, as in Entra.
 */
import type { RefreshTokenRecord } from '../../directory/refresh-tokens.js';
import type { Tenant } from '../../directory/tenants.js';
import { entraTimestamp } from '../../lib/clock.js';
import { authenticateClient } from '../client-auth.js';
import { grantedPermissions, issueUserTokens } from '../delegated.js';
import { StsError } from '../errors.js';
import { parseScope, resourceRequest, type ScopeRequest } from '../scopes.js';
import type { Grant, StsDeps, TokenRequest } from '../token-request.js';

/** Entra's default: a refresh token unused for 90 days expires. */
export const REFRESH_INACTIVITY_MS = 90 * 24 * 3600 * 1000;
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** A duration as .NET prints a TimeSpan (`d.hh:mm:ss`), the form Entra's 700082 message uses. */
function timeSpan(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 86400)}.${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** The stored token; malformed → 9002313, unknown/revoked/other tenant → 70000 (Entra's two answers). */
async function findToken(deps: StsDeps, request: TokenRequest, value: string): Promise<RefreshTokenRecord> {
  if (!TOKEN_FORMAT.test(value)) throw new StsError(9002313);
  const record = await deps.directory.refreshTokens.find(value);
  const ref = request.tenant;
  if (!record || record.revoked || (ref.kind === 'tenant' && ref.tenant.id !== record.tenantId)) throw new StsError(70000);
  return record;
}

async function tenantOf(deps: StsDeps, request: TokenRequest, record: RefreshTokenRecord): Promise<Tenant> {
  if (request.tenant.kind === 'tenant') return request.tenant.tenant;
  const tenant = await deps.directory.tenants.get(record.tenantId);
  if (!tenant) throw new StsError(70000);
  return tenant;
}

/** The request's own scope/resource if given, else what the token was issued for. */
function scopesFor(request: TokenRequest, record: RefreshTokenRecord): ScopeRequest {
  const { scope, resource } = request.params;
  if (request.version === 1) return resourceRequest(resource || record.resource, scope || record.scope);
  return parseScope(scope?.trim() ? scope : record.scope);
}

export const refreshToken: Grant = async (deps, request) => {
  const value = request.params.refresh_token;
  if (!value) throw new StsError(900144, { name: 'refresh_token' });
  const record = await findToken(deps, request, value);
  const tenant = await tenantOf(deps, request, record);
  const caller = await authenticateClient(deps, tenant, request, 'either');
  if (caller.client.appId !== record.clientId) throw new StsError(70000, { detail: 'The refresh token was issued to a different client.' });
  const inactive = request.now.getTime() - record.lastUsedAt.getTime();
  if (inactive > REFRESH_INACTIVITY_MS) {
    throw new StsError(700082, { issued: entraTimestamp(record.createdAt), inactive: timeSpan(inactive) });
  }
  const user = await deps.directory.users.get(tenant.id, record.userId);
  if (!user) throw new StsError(70000);
  if (!user.accountEnabled) throw new StsError(50057);
  const scopes = scopesFor(request, record);
  const grant = await grantedPermissions(deps, tenant, caller, user, scopes);
  const next = await deps.directory.refreshTokens.issue(tenant.id, {
    clientId: caller.client.appId, userId: user.id, scope: scopes.text, resource: scopes.identifier, familyId: record.familyId,
  });
  await deps.directory.refreshTokens.touch(tenant.id, value);
  return issueUserTokens(deps, request, tenant, caller, user, scopes, grant, next);
};
