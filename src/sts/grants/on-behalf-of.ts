/**
 * The on-behalf-of grant (entra-protocol.md §3.6): grant_type `urn:ietf:params:oauth:grant-type:jwt-bearer` with
 * `requested_token_use=on_behalf_of`. A middle-tier API trades the access token it was called with for a token to
 * a downstream API, acting for the same user. The assertion must be a user token we issued, to this very client
 * (its appId or one of its App ID URIs); the client proves itself with its credential (confidential only); and
 * the client needs the user's (or an admin's) consent for the downstream API, like any delegated client.
 */
import { AccessTokenError } from '../../access/access-token-verifier.js';
import type { Caller } from '../../access/caller.js';
import type { Tenant } from '../../directory/tenants.js';
import { authenticateClient } from '../client-auth.js';
import { grantedPermissions, issueUserTokens } from '../delegated.js';
import { StsError } from '../errors.js';
import type { Grant, StsDeps, TokenRequest } from '../token-request.js';
import { scopeRequestOf, wantsRefreshToken } from './password.js';

const PARAM = "input parameter 'refresh_token' or 'assertion'";

/** The assertion's payload, unverified: read only to name what to verify against and what to report. */
function peek(assertion: string): Record<string, unknown> {
  try {
    const payload: unknown = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null ? payload as Record<string, unknown> : {};
  } catch {
    return {};
  }
}

const isoSeconds = (seconds: unknown): string => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : 'unknown');

/** Verify the assertion as our own access token (signature, issuer, tenant, lifetime) for the audience it names. */
async function verifyAssertion(deps: StsDeps, request: TokenRequest, assertion: string): Promise<Caller> {
  const claims = peek(assertion);
  const audience = typeof claims.aud === 'string' ? claims.aud : '';
  try {
    return await deps.verifier.verify(assertion, [audience]);
  } catch (err) {
    if (!(err instanceof AccessTokenError)) throw err;
    switch (err.reason) {
      case 'expired':
      case 'not_yet_valid':
        throw new StsError(500133, { now: request.now.toISOString(), exp: isoSeconds(claims.exp) });
      case 'signature':
        throw new StsError(50013, { reason: 'Assertion failed signature validation. [Reason - The key was not found.]' });
      case 'issuer':
        throw new StsError(50013, { reason: 'Assertion is not valid: it was not issued by this token service for a known tenant.' });
      case 'audience':
        throw new StsError(500131, { audience, appId: request.params.client_id ?? '' });
      default:
        throw new StsError(50027, { detail: err.message });
    }
  }
}

/** The tenant: the endpoint's, which must be the assertion's; /common and /organizations take the assertion's. */
async function tenantOf(deps: StsDeps, request: TokenRequest, assertion: Caller): Promise<Tenant> {
  const ref = request.tenant;
  if (ref.kind === 'tenant') {
    if (ref.tenant.id !== assertion.tenantId) throw new StsError(50013, { reason: 'Assertion was issued for another tenant.' });
    return ref.tenant;
  }
  const tenant = await deps.directory.tenants.get(assertion.tenantId);
  if (!tenant) throw new StsError(70000, { param: PARAM });
  return tenant;
}

export const onBehalfOf: Grant = async (deps, request) => {
  const { assertion, requested_token_use: use } = request.params;
  if (!use) throw new StsError(900144, { name: 'requested_token_use' });
  if (use !== 'on_behalf_of') throw new StsError(90023, { detail: "The 'requested_token_use' parameter must be 'on_behalf_of'." });
  if (!assertion) throw new StsError(900144, { name: 'assertion' });
  const incoming = await verifyAssertion(deps, request, assertion);
  const tenant = await tenantOf(deps, request, incoming);
  const caller = await authenticateClient(deps, tenant, request, 'confidential');
  if (incoming.kind !== 'user') {
    throw new StsError(50013, { reason: 'Assertion is not a user token. The on-behalf-of flow exchanges a token issued for a user; an app-only token has no user to act for.' });
  }
  // The middle tier may only trade tokens addressed to itself: by appId or by one of its App ID URIs.
  const target = await deps.directory.resources.resolve(tenant.id, incoming.audience);
  if (target?.appId !== caller.client.appId) throw new StsError(500131, { audience: incoming.audience, appId: caller.client.appId });
  const user = await deps.directory.users.get(tenant.id, incoming.oid);
  if (!user) throw new StsError(70000, { param: PARAM, detail: 'The user of the assertion does not exist.' });
  if (!user.accountEnabled) throw new StsError(50057);
  const scopes = scopeRequestOf(request);
  const permissions = await grantedPermissions(deps, tenant, caller, user, scopes);
  const refreshToken = wantsRefreshToken(request, scopes)
    ? await deps.directory.refreshTokens.issue(tenant.id, {
      clientId: caller.client.appId, userId: user.id, scope: scopes.text, resource: scopes.identifier, clientType: 'confidential',
    })
    : undefined;
  const sid = incoming.claims.sid;
  return issueUserTokens(deps, request, tenant, caller, user, scopes, permissions, refreshToken,
    typeof sid === 'string' ? { sessionId: sid } : {});
};
