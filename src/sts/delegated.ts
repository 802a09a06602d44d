/**
 * Delegated (user) tokens: which resource, which permissions the client may use for the user, and the tokens
 * that follow. Shared by every user grant: password, refresh token, authorization code, device code, on-behalf-of.
 */
import { consentFor } from '../directory/consent.js';
import type { Resource } from '../directory/resources.js';
import type { Tenant } from '../directory/tenants.js';
import type { User } from '../directory/users.js';
import { idTokenClaims, tokenTimes, userAccessClaims } from './claims.js';
import type { AuthenticatedClient } from './client-auth.js';
import { StsError } from './errors.js';
import { OIDC_SCOPES, type ScopeRequest } from './scopes.js';
import { fhirUserClaim } from '../directory/fhir-user.js';
import { GRAPH_APP_ID, HEALTHCARE_APP_ID } from '../directory/first-party.js';
import { clientInfo, tokenResponse } from './token-response.js';
import type { StsDeps, TokenRequest } from './token-request.js';

export interface DelegatedGrant { resource: Resource; scopes: string[] }

/**
 * The permissions granted for this request. A first-party client pre-authorized for the resource needs no
 * consent; any other client needs an oauth2PermissionGrant for all users or for this user (else 65001).
 */
export async function grantedPermissions(deps: StsDeps, tenant: Tenant, caller: AuthenticatedClient, user: User, request: ScopeRequest):
  Promise<DelegatedGrant> {
  const resource = await deps.directory.resources.resolve(tenant.id, request.identifier);
  if (!resource) throw new StsError(500011, { resource: request.identifier, tenant: tenant.displayName });
  if (request.permissions !== 'default' && request.permissions.length === 0) {
    // Only OpenID Connect scopes: Entra answers with a Graph token carrying them.
    const scopes = [...request.oidc].filter((s) => s !== 'offline_access');
    if (scopes.length === 0) throw new StsError(70011, { scope: request.text });
    return { resource, scopes };
  }
  const offered = resource.scopes.filter((s) => s.isEnabled !== false && s.value && !OIDC_SCOPES.has(s.value)).map((s) => s.value as string);
  const named = request.permissions === 'default' ? undefined : request.permissions.map((p) => canonical(p, offered, request.text));
  // Pre-authorization and grants are the directory's to combine (consent.ts), shared with the consent page.
  const granted = await consentFor(deps.directory, tenant.id, { client: caller.client, resourceSpId: resource.servicePrincipalId, userId: user.id });
  const consented = offered.filter((s) => granted.has(s));
  if (consented.length === 0 || (named && !named.every((n) => granted.has(n)))) {
    throw new StsError(65001, { appId: caller.client.appId, name: caller.client.displayName }, 'consent_required');
  }
  // A pre-authorized first-party client's token carries what it named; otherwise, as in Entra, the token carries
  // every consented permission, not only the ones named in this request.
  const pre = caller.client.preAuthorizedFor.some((p) => p.resourceAppId === resource.appId);
  return { resource, scopes: pre && named ? named : consented };
}

/** The resource's own spelling of a named permission (matched case-insensitively); unknown → AADSTS70011. */
function canonical(name: string, offered: string[], scope: string): string {
  const hit = offered.find((s) => s.toLowerCase() === name.toLowerCase());
  if (!hit) throw new StsError(70011, { scope, detail: `The scope '${name}' does not exist on the resource.` });
  return hit;
}

/** The sign-in behind a delegated token request, when it came through the browser (authorization code, device code). */
export interface SignInContext {
  nonce?: string;
  authTime?: number;
  sessionId?: string;
}

/** Sign the access token (and ID token when `openid` was asked for) and shape the answer. */
export async function issueUserTokens(
  deps: StsDeps, request: TokenRequest, tenant: Tenant, caller: AuthenticatedClient, user: User, scopeRequest: ScopeRequest,
  grant: DelegatedGrant, refreshToken: string | undefined, signIn: SignInContext = {},
): Promise<Record<string, unknown>> {
  const { resource, scopes } = grant;
  const publicUrl = deps.publicUrl();
  const times = tokenTimes(request.now);
  const [roles, wids] = await Promise.all([
    // The user's app roles on the resource, assigned directly or through a group.
    deps.directory.appRoleAssignments.roleValuesForUser(tenant.id, user.id, resource.servicePrincipalId),
    deps.directory.directoryRoles.rolesOf(tenant.id, user.id),
  ]);
  const audience = resource.tokenVersion === 2 ? resource.appId : scopeRequest.identifier.replace(/\/\.default$/, '');
  const isGraph = resource.appId === GRAPH_APP_ID;
  // Graph serves userinfo, so its tokens carry the OpenID Connect scopes they were asked with, as Entra's do.
  const oidcScp = isGraph ? [...scopeRequest.oidc].filter((s) => s !== 'offline_access' && !scopes.includes(s)) : [];
  // SMART on FHIR: a FHIR service's tokens say which FHIR resource the user is; the ID token only with the fhirUser scope.
  const fhirUser = resource.appId === HEALTHCARE_APP_ID ? fhirUserClaim(user.fhirUser, scopeRequest.identifier.replace(/\/\.default$/, '')) : undefined;
  const accessToken = await deps.signer.sign(userAccessClaims({
    version: resource.tokenVersion, publicUrl, tenantId: tenant.id, audience, client: caller.client, acr: caller.acr, user,
    scopes: [...scopes, ...oidcScp], roles, wids, times, sessionId: signIn.sessionId, fhirUser,
  }), resource.tokenVersion);
  const idToken = scopeRequest.oidc.has('openid')
    ? await deps.signer.sign(idTokenClaims({
      version: request.version, publicUrl, tenantId: tenant.id, client: caller.client, user, times, scopes: scopeRequest.oidc, ...signIn,
      fhirUser: scopes.includes('fhirUser') ? fhirUser : undefined,
    }), request.version)
    : undefined;
  const v2Scope = [...new Set([...scopes.map((s) => scopeRequest.prefix + s), ...(isGraph ? scopeRequest.oidc : [])])].join(' ');
  return tokenResponse(request.version, {
    accessToken, times, resource: scopeRequest.identifier, scope: request.version === 2 ? v2Scope : scopes.join(' '),
    refreshToken, idToken,
    clientInfo: request.params.client_info === '1' ? clientInfo(user.id, tenant.id) : undefined,
  });
}
