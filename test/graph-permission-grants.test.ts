/** Graph `/oauth2PermissionGrants`: delegated consent records, and their effect on the token service. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantId } from '../src/directory/permission-grants.js';
import { GRAPH_APP_ID } from '../src/directory/first-party.js';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { createApi, createConfidentialClient, decodeJwt, expectStsError, postToken, type TestApi, type TestClient } from './support/sts.js';
import { userToken } from './support/tokens.js';

const PASSWORD = 'Str0ng-Secret!';

describe('Graph oauth2PermissionGrants', () => {
  let t: TestApp;
  let admin: GraphClient;
  let root: string;
  let client: TestClient;
  let api: TestApi;
  let graphSpId: string;
  let userId: string;

  const ropc = (scope: string) => postToken(t, {
    grant_type: 'password', client_id: client.appId, client_secret: client.secret, username: `pia@${t.domain}`, password: PASSWORD, scope,
  });

  beforeAll(async () => {
    t = await buildTestApp();
    admin = graphClient(t, await userToken(t));
    root = `${t.publicUrl}/v1.0`;
    client = await createConfidentialClient(t);
    api = await createApi(t);
    graphSpId = (await t.directory.servicePrincipals.get(t.tenantId, GRAPH_APP_ID, 'appId'))!.id;
    userId = (await t.directory.users.create(t.tenantId, { userPrincipalName: `pia@${t.domain}`, displayName: 'Pia', password: PASSWORD })).id;
  });
  afterAll(async () => t?.close());

  it('creates an AllPrincipals grant that lets the client get delegated tokens, and refuses a second one', async () => {
    expectStsError(await ropc(`${api.uri}/access_as_user`), 400, 'invalid_grant', 65001);
    const res = await admin.post('/oauth2PermissionGrants', {
      clientId: client.spId, consentType: 'AllPrincipals', principalId: null, resourceId: api.spId, scope: 'access_as_user',
    });
    expect(res.statusCode).toBe(201);
    const grant = res.json();
    expect(grant).toEqual({
      '@odata.context': `${root}/$metadata#oauth2PermissionGrants/$entity`, id: grantId(client.spId, api.spId, null),
      clientId: client.spId, consentType: 'AllPrincipals', principalId: null, resourceId: api.spId, scope: 'access_as_user',
    });
    expect(grant.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers.location).toBe(`${root}/oauth2PermissionGrants/${grant.id}`);
    const token = await ropc(`${api.uri}/access_as_user`);
    expect(token.statusCode, token.body).toBe(200);
    expect(decodeJwt(token.json().access_token).payload).toMatchObject({ scp: 'access_as_user', oid: userId });

    expectGraphError(await admin.post('/oauth2PermissionGrants', {
      clientId: client.spId, consentType: 'AllPrincipals', resourceId: api.spId, scope: 'access_as_user',
    }), 409, 'Request_MultipleObjectsWithSameKeyValue', 'Permission entry already exists.');
  });

  it('checks the body: principal exactly for Principal grants, objects that exist, scopes the resource has', async () => {
    const base = { clientId: client.spId, resourceId: graphSpId, scope: 'User.Read' };
    expectGraphError(await admin.post('/oauth2PermissionGrants', { ...base, consentType: 'Principal' }), 400, 'Request_BadRequest', /'principalId'/);
    expectGraphError(await admin.post('/oauth2PermissionGrants', { ...base, consentType: 'AllPrincipals', principalId: userId }), 400, 'Request_BadRequest', /'principalId'/);
    expectGraphError(await admin.post('/oauth2PermissionGrants', { ...base, consentType: 'Everyone' }), 400, 'Request_BadRequest', /'consentType'/);
    expectGraphError(await admin.post('/oauth2PermissionGrants', { ...base, consentType: 'AllPrincipals', scope: 'User.Read Not.A.Scope' }), 400, 'Request_BadRequest', /Not\.A\.Scope/);
    expectGraphError(await admin.post('/oauth2PermissionGrants', { ...base, consentType: 'AllPrincipals', resourceId: crypto.randomUUID() }), 404, 'Request_ResourceNotFound');
    expectGraphError(await admin.post('/oauth2PermissionGrants', { ...base, consentType: 'AllPrincipals', startTime: 'x' }), 400, 'Request_BadRequest');
  });

  it('reads, filters, updates and deletes grants, and lists them under the client and the user', async () => {
    const created = (await admin.post('/oauth2PermissionGrants', {
      clientId: client.spId, consentType: 'principal', principalId: userId, resourceId: graphSpId, scope: 'user.read  openid',
    })).json();
    expect(created).toMatchObject({ consentType: 'Principal', scope: 'User.Read openid', id: grantId(client.spId, graphSpId, userId) });
    expect((await admin.get(`/oauth2PermissionGrants/${created.id}?$select=scope`)).json()).toEqual({
      '@odata.context': `${root}/$metadata#oauth2PermissionGrants(scope)/$entity`, scope: 'User.Read openid',
    });
    const filtered = (await admin.get(`/oauth2PermissionGrants?$filter=clientId eq '${client.spId}' and consentType eq 'Principal'`)).json();
    expect(filtered.value.map((g: any) => g.id)).toEqual([created.id]);
    expect((await admin.get(`/oauth2PermissionGrants?$filter=resourceId eq '${api.spId}'`)).json().value).toHaveLength(1);
    expect((await admin.get(`/servicePrincipals/${client.spId}/oauth2PermissionGrants`)).json().value).toHaveLength(2);
    expect((await admin.get(`/servicePrincipals(appId='${client.appId}')/oauth2PermissionGrants?$top=1`)).json()['@odata.nextLink']).toBeDefined();
    expect((await admin.get(`/users/${userId}/oauth2PermissionGrants`)).json().value.map((g: any) => g.id)).toEqual([created.id]);

    expect((await admin.patch(`/oauth2PermissionGrants/${created.id}`, { scope: 'User.Read Directory.Read.All' })).statusCode).toBe(204);
    expect((await admin.get(`/oauth2PermissionGrants/${created.id}`)).json().scope).toBe('User.Read Directory.Read.All');
    expect(decodeJwt((await ropc('https://graph.microsoft.com/.default')).json().access_token).payload.scp).toBe('User.Read Directory.Read.All');
    expectGraphError(await admin.patch(`/oauth2PermissionGrants/${created.id}`, { clientId: crypto.randomUUID() }), 400, 'Request_BadRequest');

    expect((await admin.delete(`/oauth2PermissionGrants/${created.id}`)).statusCode).toBe(204);
    expectGraphError(await admin.get(`/oauth2PermissionGrants/${created.id}`), 404, 'Request_ResourceNotFound');
    expectGraphError(await admin.get('/oauth2PermissionGrants/not~an~id'), 400, 'Request_BadRequest');
    expectStsError(await ropc('https://graph.microsoft.com/.default'), 400, 'invalid_grant', 65001);
  });

  it('merges consent recorded by the directory into one grant per key', async () => {
    const key = { clientId: client.spId, resourceId: graphSpId, consentType: 'AllPrincipals' as const, principalId: null };
    const first = await t.directory.permissionGrants.grant(t.tenantId, { ...key, scopes: ['User.Read'] });
    const second = await t.directory.permissionGrants.grant(t.tenantId, { ...key, scopes: ['openid', 'user.read'] });
    expect(second).toMatchObject({ id: first.id, scope: 'User.Read openid' });
    expect((await admin.get(`/oauth2PermissionGrants?$filter=clientId eq '${client.spId}' and resourceId eq '${graphSpId}'`)).json().value).toHaveLength(1);
  });

  it('lets only administrators write grants', async () => {
    const pia = graphClient(t, await userToken(t, { username: `pia@${t.domain}`, password: PASSWORD }));
    expect((await pia.get('/oauth2PermissionGrants')).statusCode).toBe(200);
    expectGraphError(await pia.post('/oauth2PermissionGrants', {
      clientId: client.spId, consentType: 'Principal', principalId: userId, resourceId: api.spId, scope: 'access_as_user',
    }), 403, 'Authorization_RequestDenied');
  });
});
