/**
 * Consent: which delegated permissions a user has given (or had given for them) to a client on a resource, and
 * which permissions a user may give alone. The one source of truth for the token service and the consent page.
 */
import type { PermissionScope } from './application-shape.js';
import type { Client } from './clients.js';
import type { Directory } from './directory.js';
import { APP_ADMIN_ROLES } from './directory-roles.js';

export interface ConsentQuery {
  client: Client;
  /** Object id of the resource's service principal in the tenant. */
  resourceSpId: string;
  userId: string;
}

/**
 * The scope values the user has for (client, resource), as the resource spells them: those a first-party client
 * is pre-authorized for, those the resource's app registration pre-authorizes the client for
 * (api.preAuthorizedApplications), and those granted for all users or for this user (oauth2PermissionGrants).
 * Only permissions the resource still offers (enabled) count. Cached per tenant; any directory write clears it.
 */
export async function consentFor(directory: Directory, tenantId: string, query: ConsentQuery): Promise<Set<string>> {
  const { client, resourceSpId, userId } = query;
  const key = `consent:${client.servicePrincipalId}:${resourceSpId}:${userId}`;
  const cached = await directory.ctx.cache.get(tenantId, key, async () => {
    const resource = await directory.servicePrincipals.get(tenantId, resourceSpId);
    if (!resource) return new Set<string>();
    const offered = resource.oauth2PermissionScopes.filter((s) => s.isEnabled !== false && s.value);
    const values = new Set<string>();
    const pre = client.preAuthorizedFor.find((p) => p.resourceAppId === resource.appId);
    if (pre) for (const s of offered) if (pre.scopes === 'all' || pre.scopes.includes(s.value!)) values.add(s.value!);
    const ids = await resourcePreAuthorizedIds(directory, tenantId, resource.appId, client.appId);
    for (const s of offered) if (ids.has(s.id)) values.add(s.value!);
    const granted = await directory.permissionGrants.grantedScopes(tenantId, client.servicePrincipalId, resourceSpId, userId);
    for (const s of offered) if (granted.has(s.value!)) values.add(s.value!);
    return values;
  });
  // A copy: the cached set is shared by every request.
  return new Set(cached);
}

/** Ids of the resource app's delegated permissions that it pre-authorizes this client for ("Authorized client applications"). */
async function resourcePreAuthorizedIds(directory: Directory, tenantId: string, resourceAppId: string, clientAppId: string): Promise<Set<string>> {
  const app = (await directory.applications.get(tenantId, resourceAppId, 'appId'))
    ?? (await directory.applications.findHome(resourceAppId))?.application;
  const entry = app?.api?.preAuthorizedApplications?.find((p) => p.appId.toLowerCase() === clientAppId.toLowerCase());
  return new Set((entry?.delegatedPermissionIds ?? []).map((id) => id.toLowerCase()));
}

/**
 * Whether a user may consent to these permissions alone: every requested value names an enabled scope of the
 * resource whose `type` is 'User'. Admin scopes, and names the resource does not have, need an administrator.
 */
export function userConsentable(resourceScopes: readonly Pick<PermissionScope, 'value' | 'type' | 'isEnabled'>[], requested: string[]): boolean {
  return requested.every((name) => resourceScopes.some((s) => s.isEnabled !== false && s.type === 'User' && s.value?.toLowerCase() === name.toLowerCase()));
}

/** Whether the user holds a role that may consent for the whole tenant (Global, Cloud Application or Application Administrator). */
export async function isConsentAdministrator(directory: Directory, tenantId: string, userId: string): Promise<boolean> {
  const roles = await directory.directoryRoles.rolesOf(tenantId, userId);
  return roles.some((r) => APP_ADMIN_ROLES.includes(r));
}
