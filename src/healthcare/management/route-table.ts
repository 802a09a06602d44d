/**
 * Every management operation, named: the dispatcher (routes.ts) and the OpenAPI document (openapi.ts) are both
 * built from this table, so they cannot drift. Paths are relative to `{publicUrl}/management` and, as in ARM,
 * their literal segments match in any letter case.
 */
import type { ManagementHandler } from './context.js';
import { deleteFhirService, getFhirService, listFhirServices, putFhirService } from './fhir-services.js';
import { deleteRoleAssignment, getRoleAssignment, listRoleAssignmentsAtScope, listRoleAssignmentsInSubscription, putRoleAssignment } from './role-assignments.js';
import { getRoleDefinition, listRoleDefinitions } from './role-definitions.js';
import { deleteWorkspace, getWorkspace, listWorkspaces, putWorkspace } from './workspaces.js';

export type ResourceKind = 'workspace' | 'fhirService' | 'roleAssignment' | 'roleDefinition';

export interface ManagementRoute {
  method: 'GET' | 'PUT' | 'DELETE';
  path: string;
  operationId: string;
  summary: string;
  /** What it answers with on success: one resource, or a `{ value: [...] }` list of them. */
  returns: { kind: ResourceKind; list: boolean };
  /** The request body it takes, if any. */
  body?: ResourceKind;
  /** The ARM action, named in 403 answers. */
  action: string;
  handler: ManagementHandler;
}

const SUB = '/subscriptions/{subscriptionId}';
const RG = `${SUB}/resourceGroups/{resourceGroupName}`;
const WORKSPACES = `${RG}/providers/Microsoft.HealthcareApis/workspaces`;
const SERVICES = `${WORKSPACES}/{workspaceName}/fhirservices`;
const ASSIGNMENTS = `${SERVICES}/{fhirServiceName}/providers/Microsoft.Authorization/roleAssignments`;
const HC = 'Microsoft.HealthcareApis/workspaces';
const RA = 'Microsoft.Authorization/roleAssignments';

export const MANAGEMENT_ROUTES: readonly ManagementRoute[] = [
  { method: 'GET', path: `${SUB}/providers/Microsoft.HealthcareApis/workspaces`, operationId: 'Workspaces_ListBySubscription',
    summary: 'List the workspaces of the subscription (the tenant).', returns: { kind: 'workspace', list: true }, action: `${HC}/read`, handler: listWorkspaces },
  { method: 'GET', path: WORKSPACES, operationId: 'Workspaces_ListByResourceGroup',
    summary: 'List the workspaces of the resource group.', returns: { kind: 'workspace', list: true }, action: `${HC}/read`, handler: listWorkspaces },
  { method: 'GET', path: `${WORKSPACES}/{workspaceName}`, operationId: 'Workspaces_Get',
    summary: 'Get a workspace.', returns: { kind: 'workspace', list: false }, action: `${HC}/read`, handler: getWorkspace },
  { method: 'PUT', path: `${WORKSPACES}/{workspaceName}`, operationId: 'Workspaces_CreateOrUpdate',
    summary: 'Create a workspace (201), or answer the existing one (200). Names are unique across tenants.',
    returns: { kind: 'workspace', list: false }, body: 'workspace', action: `${HC}/write`, handler: putWorkspace },
  { method: 'DELETE', path: `${WORKSPACES}/{workspaceName}`, operationId: 'Workspaces_Delete',
    summary: 'Delete an empty workspace (409 while it holds FHIR services; 204 when absent).',
    returns: { kind: 'workspace', list: false }, action: `${HC}/delete`, handler: deleteWorkspace },
  { method: 'GET', path: SERVICES, operationId: 'FhirServices_ListByWorkspace',
    summary: 'List the FHIR services of a workspace.', returns: { kind: 'fhirService', list: true }, action: `${HC}/fhirservices/read`, handler: listFhirServices },
  { method: 'GET', path: `${SERVICES}/{fhirServiceName}`, operationId: 'FhirServices_Get',
    summary: 'Get a FHIR service.', returns: { kind: 'fhirService', list: false }, action: `${HC}/fhirservices/read`, handler: getFhirService },
  { method: 'PUT', path: `${SERVICES}/{fhirServiceName}`, operationId: 'FhirServices_CreateOrUpdate',
    summary: 'Deploy a FHIR R4 service (201), or answer the existing one (200). The first one in a tenant adds the Azure Healthcare APIs service principal.',
    returns: { kind: 'fhirService', list: false }, body: 'fhirService', action: `${HC}/fhirservices/write`, handler: putFhirService },
  { method: 'DELETE', path: `${SERVICES}/{fhirServiceName}`, operationId: 'FhirServices_Delete',
    summary: 'Delete a FHIR service with all of its data and role assignments (204 when absent).',
    returns: { kind: 'fhirService', list: false }, action: `${HC}/fhirservices/delete`, handler: deleteFhirService },
  { method: 'GET', path: ASSIGNMENTS, operationId: 'RoleAssignments_ListForScope',
    summary: "List the role assignments on a FHIR service; $filter: principalId eq '{id}', assignedTo('{id}'), atScope().",
    returns: { kind: 'roleAssignment', list: true }, action: `${RA}/read`, handler: listRoleAssignmentsAtScope },
  { method: 'GET', path: `${ASSIGNMENTS}/{roleAssignmentName}`, operationId: 'RoleAssignments_Get',
    summary: 'Get a role assignment.', returns: { kind: 'roleAssignment', list: false }, action: `${RA}/read`, handler: getRoleAssignment },
  { method: 'PUT', path: `${ASSIGNMENTS}/{roleAssignmentName}`, operationId: 'RoleAssignments_Create',
    summary: 'Assign a FHIR role to a user, group or service principal (object id) on a FHIR service.',
    returns: { kind: 'roleAssignment', list: false }, body: 'roleAssignment', action: `${RA}/write`, handler: putRoleAssignment },
  { method: 'DELETE', path: `${ASSIGNMENTS}/{roleAssignmentName}`, operationId: 'RoleAssignments_Delete',
    summary: 'Delete a role assignment (204 when absent).', returns: { kind: 'roleAssignment', list: false }, action: `${RA}/delete`, handler: deleteRoleAssignment },
  { method: 'GET', path: `${SUB}/providers/Microsoft.Authorization/roleAssignments`, operationId: 'RoleAssignments_ListForSubscription',
    summary: "List every FHIR role assignment of the tenant; $filter as on a scope, and roleName eq '{name}'.",
    returns: { kind: 'roleAssignment', list: true }, action: `${RA}/read`, handler: listRoleAssignmentsInSubscription },
  { method: 'GET', path: `${SUB}/providers/Microsoft.Authorization/roleDefinitions`, operationId: 'RoleDefinitions_List',
    summary: "List the FHIR data-plane roles with their data actions; $filter: roleName eq '{name}'.",
    returns: { kind: 'roleDefinition', list: true }, action: 'Microsoft.Authorization/roleDefinitions/read', handler: listRoleDefinitions },
  { method: 'GET', path: `${SERVICES}/{fhirServiceName}/providers/Microsoft.Authorization/roleDefinitions`, operationId: 'RoleDefinitions_ListForScope',
    summary: "The same roles, listed at a FHIR service as az lists them before assigning one; $filter: roleName eq '{name}'.",
    returns: { kind: 'roleDefinition', list: true }, action: 'Microsoft.Authorization/roleDefinitions/read', handler: listRoleDefinitions },
  { method: 'GET', path: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}`, operationId: 'RoleDefinitions_GetById',
    summary: 'Get a FHIR data-plane role.', returns: { kind: 'roleDefinition', list: false }, action: 'Microsoft.Authorization/roleDefinitions/read', handler: getRoleDefinition },
];

export interface RouteMatch { route: ManagementRoute; params: Record<string, string> }

const compiled = MANAGEMENT_ROUTES.map((route) => ({ route, segments: route.path.split('/').slice(1) }));

/**
 * The routes whose path matches (literal segments compared case-insensitively, `{name}` taking one segment);
 * more than one only when a path has several methods.
 */
export function matchPath(path: string): RouteMatch[] {
  const parts = path.split('/').slice(1);
  const hits: RouteMatch[] = [];
  for (const { route, segments } of compiled) {
    if (segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = segments.every((seg, i) => {
      const part = parts[i]!;
      if (seg.startsWith('{')) {
        const value = safeDecode(part);
        if (value === undefined || value === '') return false;
        params[seg.slice(1, -1)] = value;
        return true;
      }
      return seg.toLowerCase() === part.toLowerCase();
    });
    if (ok) hits.push({ route, params });
  }
  return hits;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
