/**
 * The device authorization grant's poll (RFC 8628 §3.4; entra-protocol.md §3.6): grant_type
 * `urn:ietf:params:oauth:grant-type:device_code`, or `device_code` as MSAL Node sends it, with the device code in
 * `device_code` (or `code`, as ADAL sends it to the v1 endpoint). The user approves on /devicelogin; until then the
 * answer is authorization_pending, the only error MSAL keeps polling on.
 */
import type { Tenant } from '../../directory/tenants.js';
import { authenticateClient } from '../client-auth.js';
import { grantedPermissions, issueUserTokens } from '../delegated.js';
import { StsError } from '../errors.js';
import { parseScope, resourceRequest } from '../scopes.js';
import type { TenantRef } from '../tenant.js';
import type { Grant, StsDeps } from '../token-request.js';
import { wantsRefreshToken } from './password.js';

const PARAM = "'device_code' parameter";

/**
 * The tenant a device code lives in. /common and /organizations name none, and the user is not known until the
 * code is approved, so such codes live in the instance's first tenant (the one first start created).
 */
export async function deviceCodeTenant(deps: StsDeps, ref: TenantRef): Promise<Tenant> {
  if (ref.kind === 'tenant') return ref.tenant;
  const [first] = await deps.directory.tenants.list();
  if (!first) throw new StsError(90002, { tenant: ref.segment });
  return first;
}

/** The poll's answer for a code the user has not (or not successfully) approved. */
function notApproved(status: 'pending' | 'declined' | 'expired' | 'unknown' | 'redeemed'): StsError {
  switch (status) {
    case 'pending': return new StsError(70016);
    case 'declined':
      return new StsError(70000, { param: PARAM, detail: 'The user declined the sign-in request.' }, undefined, { error: 'authorization_declined' });
    case 'expired': return new StsError(70020);
    case 'redeemed': return new StsError(70000, { param: PARAM, detail: 'The device code was already redeemed.' });
    default: return new StsError(70018);
  }
}

export const deviceCode: Grant = async (deps, request) => {
  const value = request.params.device_code || request.params.code;
  if (!value) throw new StsError(900144, { name: 'device_code' });
  const tenant = await deviceCodeTenant(deps, request.tenant);
  // The client is authenticated before the code is looked at: an app that does not allow public client flows
  // learns it (7000218) at the first poll, not after the user has signed in for nothing.
  const caller = await authenticateClient(deps, tenant, request, 'either');
  const result = await deps.directory.deviceCodes.poll(value);
  if (result.status !== 'approved') throw notApproved(result.status);
  const { record } = result;
  if (record.request.tenantId !== tenant.id) throw new StsError(70018);
  if (record.request.clientId.toLowerCase() !== caller.client.appId) {
    throw new StsError(70000, { param: PARAM, detail: 'The device code was issued to a different client.' });
  }
  const user = await deps.directory.users.get(tenant.id, record.userId);
  if (!user) throw new StsError(70000, { param: PARAM });
  if (!user.accountEnabled) throw new StsError(50057);
  const scopes = record.request.resource !== undefined
    ? resourceRequest(record.request.resource, record.request.scope)
    : parseScope(record.request.scope);
  const permissions = await grantedPermissions(deps, tenant, caller, user, scopes);
  const refreshToken = wantsRefreshToken(request, scopes)
    ? await deps.directory.refreshTokens.issue(tenant.id, {
      clientId: caller.client.appId, userId: user.id, scope: scopes.text, resource: scopes.identifier,
      clientType: caller.acr === '0' ? 'public' : 'confidential', authTime: record.authTime,
    })
    : undefined;
  return issueUserTokens(deps, request, tenant, caller, user, scopes, permissions, refreshToken, { authTime: record.authTime });
};
