/**
 * `ad app permission admin-consent`: consent, for the whole tenant, to everything an application's
 * requiredResourceAccess lists. az calls the portal's private consent API; Entrada does what that API records,
 * over Graph: delegated permissions become one AllPrincipals oauth2PermissionGrant per API (merged into an existing
 * one), application permissions become app role assignments to the client's service principal. Service principals
 * the client or an API lacks in the tenant are created first, as consent in Entra does.
 */
import type { Invocation } from './command.js';
import { CliError, GraphError } from './errors.js';
import type { Graph, GraphObject } from './graph.js';
import { odataString } from './graph.js';

interface ResourceAccess { id: string; type: string }
interface RequiredResourceAccess { resourceAppId: string; resourceAccess: ResourceAccess[] }
interface Named { id: string; value?: string | null }

/** The service principal of appId in the tenant, created when missing. */
export async function ensureServicePrincipal(graph: Graph, appId: string): Promise<GraphObject> {
  const found = await graph.find(`/servicePrincipals(appId=${odataString(appId)})`);
  if (found) return found;
  try {
    return (await graph.post('/servicePrincipals', { appId }))!;
  } catch (err) {
    // Made by someone else meanwhile: use theirs.
    if (err instanceof GraphError && err.status === 409) return graph.get(`/servicePrincipals(appId=${odataString(appId)})`);
    throw err;
  }
}

export async function adminConsent(invocation: Invocation, application: GraphObject): Promise<void> {
  const graph = invocation.graph();
  const client = await ensureServicePrincipal(graph, String(application.appId));
  for (const entry of (application.requiredResourceAccess ?? []) as RequiredResourceAccess[]) {
    const resource = await ensureServicePrincipal(graph, entry.resourceAppId);
    const scopes = entry.resourceAccess.filter((a) => a.type === 'Scope').map((a) => valueOf(resource, 'oauth2PermissionScopes', a.id));
    const roles = entry.resourceAccess.filter((a) => a.type === 'Role').map((a) => {
      valueOf(resource, 'appRoles', a.id);
      return a.id;
    });
    if (scopes.length > 0) await grantAllPrincipals(graph, String(client.id), String(resource.id), scopes);
    if (roles.length > 0) await assignRoles(graph, String(client.id), String(resource.id), roles);
  }
}

/** The value of the resource's permission with this id; an id the API does not have is the caller's mistake. */
function valueOf(resource: GraphObject, collection: 'oauth2PermissionScopes' | 'appRoles', id: string): string {
  const found = ((resource[collection] ?? []) as Named[]).find((p) => p.id.toLowerCase() === id.toLowerCase());
  if (!found?.value) {
    const kind = collection === 'appRoles' ? 'application permission (app role)' : 'delegated permission (scope)';
    throw new CliError(`'${id}' is not a ${kind} of '${String(resource.displayName)}' (${String(resource.appId)}).`);
  }
  return found.value;
}

async function grantAllPrincipals(graph: Graph, clientId: string, resourceId: string, scopes: string[]): Promise<void> {
  const filter = `clientId eq ${odataString(clientId)} and consentType eq 'AllPrincipals' and resourceId eq ${odataString(resourceId)}`;
  const [existing] = await graph.list('/oauth2PermissionGrants', { filter });
  if (!existing) {
    await graph.post('/oauth2PermissionGrants', { clientId, consentType: 'AllPrincipals', principalId: null, resourceId, scope: scopes.join(' ') });
    return;
  }
  const current = String(existing.scope ?? '').split(' ').filter(Boolean);
  const merged = [...new Set([...current, ...scopes])];
  if (merged.length > current.length) await graph.patch(`/oauth2PermissionGrants/${String(existing.id)}`, { scope: merged.join(' ') });
}

async function assignRoles(graph: Graph, clientId: string, resourceId: string, roleIds: string[]): Promise<void> {
  const held = new Set((await graph.list(`/servicePrincipals/${clientId}/appRoleAssignments`))
    .filter((a) => a.resourceId === resourceId).map((a) => String(a.appRoleId).toLowerCase()));
  for (const appRoleId of roleIds) {
    if (held.has(appRoleId.toLowerCase())) continue;
    await graph.post(`/servicePrincipals/${resourceId}/appRoleAssignedTo`, { principalId: clientId, resourceId, appRoleId });
  }
}
