/**
 * grant_type=client_credentials (entra-protocol.md §3.6): an app-only token for `{resource}/.default` (v2) or
 * `resource=` (v1). This is the benchmarked path: every lookup below is served from the directory's cache.
 */
import type { Resource } from '../../directory/resources.js';
import type { Tenant } from '../../directory/tenants.js';
import { isGuid } from '../../lib/ids.js';
import { appOnlyClaims, tokenTimes } from '../claims.js';
import { authenticateClient, type AuthenticatedClient } from '../client-auth.js';
import { StsError } from '../errors.js';
import { tokenResponse } from '../token-response.js';
import type { Grant, StsDeps, TokenRequest } from '../token-request.js';

const DEFAULT_SUFFIX = '/.default';

/** The resource identifier a client-credentials request names, exactly as given (it becomes a v1 `aud`). */
export function requestedResource(request: TokenRequest): string {
  if (request.version === 1 && request.params.resource) return request.params.resource;
  const scope = request.params.scope?.trim();
  if (!scope) throw new StsError(900144, { name: request.version === 1 ? 'resource' : 'scope' });
  const scopes = scope.split(/\s+/);
  if (scopes.length > 1) throw new StsError(70011, { scope, detail: 'Client credential flows take exactly one scope.' });
  if (!scope.endsWith(DEFAULT_SUFFIX) || scope.length === DEFAULT_SUFFIX.length) throw new StsError(1002012, { scope });
  return scope.slice(0, -DEFAULT_SUFFIX.length);
}

async function findResource(deps: StsDeps, tenant: Tenant, identifier: string, caller: AuthenticatedClient): Promise<Resource> {
  const resource = await deps.directory.resources.resolve(tenant.id, identifier);
  if (!resource) throw new StsError(500011, { resource: identifier, tenant: tenant.displayName });
  // Entra lets an app ask for a token for itself only by its appId, not by its own App ID URI.
  if (resource.appId === caller.client.appId && !isGuid(identifier)) {
    throw new StsError(90009, { appId: caller.client.appId, name: caller.client.displayName });
  }
  return resource;
}

export const clientCredentials: Grant = async (deps, request) => {
  if (request.tenant.kind !== 'tenant') throw new StsError(9001023);
  const tenant = request.tenant.tenant;
  const caller = await authenticateClient(deps, tenant, request, 'confidential');
  const identifier = requestedResource(request);
  const resource = await findResource(deps, tenant, identifier, caller);
  const roles = await deps.directory.appRoleAssignments.roleValues(tenant.id, caller.client.servicePrincipalId, resource.servicePrincipalId);
  if (resource.appRoleAssignmentRequired && roles.length === 0) {
    throw new StsError(501051, {
      appId: caller.client.appId, name: caller.client.displayName, resourceAppId: resource.appId, resourceName: resource.displayName,
    });
  }
  const publicUrl = deps.publicUrl();
  const times = tokenTimes(request.now);
  const claims = appOnlyClaims({
    version: resource.tokenVersion, publicUrl, tenantId: tenant.id, client: caller.client, acr: caller.acr, roles, times,
    audience: resource.tokenVersion === 1 ? identifier : resource.appId,
  });
  const accessToken = await deps.signer.sign(claims, resource.tokenVersion);
  return tokenResponse(request.version, { accessToken, times, resource: identifier });
};
