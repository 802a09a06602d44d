/** The OpenAPI 3 description of the management API, built from the route table it documents. */
import { MANAGEMENT_ROUTES, type ResourceKind } from './route-table.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const SCHEMA: Record<ResourceKind, string> = {
  workspace: 'Workspace', fhirService: 'FhirService', roleAssignment: 'RoleAssignment', roleDefinition: 'RoleDefinition',
};
const str = { type: 'string' };
const obj = (properties: Record<string, unknown>, required?: string[]) => ({ type: 'object', properties, ...(required ? { required } : {}) });

const ERRORS: Record<string, string> = {
  400: 'Bad request: MissingApiVersionParameter, InvalidApiVersionParameter, InvalidResourceName, PrincipalNotFound, …',
  401: 'No valid token for Azure Resource Manager (AuthenticationFailed, InvalidAuthenticationToken, …)',
  403: 'The caller is not a Global Administrator of the tenant (AuthorizationFailed)',
  404: 'SubscriptionNotFound, ResourceGroupNotFound, ResourceNotFound, …',
  409: 'Conflict (a name in use, a workspace that still holds FHIR services, RoleAssignmentExists)',
};

const components = {
  securitySchemes: {
    bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
      description: 'An access token for Azure Resource Manager (scope https://management.azure.com/.default or resource https://management.core.windows.net/) from this tenant.' },
  },
  schemas: {
    Error: obj({ error: obj({ code: str, message: str }, ['code', 'message']) }, ['error']),
    Workspace: obj({
      id: str, name: str, type: { type: 'string', enum: ['Microsoft.HealthcareApis/workspaces'] }, location: str, tags: { type: 'object' },
      properties: obj({ provisioningState: str, publicNetworkAccess: str }), systemData: { type: 'object' },
    }),
    FhirService: obj({
      id: str, name: { type: 'string', description: '{workspace}/{service}' }, type: { type: 'string', enum: ['Microsoft.HealthcareApis/workspaces/fhirservices'] },
      kind: { type: 'string', enum: ['fhir-R4'] }, location: str,
      properties: obj({
        provisioningState: str, serviceUrl: { type: 'string', description: 'The FHIR base URL, also the token audience.' },
        authenticationConfiguration: obj({ authority: str, audience: str, smartProxyEnabled: { type: 'boolean' } }),
      }),
    }),
    RoleAssignment: obj({
      id: str, name: { type: 'string', format: 'uuid' }, type: str,
      properties: obj({ roleDefinitionId: str, principalId: { type: 'string', format: 'uuid' }, principalType: { type: 'string', enum: ['User', 'Group', 'ServicePrincipal'] }, scope: str }),
    }),
    RoleDefinition: obj({
      id: str, name: { type: 'string', format: 'uuid' }, type: str,
      properties: obj({ roleName: str, type: str, permissions: { type: 'array', items: obj({ dataActions: { type: 'array', items: str }, notDataActions: { type: 'array', items: str } }) } }),
    }),
    RoleAssignmentCreate: obj({ properties: obj({ roleDefinitionId: str, principalId: str, principalType: str }, ['roleDefinitionId', 'principalId']) }, ['properties']),
  },
};

const BODIES: Partial<Record<ResourceKind, unknown>> = {
  workspace: obj({ location: str, properties: { type: 'object' } }),
  fhirService: obj({ location: str, kind: { type: 'string', enum: ['fhir-R4'] }, properties: { type: 'object' } }),
  roleAssignment: ref('RoleAssignmentCreate'),
};

export function openApiDocument(publicUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of MANAGEMENT_ROUTES) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: str }));
    const okSchema = route.returns.list ? obj({ value: { type: 'array', items: ref(SCHEMA[route.returns.kind]) } }) : ref(SCHEMA[route.returns.kind]);
    const responses: Record<string, unknown> = {};
    if (route.method === 'DELETE') {
      responses['200'] = { description: 'Deleted' };
      responses['204'] = { description: 'Did not exist' };
    } else {
      responses['200'] = { description: 'OK', content: { 'application/json': { schema: okSchema } } };
      if (route.method === 'PUT') responses['201'] = { description: 'Created', content: { 'application/json': { schema: okSchema } } };
    }
    for (const [status, description] of Object.entries(ERRORS)) {
      responses[status] = { description, content: { 'application/json': { schema: ref('Error') } } };
    }
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.operationId, summary: route.summary,
      parameters: [
        ...params,
        { name: 'api-version', in: 'query', required: true, schema: { type: 'string', example: '2024-03-31' } },
        ...(route.returns.list ? [{ name: '$filter', in: 'query', required: false, schema: str }] : []),
      ],
      ...(route.body ? { requestBody: { required: route.body === 'roleAssignment', content: { 'application/json': { schema: BODIES[route.body] } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Entrada management API', version: '1.0.0',
      description: 'Azure Resource Manager–shaped management of Healthcare APIs workspaces, FHIR services and their role assignments.'
        + ' The subscription id is the tenant id; the only resource group is `entrada`. Callers must be Global Administrators.',
    },
    servers: [{ url: `${publicUrl.replace(/\/+$/, '')}/management` }],
    security: [{ bearer: [] }],
    paths,
    components,
  };
}
