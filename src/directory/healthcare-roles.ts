/** Azure's built-in FHIR data-plane roles (Azure RBAC role definition ids) and the data actions each allows. */
export interface FhirRole { id: string; name: string; dataActions: string[]; notDataActions: string[] }

export const FHIR_ROLES: readonly FhirRole[] = [
  { id: '4c8d0bbc-75d3-4935-991f-5f3c56d81508', name: 'FHIR Data Reader', dataActions: ['read', 'search'], notDataActions: [] },
  { id: '3f88fce4-5892-4214-ae73-ba5294559913', name: 'FHIR Data Writer', dataActions: ['read', 'search', 'write', 'delete'], notDataActions: [] },
  { id: '3db33094-8700-4567-8da5-1501d4e7e843', name: 'FHIR Data Exporter', dataActions: ['read', 'search', 'export'], notDataActions: [] },
  { id: '4465e953-8ced-4406-a58e-0f6e3f3b530b', name: 'FHIR Data Importer', dataActions: ['read', 'search', 'import'], notDataActions: [] },
  { id: '5a1fc7df-4bf1-4951-a576-89034ee01acd', name: 'FHIR Data Contributor', dataActions: ['*'], notDataActions: ['smart'] },
  { id: 'a1705bd2-3a8f-45a5-8683-466fcfd5cc24', name: 'FHIR Data Converter', dataActions: ['convertData'], notDataActions: [] },
  { id: '4ba50f17-9666-485c-a643-ff00808643f0', name: 'FHIR SMART User', dataActions: ['read', 'search', 'write', 'smart'], notDataActions: [] },
];

/** A FHIR role by its name (case-insensitive) or definition id. */
export function fhirRole(nameOrId: string): FhirRole | undefined {
  const key = nameOrId.toLowerCase();
  return FHIR_ROLES.find((r) => r.id === key || r.name.toLowerCase() === key);
}
