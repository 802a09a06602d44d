/** Graph `/servicePrincipals` and app role assignments, and an app-only client set up through Graph itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_APP_ID } from '../src/directory/first-party.js';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { appToken, GRAPH_APPLICATION_READWRITE_ALL, userToken } from './support/tokens.js';

const APP_ROLE_ASSIGNMENT_READWRITE_ALL = '06b708a9-e830-4db3-a914-8e69da51d44f';

describe('Graph service principals', () => {
  let t: TestApp;
  let admin: GraphClient;
  let root: string;
  let graphSpId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = graphClient(t, await userToken(t));
    root = `${t.publicUrl}/v1.0`;
    graphSpId = (await admin.get(`/servicePrincipals(appId='${GRAPH_APP_ID}')`)).json().id;
  });
  afterAll(async () => t?.close());

  it('creates a service principal for an application, once', async () => {
    const app = (await admin.post('/applications', { displayName: 'SP app', appRoles: [] })).json();
    const res = await admin.post('/servicePrincipals', { appId: app.appId });
    expect(res.statusCode).toBe(201);
    const sp = res.json();
    expect(res.headers.location).toBe(`${root}/servicePrincipals/${sp.id}`);
    expect(sp['@odata.context']).toBe(`${root}/$metadata#servicePrincipals/$entity`);
    expect(sp).toMatchObject({
      appId: app.appId, displayName: 'SP app', appDisplayName: 'SP app', accountEnabled: true, appRoleAssignmentRequired: false,
      servicePrincipalType: 'Application', appOwnerOrganizationId: t.tenantId, servicePrincipalNames: [app.appId],
    });
    expect(Object.keys(sp)[1]).toBe('id');
    expect(sp).not.toHaveProperty('tokenVersion');

    const again = await admin.post('/servicePrincipals', { appId: app.appId });
    expectGraphError(again, 409, 'Request_MultipleObjectsWithSameKeyValue',
      `The service principal cannot be created, updated, or restored because the service principal name ${app.appId} is already in use.`);

    const listed = (await admin.get(`/servicePrincipals?$filter=appId eq '${app.appId}'`)).json();
    expect(listed['@odata.context']).toBe(`${root}/$metadata#servicePrincipals`);
    expect(listed.value.map((s: any) => s.id)).toEqual([sp.id]);
    expect(listed.value[0]).not.toHaveProperty('tokenVersion');
    const byName = (await admin.get(`/servicePrincipals?$filter=startswith(displayName,'SP a')&$select=id,appId`)).json();
    expect(byName.value).toEqual([{ id: sp.id, appId: app.appId }]);
    const byEq = (await admin.get(`/servicePrincipals?$filter=displayName eq 'Microsoft Graph'`)).json();
    expect(byEq.value.map((s: any) => s.appId)).toEqual([GRAPH_APP_ID]);
    expect((await admin.get(`/servicePrincipals(appId='${app.appId}')`)).json().id).toBe(sp.id);
    const all = (await admin.get('/servicePrincipals?$top=2')).json();
    expect(all.value).toHaveLength(2);
    expect(all['@odata.nextLink']).toMatch(/\$top=2&\$skiptoken=/);

    expect((await admin.delete(`/servicePrincipals/${sp.id}`)).statusCode).toBe(204);
    expectGraphError(await admin.get(`/servicePrincipals/${sp.id}`), 404, 'Request_ResourceNotFound');
  });

  it('refuses a service principal for an unknown appId or with unknown properties', async () => {
    expectGraphError(await admin.post('/servicePrincipals', { appId: crypto.randomUUID() }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post('/servicePrincipals', { appId: 'nope' }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post('/servicePrincipals', {}), 400, 'Request_BadRequest');
    const app = (await admin.post('/applications', { displayName: 'SP props' })).json();
    expectGraphError(await admin.post('/servicePrincipals', { appId: app.appId, bogus: 1 }), 400, 'Request_BadRequest');
    expect((await admin.get(`/servicePrincipals?$filter=appId eq '${app.appId}'`)).json().value).toEqual([]);
  });

  it('grants application permissions with appRoleAssignedTo, and an app-only client then uses Graph', async () => {
    // The daemon's registration, secret and principal, all through Graph.
    const app = (await admin.post('/applications', { displayName: 'Daemon' })).json();
    const secret = (await admin.post(`/applications/${app.id}/addPassword`, { passwordCredential: { displayName: 'daemon' } })).json().secretText;
    const sp = (await admin.post('/servicePrincipals', { appId: app.appId })).json();

    const grant = await admin.post(`/servicePrincipals/${graphSpId}/appRoleAssignedTo`, {
      principalId: sp.id, resourceId: graphSpId, appRoleId: GRAPH_APPLICATION_READWRITE_ALL,
    });
    expect(grant.statusCode).toBe(201);
    const assignment = grant.json();
    expect(assignment['@odata.context']).toBe(`${root}/$metadata#servicePrincipals('${graphSpId}')/appRoleAssignedTo/$entity`);
    expect(assignment).toMatchObject({
      principalId: sp.id, principalType: 'ServicePrincipal', principalDisplayName: 'Daemon', resourceId: graphSpId,
      resourceDisplayName: 'Microsoft Graph', appRoleId: GRAPH_APPLICATION_READWRITE_ALL,
    });
    expect(grant.headers.location).toBe(`${root}/servicePrincipals/${graphSpId}/appRoleAssignedTo/${assignment.id}`);
    expectGraphError(await admin.post(`/servicePrincipals/${graphSpId}/appRoleAssignedTo`, {
      principalId: sp.id, resourceId: graphSpId, appRoleId: GRAPH_APPLICATION_READWRITE_ALL,
    }), 400, 'Request_BadRequest', 'Permission being assigned already exists on the object');
    expectGraphError(await admin.post(`/servicePrincipals/${graphSpId}/appRoleAssignedTo`, {
      principalId: sp.id, resourceId: sp.id, appRoleId: GRAPH_APPLICATION_READWRITE_ALL,
    }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post(`/servicePrincipals/${graphSpId}/appRoleAssignedTo`, {
      principalId: sp.id, appRoleId: crypto.randomUUID(),
    }), 400, 'Request_BadRequest');

    const assignedTo = (await admin.get(`/servicePrincipals(appId='${GRAPH_APP_ID}')/appRoleAssignedTo`)).json();
    expect(assignedTo['@odata.context']).toBe(`${root}/$metadata#servicePrincipals('${graphSpId}')/appRoleAssignedTo`);
    expect(assignedTo.value.map((a: any) => a.id)).toContain(assignment.id);
    const held = (await admin.get(`/servicePrincipals/${sp.id}/appRoleAssignments`)).json();
    expect(held.value).toEqual([assignment].map(({ '@odata.context': _c, ...a }: any) => a));

    const daemon = graphClient(t, await appToken(t, app.appId, secret));
    const made = await daemon.post('/applications', { displayName: 'Made by daemon' });
    expect(made.statusCode).toBe(201);
    // The creating principal becomes the owner, and app-only writes need no ownership anyway.
    expect((await daemon.patch(`/applications/${app.id}`, { notes: 'touched by itself' })).statusCode).toBe(204);
    expect((await daemon.get(`/applications(appId='${app.appId}')?$select=notes`)).json().notes).toBe('touched by itself');
    expectGraphError(await daemon.get('/me'), 400, 'Request_BadRequest', '/me request is only valid with delegated authentication flow.');
    expect((await daemon.get('/organization')).statusCode).toBe(200);
    // Granting roles needs AppRoleAssignment.ReadWrite.All as well.
    expectGraphError(await daemon.post(`/servicePrincipals/${graphSpId}/appRoleAssignedTo`, {
      principalId: sp.id, resourceId: graphSpId, appRoleId: APP_ROLE_ASSIGNMENT_READWRITE_ALL,
    }), 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

    // Revoking the role: the next token carries no role and is refused for writes.
    expect((await admin.delete(`/servicePrincipals/${graphSpId}/appRoleAssignedTo/${assignment.id}`)).statusCode).toBe(204);
    expectGraphError(await admin.delete(`/servicePrincipals/${graphSpId}/appRoleAssignedTo/${assignment.id}`), 404, 'Request_ResourceNotFound');
    const weaker = graphClient(t, await appToken(t, app.appId, secret));
    expectGraphError(await weaker.post('/applications', { displayName: 'Not allowed' }), 403, 'Authorization_RequestDenied');
    expectGraphError(await weaker.get('/applications'), 403, 'Authorization_RequestDenied');
  });
});
