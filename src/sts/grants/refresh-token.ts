/**
 * grant_type=refresh_token (entra-protocol.md §3.6): redeem a refresh token for a new access token, for the same
 * or another resource the client may use, by the client it was issued to, in the tenant that issued it. A new
 * refresh token of the same family is returned each time.
 *
 * Families of public and single-page clients rotate: a redeemed token is used up, and presenting a used-up token
 * again means it was copied, so the whole family is revoked (OAuth 2.0 Security BCP §4.14). A public client has no
 * secret to bind its tokens to, which is why rotation is its protection. Confidential families keep Entra's rule
 * that the old token stays valid. SPA families live 24 hours from the sign-in, whatever their use; the others
 * expire after 90 days without use.
 */
import type { RefreshClientType, RefreshTokenRecord } from '../../directory/refresh-tokens.js';
import type { Tenant } from '../../directory/tenants.js';
import { entraTimestamp } from '../../lib/clock.js';
import { authenticateClient } from '../client-auth.js';
import { grantedPermissions, issueUserTokens } from '../delegated.js';
import { StsError } from '../errors.js';
import { parseScope, resourceRequest, type ScopeRequest } from '../scopes.js';
import type { Grant, StsDeps, TokenRequest } from '../token-request.js';
import { checkCrossOrigin } from './cross-origin.js';

/** Entra's default: a refresh token unused for 90 days expires. */
export const REFRESH_INACTIVITY_MS = 90 * 24 * 3600 * 1000;
/** A single-page app's refresh tokens live 24 hours from the sign-in, fixed (AADSTS700084). */
export const SPA_REFRESH_LIFETIME_MS = 24 * 3600 * 1000;
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;
const PARAM = "input parameter 'refresh_token' or 'assertion'";

/** A duration as .NET prints a TimeSpan (`d.hh:mm:ss`), the form Entra's 700082 message uses. */
function timeSpan(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 86400)}.${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

const rotates = (type: RefreshClientType | null): boolean => type === 'public' || type === 'spa';

/** MSAL reads suberror `bad_token` as "sign in again" and drops the refresh token from its cache. */
function revoked(reused: boolean): StsError {
  return new StsError(50173, {
    detail: reused ? 'The refresh token was already redeemed, so every token of its sign-in has been revoked.' : 'The refresh token has been revoked.',
  }, 'bad_token');
}

/** The stored token; malformed → 9002313, unknown/other tenant → 70000, revoked → 50173 (a reuse revokes the family). */
async function findToken(deps: StsDeps, request: TokenRequest, value: string): Promise<RefreshTokenRecord> {
  if (!TOKEN_FORMAT.test(value)) throw new StsError(9002313);
  const record = await deps.directory.refreshTokens.find(value);
  const ref = request.tenant;
  if (!record || (ref.kind === 'tenant' && ref.tenant.id !== record.tenantId)) throw new StsError(70000, { param: PARAM });
  if (record.revoked) {
    if (rotates(record.clientType)) await deps.directory.refreshTokens.revokeFamily(record.tenantId, record.familyId);
    throw revoked(rotates(record.clientType));
  }
  return record;
}

async function tenantOf(deps: StsDeps, request: TokenRequest, record: RefreshTokenRecord): Promise<Tenant> {
  if (request.tenant.kind === 'tenant') return request.tenant.tenant;
  const tenant = await deps.directory.tenants.get(record.tenantId);
  if (!tenant) throw new StsError(70000, { param: PARAM });
  return tenant;
}

function checkLifetime(record: RefreshTokenRecord, now: Date): void {
  if (record.clientType === 'spa') {
    if (now.getTime() - record.familyStartedAt.getTime() > SPA_REFRESH_LIFETIME_MS) {
      throw new StsError(700084, { issued: entraTimestamp(record.familyStartedAt) }, 'bad_token');
    }
    return;
  }
  const inactive = now.getTime() - record.lastUsedAt.getTime();
  if (inactive > REFRESH_INACTIVITY_MS) {
    throw new StsError(700082, { issued: entraTimestamp(record.createdAt), inactive: timeSpan(inactive) }, 'bad_token');
  }
}

/** The request's own scope/resource if given, else what the token was issued for. */
function scopesFor(request: TokenRequest, record: RefreshTokenRecord): ScopeRequest {
  const { scope, resource } = request.params;
  if (request.version === 1) return resourceRequest(resource || record.resource, scope || record.scope);
  return parseScope(scope?.trim() ? scope : record.scope);
}

/** The redeeming client proves what the family was issued to: a secret for confidential, nothing for public. */
function clientKind(type: RefreshClientType | null): 'confidential' | 'public' | 'either' {
  if (type === 'confidential') return 'confidential';
  return type === null ? 'either' : 'public';
}

export const refreshToken: Grant = async (deps, request) => {
  const value = request.params.refresh_token;
  if (!value) throw new StsError(900144, { name: 'refresh_token' });
  const record = await findToken(deps, request, value);
  checkCrossOrigin(request, record.clientType === 'spa');
  const tenant = await tenantOf(deps, request, record);
  const caller = await authenticateClient(deps, tenant, request, clientKind(record.clientType));
  if (caller.client.appId !== record.clientId) {
    throw new StsError(70000, { param: PARAM, detail: 'The refresh token was issued to a different client.' });
  }
  checkLifetime(record, request.now);
  const user = await deps.directory.users.get(tenant.id, record.userId);
  if (!user) throw new StsError(70000, { param: PARAM });
  if (!user.accountEnabled) throw new StsError(50057);
  const scopes = scopesFor(request, record);
  const grant = await grantedPermissions(deps, tenant, caller, user, scopes);
  const tokens = deps.directory.refreshTokens;
  if (rotates(record.clientType)) {
    // Used up only now, after every check passed: a refused request does not cost the client its token.
    if (!(await tokens.consume(tenant.id, value))) {
      await tokens.revokeFamily(tenant.id, record.familyId);
      throw revoked(true);
    }
  } else {
    await tokens.touch(tenant.id, value);
  }
  const next = await tokens.issue(tenant.id, {
    clientId: caller.client.appId, userId: user.id, scope: scopes.text, resource: scopes.identifier,
    clientType: record.clientType ?? (caller.acr === '0' ? 'public' : 'confidential'),
    family: { id: record.familyId, startedAt: record.familyStartedAt }, authTime: record.authTime, sessionId: record.sessionId,
  });
  return issueUserTokens(deps, request, tenant, caller, user, scopes, grant, next, { authTime: record.authTime, sessionId: record.sessionId });
};
