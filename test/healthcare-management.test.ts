/**
 * The management API (ARM-shaped) end to end in process: workspaces and FHIR services, name rules and global
 * uniqueness, the Azure Healthcare APIs principal, role assignments (user, group, service principal), who may
 * call it, and that every route of its OpenAPI document exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTORY_ROLES } from '../src/directory/directory-roles.js';
import { CLI_APP_ID, GRAPH_APP_ID, HEALTHCARE_APP_ID, MANAGEMENT_APP_ID } from '../src/directory/first-party.js';
import { FhirStore } from '../src/healthcare/fhir/storage/fhir-store.js';
import { graphClient } from './support/graph.js';
import { API_VERSION, armPaths, expectArmError, managementClient, managementToken, MANAGEMENT_SCOPE, type ManagementClient } from './support/management.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { decodeJwt } from './support/sts.js';
import { appToken, userToken } from './support/tokens.js';

const PASSWORD = 'Str0ng-Secret!';
const CONTRIBUTOR = '5a1fc7df-4bf1-4951-a576-89034ee01acd';
const READER = '4c8d0bbc-75d3-4935-991f-5f3c56d81508';

describe('management API', () => {
  let t: TestApp;
  let admin: ManagementClient;
  let adminToken: string;
  let p: ReturnType<typeof armPaths>;
  const roleDefinitionId = (id: string) => `/subscriptions/${t.tenantId}/providers/Microsoft.Authorization/roleDefinitions/${id}`;

  beforeAll(async () => {
    t = await buildTestApp();
    adminToken = await managementToken(t);
    admin = managementClient(t, adminToken);
    p = armPaths(t.tenantId);
  });
  afterAll(async () => t?.close());

  describe('workspaces', () => {
    it('creates (201, then 200 on the same PUT), shows, lists and deletes a workspace', async () => {
      const created = await admin.put(p.workspace('clinic1'), { location: 'westus', properties: {} });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({
        id: p.workspace('clinic1'), name: 'clinic1', type: 'Microsoft.HealthcareApis/workspaces', location: 'local',
        properties: { provisioningState: 'Succeeded' },
      });
      expect((await admin.put(p.workspace('clinic1'))).statusCode).toBe(200);
      expect((await admin.get(p.workspace('clinic1'))).json().name).toBe('clinic1');
      const names = (await admin.get(p.workspaces)).json().value.map((w: { name: string }) => w.name);
      expect(names).toEqual(expect.arrayContaining(['local', 'clinic1']));
      const bySub = await admin.get(`/subscriptions/${t.tenantId}/providers/Microsoft.HealthcareApis/workspaces`);
      expect(bySub.json().value.map((w: { name: string }) => w.name)).toEqual(names);

      expect((await admin.delete(p.workspace('clinic1'))).statusCode).toBe(200);
      expect((await admin.delete(p.workspace('clinic1'))).statusCode).toBe(204);
      expectArmError(await admin.get(p.workspace('clinic1')), 404, 'ResourceNotFound', /clinic1/);
    });

    it('answers concurrent PUTs of one workspace and service with one creation and no error', async () => {
      const ws = await Promise.all([1, 2, 3].map(() => admin.put(p.workspace('racing'))));
      expect(ws.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
      const svc = await Promise.all([1, 2, 3].map(() => admin.put(p.service('racing', 'fhir'))));
      expect(svc.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
      expect(new Set(svc.map((r) => r.json().id)).size).toBe(1);
    });

    it('matches ARM path segments in any letter case', async () => {
      const res = await admin.get(p.workspaces.replace('resourceGroups', 'resourcegroups').replace('Microsoft.HealthcareApis', 'microsoft.healthcareapis'));
      expect(res.statusCode, res.body).toBe(200);
    });

    it('applies Azure naming rules: 3–24 lowercase letters, digits and inner hyphens', async () => {
      for (const bad of ['ab', 'Clinic', '-abc', 'abc-', 'a_bc', 'a'.repeat(25)]) {
        expectArmError(await admin.put(p.workspace(bad)), 400, 'InvalidResourceName');
      }
      expect((await admin.put(p.workspace('a'.repeat(24)))).statusCode).toBe(201);
      expect((await admin.put(p.workspace('ab-9'))).statusCode).toBe(201);
      await admin.delete(p.workspace('a'.repeat(24)));
      await admin.delete(p.workspace('ab-9'));
    });

    it('refuses to delete a workspace that still holds FHIR services', async () => {
      expectArmError(await admin.delete(p.workspace('local')), 409, 'Conflict', /fhir/);
      expect((await admin.get(p.workspace('local'))).statusCode).toBe(200);
    });
  });

  describe('FHIR services', () => {
    it('deploys a FHIR R4 service with its URL as audience, idempotently', async () => {
      await admin.put(p.workspace('ward'));
      const res = await admin.put(p.service('ward', 'fhir'), { location: 'local', kind: 'fhir-R4', properties: {} });
      expect(res.statusCode, res.body).toBe(201);
      const url = `${t.publicUrl}/fhir/ward-fhir`;
      expect(res.json()).toMatchObject({
        id: p.service('ward', 'fhir'), name: 'ward/fhir', type: 'Microsoft.HealthcareApis/workspaces/fhirservices', kind: 'fhir-R4',
        properties: {
          provisioningState: 'Succeeded', serviceUrl: url,
          authenticationConfiguration: { authority: `${t.publicUrl}/${t.tenantId}`, audience: url, smartProxyEnabled: false },
        },
      });
      expect((await admin.put(p.service('ward', 'fhir'))).statusCode).toBe(200);
      expect((await admin.get(p.service('ward', 'fhir'))).json().properties.serviceUrl).toBe(url);
      expect((await admin.get(`${p.workspace('ward')}/fhirservices`)).json().value.map((s: { name: string }) => s.name)).toEqual(['ward/fhir']);
      expect(await t.directory.healthcare.fhirServiceByPath('ward-fhir')).toMatchObject({ tenantId: t.tenantId, workspace: 'ward', name: 'fhir' });
    });

    it('refuses another kind, a bad name, and a missing workspace', async () => {
      expectArmError(await admin.put(p.service('ward', 'stu3'), { kind: 'fhir-Stu3' }), 400, 'InvalidKind');
      expectArmError(await admin.put(p.service('ward', 'x')), 400, 'InvalidResourceName');
      expectArmError(await admin.put(p.service('nowhere', 'fhir')), 404, 'ResourceNotFound', /nowhere/);
      expectArmError(await admin.get(p.service('ward', 'none')), 404, 'ResourceNotFound');
    });

    it('refuses the same URL segment from a different split of the names', async () => {
      await admin.put(p.workspace('abc-def'));
      expect((await admin.put(p.service('abc-def', 'ghi'))).statusCode).toBe(201);
      await admin.put(p.workspace('abc'));
      expectArmError(await admin.put(p.service('abc', 'def-ghi')), 409, 'Conflict', /abc-def-ghi/);
      expect((await admin.put(p.service('abc', 'def-ghj'))).statusCode).toBe(201);
      expect((await t.directory.healthcare.fhirServiceByPath('abc-def-ghi'))?.workspace).toBe('abc-def');
      expect((await t.directory.healthcare.fhirServiceByPath('abc-def-ghj'))?.workspace).toBe('abc');
    });

    it('deletes a service with its role assignments, its identifier URI and its FHIR data', async () => {
      await admin.put(p.workspace('temp'));
      const svc = (await admin.put(p.service('temp', 'fhir'))).json();
      const url = svc.properties.serviceUrl as string;
      const adminUser = (await t.directory.users.getByUpn(t.tenantId, `admin@${t.domain}`))!;
      const ra = await admin.put(p.assignment('temp', 'fhir', crypto.randomUUID()), { properties: { roleDefinitionId: roleDefinitionId(READER), principalId: adminUser.id } });
      expect(ra.statusCode, ra.body).toBe(201);
      const service = (await t.directory.healthcare.fhirService(t.tenantId, 'temp', 'fhir'))!;
      const repo = new FhirStore(t.store, t.directory.clock).repository({ tenantId: t.tenantId, serviceId: service.id, baseUrl: url });
      await repo.create({ resourceType: 'Patient', name: [{ family: 'Doe' }] });
      const rows = () => t.store.db.selectFrom('fhir_resources').select('id').where('service_id', '=', service.id).execute();
      expect(await rows()).toHaveLength(1);

      const graph = graphClient(t, await userToken(t));
      const names = async () => (await graph.get(`/servicePrincipals(appId='${HEALTHCARE_APP_ID}')`)).json().servicePrincipalNames as string[];
      expect(await names()).toContain(url);

      expect((await admin.delete(p.service('temp', 'fhir'))).statusCode).toBe(200);
      expect(await rows()).toHaveLength(0);
      expect(await names()).not.toContain(url);
      expect(await t.directory.healthcare.roleAssignments(t.tenantId, undefined, { principalId: adminUser.id }))
        .not.toContainEqual(expect.objectContaining({ scope: '/workspaces/temp/fhirservices/fhir' }));
      expect(await t.directory.healthcare.fhirServiceByPath('temp-fhir')).toBeUndefined();
      expect((await admin.delete(p.service('temp', 'fhir'))).statusCode).toBe(204);
      expect((await admin.delete(p.workspace('temp'))).statusCode).toBe(200);
    });
  });

  describe('role assignments', () => {
    let user: { id: string };
    let group: { id: string };

    beforeAll(async () => {
      await admin.put(p.workspace('rbac'));
      await admin.put(p.service('rbac', 'fhir'));
      user = await t.directory.users.create(t.tenantId, { userPrincipalName: `nurse@${t.domain}`, displayName: 'Nurse', password: PASSWORD });
      group = await t.directory.groups.create(t.tenantId, { displayName: 'Clinicians', mailNickname: 'clinicians', securityEnabled: true, mailEnabled: false }, [user.id]);
    });

    it('lists the FHIR roles as role definitions with their data actions', async () => {
      const res = await admin.get(p.roleDefinitions);
      expect(res.statusCode, res.body).toBe(200);
      const reader = res.json().value.find((d: { name: string }) => d.name === READER);
      expect(reader).toMatchObject({
        id: roleDefinitionId(READER), type: 'Microsoft.Authorization/roleDefinitions',
        properties: { roleName: 'FHIR Data Reader', permissions: [{ dataActions: expect.arrayContaining(['Microsoft.HealthcareApis/workspaces/fhirservices/resources/read']) }] },
      });
      const filtered = await admin.get(p.roleDefinitions, `api-version=2022-04-01&$filter=${encodeURIComponent("roleName eq 'FHIR Data Contributor'")}`);
      expect(filtered.json().value.map((d: { name: string }) => d.name)).toEqual([CONTRIBUTOR]);
      expect((await admin.get(p.roleDefinition(CONTRIBUTOR))).json().properties.roleName).toBe('FHIR Data Contributor');
    });

    it('assigns a role to a user: create, show, list, filter, duplicate, delete', async () => {
      const id = crypto.randomUUID();
      const body = { properties: { roleDefinitionId: roleDefinitionId(READER), principalId: user.id } };
      const created = await admin.put(p.assignment('rbac', 'fhir', id), body);
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({
        id: p.assignment('rbac', 'fhir', id), name: id, type: 'Microsoft.Authorization/roleAssignments',
        properties: { roleDefinitionId: roleDefinitionId(READER), principalId: user.id, principalType: 'User', scope: p.service('rbac', 'fhir') },
      });
      expect((await admin.put(p.assignment('rbac', 'fhir', id), body)).statusCode).toBe(200);
      expectArmError(await admin.put(p.assignment('rbac', 'fhir', crypto.randomUUID()), body), 409, 'RoleAssignmentExists');
      expect((await admin.get(p.assignment('rbac', 'fhir', id))).json().name).toBe(id);
      expect(await t.directory.healthcare.fhirRolesOf(t.tenantId, 'rbac', 'fhir', user.id)).toEqual([expect.objectContaining({ name: 'FHIR Data Reader' })]);

      const filter = `api-version=${API_VERSION}&$filter=${encodeURIComponent(`principalId eq '${user.id}'`)}`;
      expect((await admin.get(p.assignments('rbac', 'fhir'), filter)).json().value.map((a: { name: string }) => a.name)).toEqual([id]);
      const all = await admin.get(`/subscriptions/${t.tenantId}/providers/Microsoft.Authorization/roleAssignments`, filter);
      expect(all.json().value.map((a: { name: string }) => a.name)).toEqual([id]);

      expect((await admin.delete(p.assignment('rbac', 'fhir', id))).statusCode).toBe(200);
      expect((await admin.delete(p.assignment('rbac', 'fhir', id))).statusCode).toBe(204);
      expectArmError(await admin.get(p.assignment('rbac', 'fhir', id)), 404, 'RoleAssignmentNotFound');
      expect(await t.directory.healthcare.fhirRolesOf(t.tenantId, 'rbac', 'fhir', user.id)).toEqual([]);
    });

    it('assigns a role to a group, which its members then hold; assignedTo() finds it', async () => {
      const id = crypto.randomUUID();
      const res = await admin.put(p.assignment('rbac', 'fhir', id), { properties: { roleDefinitionId: roleDefinitionId(CONTRIBUTOR), principalId: group.id } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().properties.principalType).toBe('Group');
      expect((await t.directory.healthcare.fhirRolesOf(t.tenantId, 'rbac', 'fhir', user.id)).map((r) => r.name)).toEqual(['FHIR Data Contributor']);
      const mine = await admin.get(p.assignments('rbac', 'fhir'), `api-version=${API_VERSION}&$filter=${encodeURIComponent(`assignedTo('${user.id}')`)}`);
      expect(mine.json().value.map((a: { name: string }) => a.name)).toEqual([id]);
      await admin.delete(p.assignment('rbac', 'fhir', id));
    });

    it('assigns a role to a service principal by object id', async () => {
      const app = await t.directory.applications.create(t.tenantId, { displayName: 'fhir daemon' });
      const sp = await t.directory.servicePrincipals.create(t.tenantId, { appId: app.appId });
      const res = await admin.put(p.assignment('rbac', 'fhir', crypto.randomUUID()), { properties: { roleDefinitionId: roleDefinitionId(READER), principalId: sp.id } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().properties).toMatchObject({ principalId: sp.id, principalType: 'ServicePrincipal' });
    });

    it('refuses an unknown principal, an appId as principal, an unknown role, a bad name, an unknown service', async () => {
      const app = await t.directory.applications.create(t.tenantId, { displayName: 'by appId' });
      await t.directory.servicePrincipals.create(t.tenantId, { appId: app.appId });
      const put = (principalId: string, role = READER, name: string = crypto.randomUUID()) =>
        admin.put(p.assignment('rbac', 'fhir', name), { properties: { roleDefinitionId: roleDefinitionId(role), principalId } });
      expectArmError(await put(crypto.randomUUID()), 400, 'PrincipalNotFound');
      expectArmError(await put(app.appId), 400, 'PrincipalNotFound');
      expectArmError(await put(user.id, crypto.randomUUID()), 400, 'RoleDefinitionDoesNotExist');
      expectArmError(await put(user.id, READER, 'not-a-guid'), 400, 'InvalidRoleAssignmentId');
      expectArmError(await admin.put(p.assignment('rbac', 'none', crypto.randomUUID()), { properties: { roleDefinitionId: roleDefinitionId(READER), principalId: user.id } }), 404, 'ResourceNotFound');
      expectArmError(await admin.request('PUT', p.assignment('rbac', 'fhir', crypto.randomUUID()), undefined), 400, 'RoleDefinitionDoesNotExist');
    });
  });

  describe('who may call', () => {
    it('asks for a token, and refuses a token for another resource', async () => {
      const anonymous = managementClient(t, undefined);
      const res = await anonymous.get(p.workspaces);
      expectArmError(res, 401, 'AuthenticationFailed');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer authorization_uri=/);
      expectArmError(await managementClient(t, 'garbage').get(p.workspaces), 401, 'InvalidAuthenticationToken');
      expectArmError(await managementClient(t, await userToken(t)).get(p.workspaces), 401, 'InvalidAuthenticationTokenAudience');
    });

    it('issues ARM tokens for both identifier URIs to the CLI without consent', async () => {
      for (const scope of [MANAGEMENT_SCOPE, 'https://management.core.windows.net//.default']) {
        const token = await userToken(t, { scope });
        expect(decodeJwt(token).payload).toMatchObject({ appid: CLI_APP_ID });
        expect((await managementClient(t, token).get(p.workspaces)).statusCode).toBe(200);
      }
      const sp = await graphClient(t, await userToken(t)).get(`/servicePrincipals(appId='${MANAGEMENT_APP_ID}')`);
      expect(sp.json()).toMatchObject({ displayName: 'Windows Azure Service Management API' });
    });

    it('needs api-version, the right subscription and the entrada resource group', async () => {
      expectArmError(await admin.get(p.workspaces, ''), 400, 'MissingApiVersionParameter');
      expectArmError(await admin.get(p.workspaces, 'api-version=latest'), 400, 'InvalidApiVersionParameter');
      expectArmError(await admin.get(p.workspaces.replace('/entrada/', '/other/')), 404, 'ResourceGroupNotFound', /other/);
      expectArmError(await admin.get(armPaths(crypto.randomUUID()).workspaces), 404, 'SubscriptionNotFound');
      expectArmError(await admin.get(`/subscriptions/${t.tenantId}/nothing`), 404, 'NotFound');
      expectArmError(await admin.request('PATCH', p.workspace('local'), {}), 405, 'MethodNotAllowed');
      expectArmError(await t.app.inject({ method: 'PUT', url: `/management${p.workspace('x1y')}?api-version=${API_VERSION}`,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, payload: '{not json' }),
      400, 'InvalidRequestContent');
      const raw = (payload: string, type: string) => t.app.inject({ method: 'PUT', url: `/management${p.workspace('x1y')}?api-version=${API_VERSION}`,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': type }, payload });
      expectArmError(await raw('[1]', 'application/json'), 400, 'InvalidRequestContent');
      expectArmError(await raw('name=x', 'text/plain'), 415, 'UnsupportedMediaType');
      expectArmError(await admin.put(p.assignment('local', 'fhir', crypto.randomUUID()), { properties: 'x' }), 400, 'InvalidRequestContent');
      expectArmError(await admin.get(`${p.workspaces}/%E0%A4%A`), 400, 'InvalidRequestUri');
      expect((await admin.get(p.workspace('x1y'))).statusCode).toBe(404);
    });

    it('refuses a user who is not a Global Administrator, for reads too', async () => {
      await t.directory.users.create(t.tenantId, { userPrincipalName: `clerk@${t.domain}`, displayName: 'Clerk', password: PASSWORD });
      const clerk = managementClient(t, await managementToken(t, { username: `clerk@${t.domain}`, password: PASSWORD }));
      expectArmError(await clerk.get(p.workspaces), 403, 'AuthorizationFailed', /clerk@/);
      expectArmError(await clerk.put(p.workspace('clerks')), 403, 'AuthorizationFailed');
    });

    it('lets a service principal in the Global Administrator role call it, and no other', async () => {
      const app = await t.directory.applications.create(t.tenantId, { displayName: 'automation' });
      const { secretText } = await t.directory.passwordCredentials.add(t.tenantId, app.id, {});
      const sp = await t.directory.servicePrincipals.create(t.tenantId, { appId: app.appId });
      const client = async () => managementClient(t, await appToken(t, app.appId, secretText!, { scope: MANAGEMENT_SCOPE }));
      expectArmError(await (await client()).get(p.workspaces), 403, 'AuthorizationFailed');
      await t.directory.directoryRoles.assign(t.tenantId, sp.id, DIRECTORY_ROLES.globalAdministrator.id);
      expect((await (await client()).get(p.workspaces)).statusCode).toBe(200);
    });
  });

  describe('another tenant', () => {
    let other: string;
    let fabrikam: ManagementClient;

    beforeAll(async () => {
      other = (await t.directory.tenants.create({ displayName: 'Fabrikam', domain: 'fabrikam.test' })).id;
      for (const appId of [GRAPH_APP_ID, CLI_APP_ID, MANAGEMENT_APP_ID]) await t.directory.servicePrincipals.ensure(other, appId);
      const boss = await t.directory.users.create(other, { userPrincipalName: 'admin@fabrikam.test', displayName: 'Fabrikam admin', password: PASSWORD });
      await t.directory.directoryRoles.assign(other, boss.id, DIRECTORY_ROLES.globalAdministrator.id);
      fabrikam = managementClient(t, await managementToken(t, { tenant: other, username: 'admin@fabrikam.test', password: PASSWORD }));
    });

    it('gets the Azure Healthcare APIs service principal with its first FHIR service', async () => {
      const graph = graphClient(t, await userToken(t, { tenant: other, username: 'admin@fabrikam.test', password: PASSWORD }));
      expect((await graph.get(`/servicePrincipals(appId='${HEALTHCARE_APP_ID}')`)).statusCode).toBe(404);
      const fp = armPaths(other);
      expect((await fabrikam.put(fp.workspace('fabrikam'))).statusCode).toBe(201);
      expect((await fabrikam.put(fp.service('fabrikam', 'fhir'))).statusCode).toBe(201);
      const sp = await graph.get(`/servicePrincipals(appId='${HEALTHCARE_APP_ID}')`);
      expect(sp.statusCode, sp.body).toBe(200);
      expect(sp.json().servicePrincipalNames).toContain(`${t.publicUrl}/fhir/fabrikam-fhir`);
      expect(await t.directory.healthcare.fhirServiceByPath('fabrikam-fhir')).toMatchObject({ tenantId: other });
    });

    it('cannot take a workspace name used in another tenant, nor see or touch the other tenant', async () => {
      const fp = armPaths(other);
      expectArmError(await fabrikam.put(fp.workspace('local')), 409, 'Conflict', /not available/);
      expectArmError(await fabrikam.get(p.workspaces), 401, 'InvalidAuthenticationTokenTenant');
      expect((await fabrikam.get(fp.workspaces)).json().value.map((w: { name: string }) => w.name)).toEqual(['fabrikam']);
      expectArmError(await admin.get(fp.workspace('fabrikam')), 401, 'InvalidAuthenticationTokenTenant');
    });
  });

  describe('OpenAPI document', () => {
    it('is served without a token, and every operation in it exists', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/management/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.servers[0].url).toBe(`${t.publicUrl}/management`);
      const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
        .flatMap(([path, methods]) => Object.keys(methods).map((m) => [m.toUpperCase(), path] as const));
      expect(operations.length).toBeGreaterThanOrEqual(16);
      const anonymous = managementClient(t, undefined);
      for (const [method, template] of operations) {
        const path = template.replace('{subscriptionId}', t.tenantId).replace('{resourceGroupName}', 'entrada').replace('{workspaceName}', 'local')
          .replace('{fhirServiceName}', 'fhir').replace(/\{\w+\}/g, crypto.randomUUID());
        // Unknown paths are 404 before authentication, so a 401 shows the route is there.
        expectArmError(await anonymous.request(method as 'GET', path, method === 'PUT' ? {} : undefined), 401, 'AuthenticationFailed');
        const authed = await admin.request(method === 'GET' ? 'GET' : method as 'PUT', path, method === 'PUT' ? { properties: {} } : undefined);
        if (method === 'GET') expect(authed.statusCode < 500 && authed.json().error?.code !== 'NotFound', `${method} ${path}: ${authed.body}`).toBe(true);
      }
    });
  });
});
