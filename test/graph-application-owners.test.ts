/** Graph `/applications/{id}/owners`: list, add and remove by reference, and who may change an app through ownership. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { userToken } from './support/tokens.js';

const PASSWORD = 'Str0ng-Secret!';

describe('Graph application owners', () => {
  let t: TestApp;
  let admin: GraphClient;
  let root: string;
  let adminId: string;
  let dev: { id: string };
  let devClient: GraphClient;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = graphClient(t, await userToken(t));
    root = `${t.publicUrl}/v1.0`;
    adminId = (await admin.get('/me')).json().id;
    dev = await t.directory.users.create(t.tenantId, { userPrincipalName: `dev@${t.domain}`, displayName: 'Dev', password: PASSWORD });
    devClient = graphClient(t, await userToken(t, { username: `dev@${t.domain}`, password: PASSWORD }));
  });
  afterAll(async () => t?.close());

  it('lists the registering user as owner, adds and removes owners by reference', async () => {
    const app = (await admin.post('/applications', { displayName: 'Owned app' })).json();
    const sp = (await admin.post('/servicePrincipals', { appId: app.appId })).json();
    const listed = await admin.get(`/applications/${app.id}/owners`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({
      '@odata.context': `${root}/$metadata#directoryObjects`,
      value: [expect.objectContaining({ '@odata.type': '#microsoft.graph.user', id: adminId })],
    });

    // The developer cannot change the app until they own it.
    expectGraphError(await devClient.patch(`/applications/${app.id}`, { notes: 'mine' }), 403, 'Authorization_RequestDenied');
    expect((await admin.post(`/applications/${app.id}/owners/$ref`, { '@odata.id': `${root}/directoryObjects/${dev.id}` })).statusCode).toBe(204);
    expect((await devClient.patch(`/applications/${app.id}`, { notes: 'mine' })).statusCode).toBe(204);
    expect((await admin.post(`/applications(appId='${app.appId}')/owners/$ref`, { '@odata.id': `${root}/servicePrincipals/${sp.id}` })).statusCode).toBe(204);
    const owners = (await admin.get(`/applications/${app.id}/owners`)).json().value;
    expect(owners.map((o: { id: string; '@odata.type': string }) => [o['@odata.type'], o.id]).sort()).toEqual([
      ['#microsoft.graph.servicePrincipal', sp.id], ['#microsoft.graph.user', adminId], ['#microsoft.graph.user', dev.id],
    ].sort());

    expectGraphError(await admin.post(`/applications/${app.id}/owners/$ref`, { '@odata.id': `${root}/directoryObjects/${dev.id}` }), 400,
      'Request_BadRequest', /already exist/);
    expect((await admin.delete(`/applications/${app.id}/owners/${dev.id}/$ref`)).statusCode).toBe(204);
    expectGraphError(await devClient.patch(`/applications/${app.id}`, { notes: 'again' }), 403, 'Authorization_RequestDenied');
    expectGraphError(await admin.delete(`/applications/${app.id}/owners/${dev.id}/$ref`), 404, 'Request_ResourceNotFound');
  });

  it('refuses groups, unknown objects, bad references, and writes by non-owners', async () => {
    const app = (await admin.post('/applications', { displayName: 'Guarded app' })).json();
    const group = (await admin.post('/groups', { displayName: 'G', mailNickname: 'g', mailEnabled: false, securityEnabled: true })).json();
    expectGraphError(await admin.post(`/applications/${app.id}/owners/$ref`, { '@odata.id': `${root}/groups/${group.id}` }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post(`/applications/${app.id}/owners/$ref`, { '@odata.id': `${root}/directoryObjects/${crypto.randomUUID()}` }), 404, 'Request_ResourceNotFound');
    expectGraphError(await admin.post(`/applications/${app.id}/owners/$ref`, { '@odata.id': 'nonsense' }), 400, 'Request_BadRequest');
    expectGraphError(await admin.delete(`/applications/${app.id}/owners/not-a-guid/$ref`), 400, 'Request_BadRequest');
    expectGraphError(await admin.get(`/applications/${crypto.randomUUID()}/owners`), 404, 'Request_ResourceNotFound');
    expectGraphError(await devClient.post(`/applications/${app.id}/owners/$ref`, { '@odata.id': `${root}/directoryObjects/${dev.id}` }), 403, 'Authorization_RequestDenied');
    expectGraphError(await devClient.delete(`/applications/${app.id}/owners/${adminId}/$ref`), 403, 'Authorization_RequestDenied');
    expect((await admin.get(`/applications/${app.id}/owners`)).json().value.map((o: { id: string }) => o.id)).toEqual([adminId]);
  });
});
