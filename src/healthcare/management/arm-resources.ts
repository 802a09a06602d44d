/**
 * The ARM shapes of Healthcare APIs resources and Azure RBAC objects, built from domain records. The subscription
 * is the tenant id and there is one resource group, `entrada`.
 */
import { armProviderPrefix, type FhirService, type RoleAssignment, type Workspace } from '../../directory/healthcare.js';
import type { FhirRole } from '../../directory/healthcare-roles.js';

export const RESOURCE_GROUP = 'entrada';
/** We run in one place; ARM requires a location, so every resource reports this one. */
export const LOCATION = 'local';
export const WORKSPACE_TYPE = 'Microsoft.HealthcareApis/workspaces';
export const FHIR_SERVICE_TYPE = 'Microsoft.HealthcareApis/workspaces/fhirservices';
const DATA_ACTION_PREFIX = 'Microsoft.HealthcareApis/workspaces/fhirservices/resources';

export function workspaceId(tenantId: string, workspace: string): string {
  return `${armProviderPrefix(tenantId)}/workspaces/${workspace}`;
}

export function fhirServiceId(tenantId: string, workspace: string, service: string): string {
  return `${workspaceId(tenantId, workspace)}/fhirservices/${service}`;
}

const systemData = (createdAt: string) => ({ createdAt, lastModifiedAt: createdAt });

export function workspaceResource(tenantId: string, ws: Workspace): Record<string, unknown> {
  return {
    id: workspaceId(tenantId, ws.name), name: ws.name, type: WORKSPACE_TYPE, location: LOCATION, tags: {},
    properties: { provisioningState: 'Succeeded', publicNetworkAccess: 'Enabled', privateEndpointConnections: [] },
    systemData: systemData(ws.createdDateTime),
  };
}

/**
 * A FHIR service. ARM names a child resource `{parent}/{child}`. The service URL is also the token audience;
 * `properties.serviceUrl` is ours (Azure's DICOM service has one by that name; its FHIR service has only the audience).
 */
export function fhirServiceResource(tenantId: string, publicUrl: string, service: FhirService): Record<string, unknown> {
  return {
    id: fhirServiceId(tenantId, service.workspace, service.name), name: `${service.workspace}/${service.name}`,
    type: FHIR_SERVICE_TYPE, kind: 'fhir-R4', location: LOCATION, tags: {},
    properties: {
      provisioningState: 'Succeeded',
      authenticationConfiguration: { authority: `${publicUrl.replace(/\/+$/, '')}/${tenantId}`, audience: service.url, smartProxyEnabled: false },
      serviceUrl: service.url,
      publicNetworkAccess: 'Enabled',
      accessPolicies: [],
      corsConfiguration: { origins: [], headers: [], methods: [], allowCredentials: false },
    },
    systemData: systemData(service.createdDateTime),
  };
}

export function roleDefinitionId(tenantId: string, roleId: string): string {
  return `/subscriptions/${tenantId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;
}

export function roleDefinitionResource(tenantId: string, role: FhirRole): Record<string, unknown> {
  const action = (a: string) => `${DATA_ACTION_PREFIX}/${a}`;
  return {
    id: roleDefinitionId(tenantId, role.id), name: role.id, type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: role.name, type: 'BuiltInRole', description: `Built-in FHIR data-plane role: ${role.name}.`,
      assignableScopes: ['/'],
      permissions: [{ actions: [], notActions: [], dataActions: role.dataActions.map(action), notDataActions: role.notDataActions.map(action) }],
    },
  };
}

/** A role assignment; its scope, stored below the provider, is shown as the FHIR service's full resource id. */
export function roleAssignmentResource(tenantId: string, a: RoleAssignment): Record<string, unknown> {
  const scope = `${armProviderPrefix(tenantId)}${a.scope}`;
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${a.id}`, name: a.id, type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: roleDefinitionId(tenantId, a.roleDefinitionId), principalId: a.principalId, principalType: a.principalType,
      scope, createdOn: a.createdDateTime, updatedOn: a.createdDateTime, condition: null, conditionVersion: null, description: null,
    },
  };
}
