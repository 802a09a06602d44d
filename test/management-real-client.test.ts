/**
 * Azure's management SDK for Healthcare APIs against a real Entrada over HTTPS: a service principal in the Global
 * Administrator role creates, reads, lists and deletes a workspace and a FHIR service (see the fixture).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTORY_ROLES } from '../src/directory/directory-roles.js';
import { runRealClientFixture, scenarioValue } from './support/real-client.js';
import { startTestServer } from './support/server.js';

interface Result { ok: boolean; value?: any; error?: { name?: string; code?: string; statusCode?: number; message: string } }

describe('@azure/arm-healthcareapis against the management API', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let results: Record<string, Result>;
  let tenantId: string;

  beforeAll(async () => {
    server = await startTestServer();
    tenantId = server.first.tenant.id;
    const app = await server.directory.applications.create(tenantId, { displayName: 'deployment pipeline' });
    const secret = (await server.directory.passwordCredentials.add(tenantId, app.id, {})).secretText!;
    const sp = await server.directory.servicePrincipals.create(tenantId, { appId: app.appId });
    await server.directory.directoryRoles.assign(tenantId, sp.id, DIRECTORY_ROLES.globalAdministrator.id);
    const input = { publicUrl: server.publicUrl, tenantId, appId: app.appId, secret };
    results = await runRealClientFixture('management-real-client.mjs', server.caCertPath!, 'MANAGEMENT_REAL_CLIENT_INPUT', input);
  }, 90_000);
  afterAll(async () => server?.close());

  const value = (name: string) => scenarioValue(results, name);

  it('creates, reads and lists a workspace', () => {
    expect(value('createWorkspace')).toMatchObject({ name: 'sdkws', type: 'Microsoft.HealthcareApis/workspaces' });
    expect(value('getWorkspace')).toMatchObject({
      id: `/subscriptions/${tenantId}/resourceGroups/entrada/providers/Microsoft.HealthcareApis/workspaces/sdkws`,
      properties: { provisioningState: 'Succeeded' },
    });
    expect(value('listWorkspaces')).toEqual(['local', 'sdkws']);
    expect(value('listWorkspacesBySubscription')).toEqual(['local', 'sdkws']);
  });

  it('deploys, reads, lists and deletes a FHIR service, and a workspace only once it is empty', async () => {
    expect(value('createFhirService')).toMatchObject({ name: 'sdkws/fhir', kind: 'fhir-R4', authenticationConfiguration: { audience: `${server.publicUrl}/fhir/sdkws-fhir` } });
    expect(value('getFhirService')).toMatchObject({ provisioningState: 'Succeeded' });
    expect(value('listFhirServices')).toEqual(['sdkws/fhir']);
    expect(results.deleteBusyWorkspace).toMatchObject({ ok: false, error: { statusCode: 409, code: 'Conflict' } });
    value('deleteFhirService');
    value('deleteWorkspace');
    expect(results.getDeleted).toMatchObject({ ok: false, error: { statusCode: 404, code: 'ResourceNotFound' } });
    expect(await server.directory.healthcare.workspace(tenantId, 'sdkws')).toBeUndefined();
  });
});
