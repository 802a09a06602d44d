/** The ARM shapes the Healthcare APIs blades read (only the properties they use). */
export interface Workspace {
  id: string;
  name: string;
  location: string;
  properties: { provisioningState: string };
  systemData?: { createdAt?: string };
}

export interface FhirService {
  id: string;
  /** `{workspace}/{service}`, as ARM names child resources. */
  name: string;
  kind: string;
  location: string;
  properties: {
    provisioningState: string;
    authenticationConfiguration: { authority: string; audience: string };
    serviceUrl?: string;
  };
  systemData?: { createdAt?: string };
}

export interface RoleDefinition {
  id: string;
  name: string;
  properties: { roleName: string; description: string; type: string };
}

export interface RoleAssignment {
  id: string;
  name: string;
  properties: { roleDefinitionId: string; principalId: string; principalType: string; scope: string; createdOn?: string };
}

/** The service's short name from ARM's `{workspace}/{service}`. */
export function serviceName(service: FhirService): string {
  return service.name.split('/').pop() ?? service.name;
}
