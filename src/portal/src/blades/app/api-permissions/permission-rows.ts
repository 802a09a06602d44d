/** The rows of the API permissions table: each requested permission with its API, type and consent status. */
import type { Graph } from '../../../api/graph';
import type { Application, AppRoleAssignment, ServicePrincipal } from '../../../api/types';
import { allPrincipalsGrant, findServicePrincipal } from './admin-consent';

export interface PermissionRow {
  resourceAppId: string;
  apiName: string;
  id: string;
  type: 'Scope' | 'Role';
  value: string;
  description: string;
  adminConsentRequired: boolean;
  granted: boolean;
}

export async function permissionRows(graph: Graph, app: Application): Promise<PermissionRow[]> {
  const client = await findServicePrincipal(graph, app.appId);
  const assignments = client ? await graph.list<AppRoleAssignment>(`/servicePrincipals/${client.id}/appRoleAssignments`) : [];
  const rows: PermissionRow[] = [];
  for (const entry of app.requiredResourceAccess ?? []) {
    const resource: ServicePrincipal | undefined = await findServicePrincipal(graph, entry.resourceAppId);
    const grant = client && resource ? await allPrincipalsGrant(graph, client.id, resource.id) : undefined;
    const grantedScopes = new Set((grant?.scope ?? '').split(' ').filter(Boolean));
    for (const access of entry.resourceAccess) {
      if (access.type === 'Scope') {
        const scope = resource?.oauth2PermissionScopes.find((s) => s.id.toLowerCase() === access.id.toLowerCase());
        rows.push({
          resourceAppId: entry.resourceAppId, apiName: resource?.displayName ?? entry.resourceAppId, id: access.id, type: 'Scope',
          value: scope?.value ?? access.id, description: scope?.adminConsentDisplayName ?? '',
          adminConsentRequired: scope?.type === 'Admin', granted: !!scope && grantedScopes.has(scope.value),
        });
      } else {
        const role = resource?.appRoles.find((r) => r.id.toLowerCase() === access.id.toLowerCase());
        rows.push({
          resourceAppId: entry.resourceAppId, apiName: resource?.displayName ?? entry.resourceAppId, id: access.id, type: 'Role',
          value: role?.value ?? access.id, description: role?.displayName ?? '', adminConsentRequired: true,
          granted: !!resource && assignments.some((a) => a.resourceId === resource.id && a.appRoleId.toLowerCase() === access.id.toLowerCase()),
        });
      }
    }
  }
  return rows;
}
