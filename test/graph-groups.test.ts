/** Graph `/groups`, membership (`members`, `$ref`, `memberOf`, `checkMemberGroups`) and app roles held through a group. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { createApi, decodeJwt, grantConsent, postToken } from './support/sts.js';
import { CLI_CLIENT_ID, userToken } from './support/tokens.js';

const PASSWORD = 'Str0ng-Secret!';
const security = (name: string, extra: Record<string, unknown> = {}) =>
  ({ displayName: name, mailNickname: name.replace(/\W/g, '').toLowerCase(), mailEnabled: false, securityEnabled: true, ...extra });

describe('Graph groups', () => {
  let t: TestApp;
  let admin: GraphClient;
  let root: string;
  let nurse: { id: string };
  let nurseClient: GraphClient;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = graphClient(t, await userToken(t));
    root = `${t.publicUrl}/v1.0`;
    nurse = await t.directory.users.create(t.tenantId, { userPrincipalName: `nurse@${t.domain}`, displayName: 'Nurse', password: PASSWORD });
    nurseClient = graphClient(t, await userToken(t, { username: `nurse@${t.domain}`, password: PASSWORD }));
  });
  afterAll(async () => t?.close());

  it('creates, reads, lists, updates and deletes security groups', async () => {
    const res = await admin.post('/groups', security('Ward 7', { description: 'night shift' }));
    expect(res.statusCode).toBe(201);
    const group = res.json();
    expect(group).toMatchObject({
      '@odata.context': `${root}/$metadata#groups/$entity`, displayName: 'Ward 7', mailNickname: 'ward7', mailEnabled: false,
      securityEnabled: true, groupTypes: [], description: 'night shift', mail: null,
    });
    expect((await admin.get(`/groups/${group.id}?$select=id,displayName`)).json()).toEqual({
      '@odata.context': `${root}/$metadata#groups(id,displayName)/$entity`, id: group.id, displayName: 'Ward 7',
    });
    expect((await admin.get("/groups?$filter=startswith(displayName,'ward')")).json().value.map((g: any) => g.id)).toEqual([group.id]);
    expect((await admin.get("/groups?$filter=mailNickname eq 'WARD7'")).json().value).toHaveLength(1);
    expect((await admin.patch(`/groups/${group.id}`, { description: null, displayName: 'Ward 7B' })).statusCode).toBe(204);
    expect((await admin.get(`/groups/${group.id}`)).json()).toMatchObject({ displayName: 'Ward 7B', description: null });
    expect((await admin.delete(`/groups/${group.id}`)).statusCode).toBe(204);
    expectGraphError(await admin.get(`/groups/${group.id}`), 404, 'Request_ResourceNotFound');
  });

  it('refuses groups Entrada does not keep, and bad bodies', async () => {
    expectGraphError(await admin.post('/groups', security('Mail', { mailEnabled: true })), 400, 'Request_BadRequest', /mail-enabled/);
    expectGraphError(await admin.post('/groups', security('M365', { groupTypes: ['Unified'] })), 400, 'Request_BadRequest', /groupTypes/);
    const { mailNickname: _m, ...noNickname } = security('NoNick');
    expectGraphError(await admin.post('/groups', noNickname), 400, 'Request_BadRequest', /'mailNickname'/);
    expectGraphError(await admin.get('/groups/not-a-guid'), 400, 'Request_BadRequest');
  });

  it('adds, lists and removes members by reference, and answers memberOf and checkMemberGroups', async () => {
    const inner = (await admin.post('/groups', security('Inner'))).json();
    const outer = (await admin.post('/groups', { ...security('Outer'), 'members@odata.bind': [`https://graph.microsoft.com/v1.0/users/${nurse.id}`] })).json();
    const add = await admin.post(`/groups/${outer.id}/members/$ref`, { '@odata.id': `${root}/directoryObjects/${inner.id}` });
    expect(add.statusCode).toBe(204);
    expectGraphError(await admin.post(`/groups/${outer.id}/members/$ref`, { '@odata.id': `${root}/directoryObjects/${inner.id}` }), 400,
      'Request_BadRequest', "One or more added object references already exist for the following modified properties: 'members'.");
    expectGraphError(await admin.post(`/groups/${outer.id}/members/$ref`, { '@odata.id': `${root}/directoryObjects/${crypto.randomUUID()}` }), 404, 'Request_ResourceNotFound');
    expectGraphError(await admin.post(`/groups/${outer.id}/members/$ref`, { '@odata.id': 'nonsense' }), 400, 'Request_BadRequest');

    const members = (await admin.get(`/groups/${outer.id}/members`)).json();
    expect(members['@odata.context']).toBe(`${root}/$metadata#directoryObjects`);
    expect(members.value.map((m: any) => [m['@odata.type'], m.id])).toEqual([['#microsoft.graph.user', nurse.id], ['#microsoft.graph.group', inner.id]]);

    expect((await admin.get(`/users/${nurse.id}/memberOf`)).json().value.map((g: any) => g.id)).toEqual([outer.id]);
    expect((await nurseClient.get('/me/memberOf')).json().value).toEqual([expect.objectContaining({ '@odata.type': '#microsoft.graph.group', id: outer.id })]);
    const check = await admin.post(`/directoryObjects/${nurse.id}/checkMemberGroups`, { groupIds: [outer.id, inner.id] });
    expect(check.json()).toEqual({ '@odata.context': `${root}/$metadata#Collection(Edm.String)`, value: [outer.id] });

    expect((await admin.delete(`/groups/${outer.id}/members/${nurse.id}/$ref`)).statusCode).toBe(204);
    expectGraphError(await admin.delete(`/groups/${outer.id}/members/${nurse.id}/$ref`), 404, 'Request_ResourceNotFound');
    expect((await admin.get(`/users/${nurse.id}/memberOf`)).json().value).toEqual([]);
  });

  it('lets members read groups, but only group administrators change them', async () => {
    const group = (await admin.post('/groups', security('Readable'))).json();
    expect((await nurseClient.get(`/groups/${group.id}/members`)).statusCode).toBe(200);
    expectGraphError(await nurseClient.post('/groups', security('Mine')), 403, 'Authorization_RequestDenied');
    expectGraphError(await nurseClient.post(`/groups/${group.id}/members/$ref`, { '@odata.id': `${root}/directoryObjects/${nurse.id}` }), 403, 'Authorization_RequestDenied');
    expectGraphError(await nurseClient.delete(`/groups/${group.id}`), 403, 'Authorization_RequestDenied');
  });

  it('gives a user the app roles assigned to their groups, in the token and through Graph', async () => {
    const api = await createApi(t);
    const group = (await admin.post('/groups', security('Readers'))).json();
    await admin.post(`/groups/${group.id}/members/$ref`, { '@odata.id': `${root}/directoryObjects/${nurse.id}` });
    const assigned = await admin.post(`/servicePrincipals/${api.spId}/appRoleAssignedTo`, { principalId: group.id, resourceId: api.spId, appRoleId: api.roleId });
    expect(assigned.statusCode).toBe(201);
    expect(assigned.json()).toMatchObject({ principalType: 'Group', principalDisplayName: 'Readers' });
    expect((await admin.get(`/groups/${group.id}/appRoleAssignments`)).json().value).toEqual([expect.objectContaining({ appRoleId: api.roleId })]);
    expect(await t.directory.appRoleAssignments.roleValuesForUser(t.tenantId, nurse.id, api.spId)).toEqual(['Data.Read']);

    const cli = (await t.directory.servicePrincipals.get(t.tenantId, CLI_CLIENT_ID, 'appId'))!;
    await grantConsent(t, { clientSpId: cli.id, resourceSpId: api.spId, scope: 'access_as_user' });
    const res = await postToken(t, { grant_type: 'password', client_id: CLI_CLIENT_ID, username: `nurse@${t.domain}`, password: PASSWORD, scope: `${api.uri}/.default` });
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeJwt(res.json().access_token).payload.roles).toEqual(['Data.Read']);

    await admin.delete(`/groups/${group.id}`);
    expect(await t.directory.appRoleAssignments.roleValuesForUser(t.tenantId, nurse.id, api.spId)).toEqual([]);
  });
});
