import { describe, expect, it } from 'vitest';
import { fhirRole, FHIR_ROLES } from '../../../directory/healthcare-roles.js';
import { DATA_ACTIONS, isSmartRole, roleAllows, type DataAction } from './data-actions.js';

const allowed = (name: string) => DATA_ACTIONS.filter((a) => roleAllows(fhirRole(name)!, a));

describe('role data actions', () => {
  it('maps each interaction to the role data action Azure names', () => {
    const table: Record<string, DataAction[]> = {
      'FHIR Data Reader': ['read', 'search'],
      'FHIR Data Writer': ['read', 'search', 'create', 'update', 'delete'],
      'FHIR Data Exporter': ['read', 'search', 'export'],
      'FHIR Data Importer': ['read', 'search', 'import'],
      'FHIR Data Contributor': [...DATA_ACTIONS],
      'FHIR Data Converter': ['convertData'],
      'FHIR SMART User': ['read', 'search', 'create', 'update'],
    };
    for (const [role, actions] of Object.entries(table)) expect(allowed(role), role).toEqual(actions);
  });

  it('only hard-deletes with a wildcard role, and marks only the SMART User role as scope-limited', () => {
    expect(FHIR_ROLES.filter((r) => roleAllows(r, 'hardDelete')).map((r) => r.name)).toEqual(['FHIR Data Contributor']);
    expect(FHIR_ROLES.filter(isSmartRole).map((r) => r.name)).toEqual(['FHIR SMART User']);
    // `*` minus notDataActions: a role that excluded delete would not soft-delete.
    expect(roleAllows({ id: 'x', name: 'custom', dataActions: ['*'], notDataActions: ['delete'] }, 'delete')).toBe(false);
    expect(roleAllows({ id: 'x', name: 'custom', dataActions: ['*'], notDataActions: ['delete'] }, 'hardDelete')).toBe(true);
  });
});
