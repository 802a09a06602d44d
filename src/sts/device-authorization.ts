/**
 * The device authorization endpoint (RFC 8628 §3.1; entra-protocol.md §3.6): POST /{tenant}/oauth2/v2.0/devicecode
 * with `client_id` and `scope` (v1 /oauth2/devicecode: `resource`). It hands out a device code for the client to
 * poll with and a short user code for the user to type on this server's /devicelogin page.
 *
 * As in Entra, the client is not authenticated here, only identified: whether it may use the flow (public client
 * flows allowed, or a credential) is decided when it polls.
 */
import type { FastifyRequest } from 'fastify';
import { findClient } from './client-auth.js';
import { StsError } from './errors.js';
import { deviceCodeTenant } from './grants/device-code.js';
import { parseScope, resourceRequest, type ScopeRequest } from './scopes.js';
import type { TokenVersion } from './sign.js';
import { resolveTenant } from './tenant.js';
import { formParams } from './token-endpoint.js';
import type { StsDeps } from './token-request.js';

/** Seconds between polls. MSAL Node waits exactly this long after each authorization_pending. */
export const DEVICE_POLL_INTERVAL_SECONDS = 5;

function scopeOf(params: Record<string, string>, version: TokenVersion): ScopeRequest {
  if (version === 1) {
    if (!params.resource) throw new StsError(900144, { name: 'resource' });
    return resourceRequest(params.resource, params.scope);
  }
  if (!params.scope?.trim()) throw new StsError(900144, { name: 'scope' });
  return parseScope(params.scope);
}

/** Handle one device authorization request; returns the success body or throws an StsError. */
export async function deviceAuthorization(deps: StsDeps, request: FastifyRequest, version: TokenVersion): Promise<Record<string, unknown>> {
  const ref = await resolveTenant(deps.directory, (request.params as { tenant: string }).tenant);
  const params = formParams(request, 'client_id');
  if (!params.client_id) throw new StsError(900144, { name: 'client_id' });
  const tenant = await deviceCodeTenant(deps, ref);
  const client = await findClient(deps, tenant, params.client_id);
  const scopes = scopeOf(params, version);
  // A resource that does not exist is refused now, before the user is sent to sign in for nothing.
  if (!(await deps.directory.resources.resolve(tenant.id, scopes.identifier))) {
    throw new StsError(500011, { resource: scopes.identifier, tenant: tenant.displayName });
  }
  const { deviceCode, userCode, expiresAt } = await deps.directory.deviceCodes.create({
    tenantId: tenant.id, tenantSegment: ref.segment, version, clientId: client.appId,
    scope: version === 1 ? (params.scope ?? '') : scopes.text, ...(version === 1 ? { resource: scopes.identifier } : {}),
  });
  const uri = `${deps.publicUrl()}/devicelogin`;
  const expiresIn = Math.round((expiresAt.getTime() - deps.directory.clock.now().getTime()) / 1000);
  const message = `To sign in, use a web browser to open the page ${uri} and enter the code ${userCode} to authenticate.`;
  if (version === 2) {
    return { user_code: userCode, device_code: deviceCode, verification_uri: uri, expires_in: expiresIn, interval: DEVICE_POLL_INTERVAL_SECONDS, message };
  }
  // The v1 endpoint answers in ADAL's vocabulary (`verification_url`, numbers as strings); RFC 8628's
  // `verification_uri` is added for clients written against the RFC.
  return {
    user_code: userCode, device_code: deviceCode, verification_url: uri, verification_uri: uri, expires_in: String(expiresIn),
    interval: String(DEVICE_POLL_INTERVAL_SECONDS), message,
  };
}
