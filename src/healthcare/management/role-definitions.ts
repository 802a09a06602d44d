/** Microsoft.Authorization/roleDefinitions: the built-in FHIR data-plane roles, with their data actions. */
import { fhirRole, FHIR_ROLES } from '../../directory/healthcare-roles.js';
import { ArmError } from './arm-errors.js';
import { roleDefinitionResource } from './arm-resources.js';
import type { ManagementHandler } from './context.js';
import { parseRoleFilter } from './role-filter.js';

export const listRoleDefinitions: ManagementHandler = async ({ tenantId, query }) => {
  const { roleName } = parseRoleFilter(query.$filter);
  const roles = roleName === undefined ? FHIR_ROLES : FHIR_ROLES.filter((r) => r.name.toLowerCase() === roleName.toLowerCase());
  return { status: 200, body: { value: roles.map((r) => roleDefinitionResource(tenantId, r)) } };
};

export const getRoleDefinition: ManagementHandler = async ({ tenantId, params }) => {
  const role = fhirRole(params.roleDefinitionId!);
  if (!role || role.id !== params.roleDefinitionId!.toLowerCase()) {
    throw new ArmError(404, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${params.roleDefinitionId}' does not exist.`);
  }
  return { status: 200, body: roleDefinitionResource(tenantId, role) };
};
