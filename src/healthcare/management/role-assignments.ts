/**
 * Microsoft.Authorization/roleAssignments on FHIR services, as ARM: PUT with a client-chosen GUID name, GET,
 * DELETE, and lists at a FHIR service or across the subscription (= tenant), filtered as az filters them.
 */
import { DirectoryError } from '../../directory/errors.js';
import { fhirRole } from '../../directory/healthcare-roles.js';
import type { RoleAssignment } from '../../directory/healthcare.js';
import { isGuid } from '../../lib/ids.js';
import { ArmError, armErrors } from './arm-errors.js';
import { fhirServiceId, roleAssignmentResource, FHIR_SERVICE_TYPE } from './arm-resources.js';
import { bodyObject, type ManagementHandler, type ManagementRequest } from './context.js';
import { parseRoleFilter } from './role-filter.js';

/** The scope in the URL, as the domain keeps it; 404 when the FHIR service is not there. */
async function scopeOf({ deps, tenantId, params }: ManagementRequest): Promise<string> {
  const { workspaceName: ws, fhirServiceName: svc } = params as { workspaceName: string; fhirServiceName: string };
  if (!await deps.directory.healthcare.fhirService(tenantId, ws, svc)) throw armErrors.resourceNotFound(FHIR_SERVICE_TYPE, `${ws}/${svc}`);
  return deps.directory.healthcare.scopeOf(tenantId, fhirServiceId(tenantId, ws, svc));
}

async function list(request: ManagementRequest, scope: string | undefined): Promise<RoleAssignment[]> {
  const { deps, tenantId, query } = request;
  const filter = parseRoleFilter(query.$filter);
  let items = await deps.directory.healthcare.roleAssignments(tenantId, scope, filter.principalId ? { principalId: filter.principalId } : {});
  if (filter.assignedTo) {
    const oid = filter.assignedTo.toLowerCase();
    const principals = new Set([oid, ...await deps.directory.groups.groupsOf(tenantId, oid)]);
    items = items.filter((a) => principals.has(a.principalId));
  }
  if (filter.roleName) items = items.filter((a) => a.roleDefinitionName.toLowerCase() === filter.roleName!.toLowerCase());
  return items;
}

export const listRoleAssignmentsInSubscription: ManagementHandler = async (request) => ({
  status: 200, body: { value: (await list(request, undefined)).map((a) => roleAssignmentResource(request.tenantId, a)) },
});

export const listRoleAssignmentsAtScope: ManagementHandler = async (request) => ({
  status: 200, body: { value: (await list(request, await scopeOf(request))).map((a) => roleAssignmentResource(request.tenantId, a)) },
});

function notFound(name: string): ArmError {
  return new ArmError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
}

async function assignmentAt(request: ManagementRequest): Promise<RoleAssignment | undefined> {
  const scope = await scopeOf(request);
  const name = request.params.roleAssignmentName!;
  if (!isGuid(name)) throw armErrors.badRequest(`The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`, 'InvalidRoleAssignmentId');
  const found = await request.deps.directory.healthcare.roleAssignment(request.tenantId, name);
  return found && found.scope === scope ? found : undefined;
}

export const getRoleAssignment: ManagementHandler = async (request) => {
  const found = await assignmentAt(request);
  if (!found) throw notFound(request.params.roleAssignmentName!);
  return { status: 200, body: roleAssignmentResource(request.tenantId, found) };
};

/** PUT: 201 with the new assignment; 200 when the same one exists under this name; 409 for a duplicate or a change. */
export const putRoleAssignment: ManagementHandler = async (request) => {
  const { deps, tenantId, params } = request;
  const props = bodyObject(bodyObject(request.body).properties);
  const roleRef = typeof props.roleDefinitionId === 'string' ? props.roleDefinitionId.split('/').pop()! : '';
  const role = fhirRole(roleRef);
  if (!role || role.id !== roleRef.toLowerCase()) {
    throw armErrors.badRequest(`The specified role definition with ID '${roleRef}' does not exist.`, 'RoleDefinitionDoesNotExist');
  }
  const principalId = typeof props.principalId === 'string' ? props.principalId : '';
  const principal = isGuid(principalId) ? await deps.directory.healthcare.principal(tenantId, principalId) : undefined;
  if (!principal || principal.id !== principalId.toLowerCase()) {
    throw armErrors.badRequest(`Principal ${principalId} does not exist in the directory ${tenantId}.`, 'PrincipalNotFound');
  }
  const existing = await assignmentAt(request);
  const scope = await scopeOf(request);
  if (existing) {
    if (existing.principalId === principal.id && existing.roleDefinitionId === role.id) return { status: 200, body: roleAssignmentResource(tenantId, existing) };
    throw new ArmError(409, 'RoleAssignmentUpdateNotPermitted', 'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.');
  }
  try {
    const created = await deps.directory.healthcare.assignRole(tenantId, {
      id: params.roleAssignmentName!, principalId: principal.id, principalType: principal.type, role: role.id, scope,
    });
    return { status: 201, body: roleAssignmentResource(tenantId, created) };
  } catch (err) {
    if (err instanceof DirectoryError && err.kind === 'conflict') throw new ArmError(409, 'RoleAssignmentExists', 'The role assignment already exists.');
    throw err;
  }
};

/** DELETE answers the removed assignment, or 204 when there was none. */
export const deleteRoleAssignment: ManagementHandler = async (request) => {
  const found = await assignmentAt(request);
  if (!found) return { status: 204 };
  await request.deps.directory.healthcare.deleteRoleAssignment(request.tenantId, found.id);
  return { status: 200, body: roleAssignmentResource(request.tenantId, found) };
};
