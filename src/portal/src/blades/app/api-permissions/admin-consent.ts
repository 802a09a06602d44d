/**
 * "Grant admin consent for {tenant}": what Entra records, over Graph (as `entrada ad app permission admin-consent`
 * does): delegated permissions become one AllPrincipals oauth2PermissionGrant per API (merged into an existing
 * one), application permissions become app role assignments to the client's service principal. Missing service
 * principals (the client's, an API's) are created first.
 */
import { GraphApiError } from '../../../api/errors';
import { odataString, type Graph } from '../../../api/graph';
import type { Application, AppRoleAssignment, OAuth2PermissionGrant, ServicePrincipal } from '../../../api/types';

/** The service principal of appId in the tenant, or undefined. */
export async function findServicePrincipal(graph: Graph, appId: string): Promise<ServicePrincipal | undefined> {
  try {
    return await graph.get<ServicePrincipal>(`/servicePrincipals(appId=${odataString(appId)})`);
  } catch (err) {
    if (err instanceof GraphApiError && err.status === 404) return undefined;
    throw err;
  }
}

export async function ensureServicePrincipal(graph: Graph, appId: string): Promise<ServicePrincipal> {
  const found = await findServicePrincipal(graph, appId);
  if (found) return found;
  try {
    return await graph.post<ServicePrincipal>('/servicePrincipals', { appId });
  } catch (err) {
    if (err instanceof GraphApiError && err.status === 409) return graph.get<ServicePrincipal>(`/servicePrincipals(appId=${odataString(appId)})`);
    throw err;
  }
}

export async function allPrincipalsGrant(graph: Graph, clientId: string, resourceId: string): Promise<OAuth2PermissionGrant | undefined> {
  const filter = `clientId eq ${odataString(clientId)} and consentType eq 'AllPrincipals' and resourceId eq ${odataString(resourceId)}`;
  const [grant] = await graph.list<OAuth2PermissionGrant>(`/oauth2PermissionGrants?$filter=${encodeURIComponent(filter)}`);
  return grant;
}

export async function grantAdminConsent(graph: Graph, app: Application): Promise<void> {
  const client = await ensureServicePrincipal(graph, app.appId);
  for (const entry of app.requiredResourceAccess ?? []) {
    const resource = await ensureServicePrincipal(graph, entry.resourceAppId);
    const scopes = entry.resourceAccess.filter((a) => a.type === 'Scope')
      .map((a) => resource.oauth2PermissionScopes.find((s) => s.id.toLowerCase() === a.id.toLowerCase())?.value)
      .filter((v): v is string => !!v);
    const roles = entry.resourceAccess.filter((a) => a.type === 'Role').map((a) => a.id.toLowerCase());
    if (scopes.length > 0) {
      const existing = await allPrincipalsGrant(graph, client.id, resource.id);
      if (!existing) {
        await graph.post('/oauth2PermissionGrants', { clientId: client.id, consentType: 'AllPrincipals', principalId: null, resourceId: resource.id, scope: scopes.join(' ') });
      } else {
        const current = existing.scope.split(' ').filter(Boolean);
        const merged = [...new Set([...current, ...scopes])];
        if (merged.length > current.length) await graph.patch(`/oauth2PermissionGrants/${existing.id}`, { scope: merged.join(' ') });
      }
    }
    if (roles.length > 0) {
      const held = new Set((await graph.list<AppRoleAssignment>(`/servicePrincipals/${client.id}/appRoleAssignments`))
        .filter((a) => a.resourceId === resource.id).map((a) => a.appRoleId.toLowerCase()));
      for (const appRoleId of roles) {
        if (!held.has(appRoleId)) await graph.post(`/servicePrincipals/${resource.id}/appRoleAssignedTo`, { principalId: client.id, resourceId: resource.id, appRoleId });
      }
    }
  }
}
