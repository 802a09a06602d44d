/**
 * Which FHIR role allows which interaction: the table behind FhirAccess.require. Roles name Azure's data actions
 * (healthcare-roles.ts, after the FHIR server's DataActions); an interaction needs exactly one of them.
 */
import type { FhirRole } from '../../../directory/healthcare-roles.js';

/** What a FHIR request does, as access control sees it. */
export type DataAction = 'read' | 'search' | 'create' | 'update' | 'delete' | 'hardDelete' | 'export' | 'import' | 'convertData';

export const DATA_ACTIONS: readonly DataAction[] = ['read', 'search', 'create', 'update', 'delete', 'hardDelete', 'export', 'import', 'convertData'];

/** The role data action each interaction needs: create and update are `write`; a soft delete is `delete`. */
export const ROLE_ACTION: Readonly<Record<DataAction, string>> = {
  read: 'read',
  search: 'search',
  create: 'write',
  update: 'write',
  delete: 'delete',
  hardDelete: 'hardDelete',
  export: 'export',
  import: 'import',
  convertData: 'convertData',
};

/** The data action that marks a role as limited by SMART scopes and the fhirUser compartment. */
export const SMART_ACTION = 'smart';

/** Whether a role allows an interaction (`*` is every data action except those in notDataActions). */
export function roleAllows(role: FhirRole, action: DataAction): boolean {
  const needed = ROLE_ACTION[action];
  if (role.notDataActions.includes(needed)) return false;
  return role.dataActions.includes('*') || role.dataActions.includes(needed);
}

/** A role whose grants apply only within the caller's SMART scopes (the FHIR SMART User role). */
export function isSmartRole(role: FhirRole): boolean {
  return role.dataActions.includes(SMART_ACTION) && !role.notDataActions.includes(SMART_ACTION);
}
