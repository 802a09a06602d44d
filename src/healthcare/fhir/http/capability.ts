/**
 * The CapabilityStatement at `GET [base]/metadata`, served without a token. It states what this server really
 * does: every R4 resource type with the same interactions, the standard search parameters of each (from the
 * definitions search runs on), versioned history, conditional create/update/delete, JSON only, SMART-on-FHIR
 * security with the tenant's authorize and token endpoints.
 */
import type { CapabilityStatement, CapabilityStatementRestResource, CapabilityStatementRestResourceSearchParam } from '@medplum/fhirtypes';
import { fhirDefinitions } from '../definitions.js';
import type { FhirServiceRef } from './types.js';

const INTERACTIONS = ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type'] as const;

/** What every resource type supports. */
function resourceCapability(type: string): CapabilityStatementRestResource {
  const params = fhirDefinitions().searchParameters(type);
  const searchParam: CapabilityStatementRestResourceSearchParam[] = Object.values(params)
    .filter((sp) => sp.code && sp.type && sp.type !== 'composite' && sp.type !== 'special')
    .map((sp) => ({ name: sp.code!, type: sp.type!, ...(sp.url ? { definition: sp.url } : {}) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    type: type as CapabilityStatementRestResource['type'],
    profile: `http://hl7.org/fhir/StructureDefinition/${type}`,
    interaction: INTERACTIONS.map((code) => ({ code })),
    versioning: 'versioned',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
    conditionalRead: 'full-support',
    conditionalUpdate: true,
    conditionalDelete: 'multiple',
    searchParam,
    operation: [{ name: 'validate', definition: 'http://hl7.org/fhir/OperationDefinition/Resource-validate' }],
  };
}

/** The statement of one service (its URL and tenant's endpoints in it), built from the definitions. */
export function capabilityStatement(service: FhirServiceRef, publicUrl: string, date: string): CapabilityStatement {
  const authority = `${publicUrl}/${service.tenantId}/oauth2/v2.0`;
  return {
    resourceType: 'CapabilityStatement',
    url: `${service.url}/metadata`,
    version: '1.0.0',
    name: 'EntradaFhirServer',
    status: 'active',
    experimental: false,
    date,
    publisher: 'Entrada',
    kind: 'instance',
    software: { name: 'Entrada FHIR Server' },
    implementation: { description: `FHIR service ${service.workspace}/${service.name}`, url: service.url },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    patchFormat: ['application/json-patch+json'],
    rest: [{
      mode: 'server',
      security: {
        cors: false,
        service: [{
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }],
          text: 'OAuth 2.0 bearer tokens from the tenant\'s Entra-compatible authority (SMART on FHIR).',
        }],
        extension: [{
          url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
          extension: [
            { url: 'authorize', valueUri: `${authority}/authorize` },
            { url: 'token', valueUri: `${authority}/token` },
          ],
        }],
      },
      resource: fhirDefinitions().resourceTypes.map(resourceCapability),
      interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'search-system' }, { code: 'history-system' }],
      compartment: ['http://hl7.org/fhir/CompartmentDefinition/patient'],
      searchParam: [
        { name: '_id', type: 'token', definition: 'http://hl7.org/fhir/SearchParameter/Resource-id' },
        { name: '_lastUpdated', type: 'date', definition: 'http://hl7.org/fhir/SearchParameter/Resource-lastUpdated' },
        { name: '_type', type: 'token' },
      ],
      // Bulk Data Access (src/healthcare/fhir/bulk): asynchronous, polled at {base}/_operations/{export|import}/{id}.
      operation: [
        { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' },
        { name: 'patient-export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export' },
        { name: 'group-export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export' },
        { name: 'import', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/import' },
      ],
    }],
  };
}
