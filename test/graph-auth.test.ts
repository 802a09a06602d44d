/** Graph authentication (401), authorization (403) and tenant isolation, with real tokens from our token service. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_APP_ID, CLI_APP_ID } from '../src/directory/first-party.js';
import { movableClock } from './support/clock.js';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { userToken } from './support/tokens.js';

const USER_PASSWORD = 'Us3r-Passw0rd!';

describe('Graph authentication and authorization', () => {
  let t: TestApp;
  let adminToken: string;
  let admin: GraphClient;
  let alice: GraphClient;
  let adminApp: { id: string; appId: string };
  const clock = movableClock();

  beforeAll(async () => {
    t = await buildTestApp({}, { clock });
    adminToken = await userToken(t);
    admin = graphClient(t, adminToken);
    await t.directory.users.create(t.tenantId, { userPrincipalName: `alice@${t.domain}`, displayName: 'Alice', password: USER_PASSWORD });
    alice = graphClient(t, await userToken(t, { username: `alice@${t.domain}`, password: USER_PASSWORD }));
    adminApp = (await admin.post('/applications', { displayName: "Admin's app" })).json();
  });
  afterAll(async () => t?.close());

  describe('401 InvalidAuthenticationToken', () => {
    it('without a token', async () => {
      const res = await graphClient(t, undefined).get('/applications');
      expectGraphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
      expect(res.headers['www-authenticate']).toBe(`Bearer realm="", authorization_uri="${t.publicUrl}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`);
      const basic = await graphClient(t, undefined).get('/applications', { authorization: 'Basic YWRtaW46cGFzcw==' });
      expectGraphError(basic, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    });

    it('with garbage or a tampered token', async () => {
      expectGraphError(await graphClient(t, 'garbage').get('/applications'), 401, 'InvalidAuthenticationToken');
      expectGraphError(await graphClient(t, 'a.b.c').get('/applications'), 401, 'InvalidAuthenticationToken');
      const [h, p, s] = adminToken.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, oid: crypto.randomUUID() })).toString('base64url')}.${s}`;
      expectGraphError(await graphClient(t, forged).get('/applications'), 401, 'InvalidAuthenticationToken', 'Access token validation failure.');
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
      expectGraphError(await graphClient(t, unsigned).get('/applications'), 401, 'InvalidAuthenticationToken');
    });

    it('for another audience', async () => {
      const fhirToken = await userToken(t, { scope: `${t.fhirUrl}/.default` });
      expectGraphError(await graphClient(t, fhirToken).get('/applications'), 401, 'InvalidAuthenticationToken',
        'Access token validation failure. Invalid audience.');
    });

    it('once expired, beyond the clock skew', async () => {
      const token = await userToken(t);
      expect((await graphClient(t, token).get('/organization')).statusCode).toBe(200);
      clock.offsetMs = 2 * 3600_000;
      try {
        expectGraphError(await graphClient(t, token).get('/organization'), 401, 'InvalidAuthenticationToken',
          'Lifetime validation failed, the token is expired.');
      } finally {
        clock.offsetMs = 0;
      }
    });
  });

  it("accepts a token requested with Graph's appId as the resource", async () => {
    const token = await userToken(t, { scope: `${GRAPH_APP_ID}/.default` });
    expect((await graphClient(t, token).get('/me')).json().userPrincipalName).toBe(`admin@${t.domain}`);
  });

  describe('403 Authorization_RequestDenied', () => {
    it('a user may read every app but change only those they own', async () => {
      expect((await alice.get(`/applications/${adminApp.id}`)).statusCode).toBe(200);
      const denied = await alice.patch(`/applications/${adminApp.id}`, { displayName: 'Hijacked' });
      expectGraphError(denied, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
      expectGraphError(await alice.delete(`/applications(appId='${adminApp.appId}')`), 403, 'Authorization_RequestDenied');
      expectGraphError(await alice.post(`/applications/${adminApp.id}/addPassword`, {}), 403, 'Authorization_RequestDenied');
      expectGraphError(await alice.post('/servicePrincipals', { appId: adminApp.appId }), 403, 'Authorization_RequestDenied');
      const unchanged = (await admin.get(`/applications/${adminApp.id}`)).json();
      expect(unchanged.displayName).toBe("Admin's app");
      expect(unchanged.passwordCredentials).toEqual([]);
    });

    it('a user owns what they register, and an administrator manages it too', async () => {
      const mine = (await alice.post('/applications', { displayName: "Alice's app" })).json();
      expect((await alice.patch(`/applications/${mine.id}`, { notes: 'mine' })).statusCode).toBe(204);
      expect((await alice.post(`/applications/${mine.id}/addPassword`, {})).statusCode).toBe(200);
      const sp = await alice.post('/servicePrincipals', { appId: mine.appId });
      expect(sp.statusCode).toBe(201);
      expect((await admin.patch(`/applications/${mine.id}`, { notes: 'admin was here' })).statusCode).toBe(204);
      // Adding a first-party API to the tenant and granting app roles are administrator acts.
      const graphSp = (await alice.get(`/servicePrincipals(appId='${GRAPH_APP_ID}')`)).json();
      expectGraphError(await alice.post(`/servicePrincipals/${graphSp.id}/appRoleAssignedTo`, {
        principalId: sp.json().id, resourceId: graphSp.id, appRoleId: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
      }), 403, 'Authorization_RequestDenied');
      expectGraphError(await alice.delete(`/servicePrincipals/${graphSp.id}`), 403, 'Authorization_RequestDenied');
      expect((await alice.delete(`/servicePrincipals/${sp.json().id}`)).statusCode).toBe(204);
      expect((await alice.delete(`/applications/${mine.id}`)).statusCode).toBe(204);
    });

    it('a token without directory scopes reads the profile but not applications', async () => {
      const narrow = graphClient(t, await userToken(t, { scope: 'https://graph.microsoft.com/User.Read' }));
      expect((await narrow.get('/me')).statusCode).toBe(200);
      expect((await narrow.get('/organization')).statusCode).toBe(200);
      expectGraphError(await narrow.get('/applications'), 403, 'Authorization_RequestDenied');
      expectGraphError(await narrow.post('/applications', { displayName: 'no' }), 403, 'Authorization_RequestDenied');
    });
  });

  it('never shows another tenant: its objects are simply not found', async () => {
    const other = await t.directory.tenants.create({ displayName: 'Other', domain: 'other.test' });
    for (const appId of [GRAPH_APP_ID, CLI_APP_ID]) await t.directory.servicePrincipals.ensure(other.id, appId);
    await t.directory.users.create(other.id, { userPrincipalName: 'bob@other.test', displayName: 'Bob', password: USER_PASSWORD });
    const bob = graphClient(t, await userToken(t, { tenant: other.id, username: 'bob@other.test', password: USER_PASSWORD }));

    expect((await bob.get('/me')).json().userPrincipalName).toBe('bob@other.test');
    expectGraphError(await bob.get(`/applications/${adminApp.id}`), 404, 'Request_ResourceNotFound');
    expectGraphError(await bob.get(`/applications(appId='${adminApp.appId}')`), 404, 'Request_ResourceNotFound');
    expectGraphError(await bob.patch(`/applications/${adminApp.id}`, { displayName: 'x' }), 404, 'Request_ResourceNotFound');
    expectGraphError(await bob.delete(`/applications/${adminApp.id}`), 404, 'Request_ResourceNotFound');
    expect((await bob.get(`/applications?$filter=appId eq '${adminApp.appId}'`)).json().value).toEqual([]);
    expectGraphError(await bob.get(`/organization/${t.tenantId}`), 404, 'Request_ResourceNotFound');
    const orgs = (await bob.get('/organization')).json();
    expect(orgs.value.map((o: any) => o.id)).toEqual([other.id]);
    expect((await admin.get(`/applications/${adminApp.id}`)).json().displayName).toBe("Admin's app");
  });
});
