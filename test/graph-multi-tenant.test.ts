/**
 * Multi-tenant applications, directory side: a service principal of another tenant's AzureADMultipleOrgs app,
 * the client the token service resolves there (credentials from the home app), and caches that follow the home.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTORY_ROLES } from '../src/directory/directory-roles.js';
import { CLI_APP_ID, GRAPH_APP_ID } from '../src/directory/first-party.js';
import { expectGraphError, graphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { decodeJwt, postToken } from './support/sts.js';
import { userToken } from './support/tokens.js';

const PASSWORD = 'Str0ng-Secret!';

describe('multi-tenant applications', () => {
  let t: TestApp;
  let other: string;
  let app: { id: string; appId: string };
  let secret: string;

  const resolve = (tenantId: string, appId = app.appId) => t.directory.clients.resolve(tenantId, appId);

  beforeAll(async () => {
    t = await buildTestApp();
    other = (await t.directory.tenants.create({ displayName: 'Fabrikam', domain: 'fabrikam.test' })).id;
    for (const appId of [GRAPH_APP_ID, CLI_APP_ID]) await t.directory.servicePrincipals.ensure(other, appId);
    const admin = await t.directory.users.create(other, { userPrincipalName: 'admin@fabrikam.test', displayName: 'Fabrikam admin', password: PASSWORD });
    await t.directory.directoryRoles.assign(other, admin.id, DIRECTORY_ROLES.globalAdministrator.id);
    app = await t.directory.applications.create(t.tenantId, { displayName: 'Contoso SaaS', signInAudience: 'AzureADMultipleOrgs' });
    secret = (await t.directory.passwordCredentials.add(t.tenantId, app.id, { displayName: 'home' })).secretText!;
    await t.directory.servicePrincipals.create(t.tenantId, { appId: app.appId });
  });
  afterAll(async () => t?.close());

  it('finds an application by appId in its home tenant', async () => {
    expect(await t.directory.applications.findHome(app.appId)).toMatchObject({ tenantId: t.tenantId, application: { id: app.id } });
    expect(await t.directory.applications.findHome(crypto.randomUUID())).toBeUndefined();
  });

  it('lets another tenant hold a principal of a multi-tenant app, but not of a single-tenant one', async () => {
    expect(await resolve(other)).toEqual({ found: false, reason: 'no_service_principal' });
    const fabrikam = graphClient(t, await userToken(t, { tenant: other, username: 'admin@fabrikam.test', password: PASSWORD }));
    const res = await fabrikam.post('/servicePrincipals', { appId: app.appId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ appId: app.appId, displayName: 'Contoso SaaS', appOwnerOrganizationId: t.tenantId, signInAudience: 'AzureADMultipleOrgs' });
    expect((await fabrikam.get(`/servicePrincipals(appId='${app.appId}')`)).json().id).toBe(res.json().id);
    expectGraphError(await fabrikam.get(`/applications(appId='${app.appId}')`), 404, 'Request_ResourceNotFound');

    const single = await t.directory.applications.create(t.tenantId, { displayName: 'Contoso internal' });
    await expect(t.directory.servicePrincipals.create(other, { appId: single.appId })).rejects.toMatchObject({ kind: 'invalid' });
    expectGraphError(await fabrikam.post('/servicePrincipals', { appId: single.appId }), 400, 'Request_BadRequest', /does not reference a valid application/);
    expect(await resolve(other, single.appId)).toEqual({ found: false, reason: 'no_application' });
  });

  it("resolves the client there with the home app's credentials, and it signs in with them", async () => {
    const lookup = await resolve(other);
    if (!lookup.found) throw new Error(lookup.reason);
    const sp = (await t.directory.servicePrincipals.get(other, app.appId, 'appId'))!;
    expect(lookup.client).toMatchObject({ appId: app.appId, homeTenantId: t.tenantId, servicePrincipalId: sp.id, signInAudience: 'AzureADMultipleOrgs' });
    expect(lookup.client.secrets).toHaveLength(1);
    const home = await resolve(t.tenantId);
    expect(home.found && home.client.homeTenantId).toBe(t.tenantId);

    const res = await postToken(t, { grant_type: 'client_credentials', client_id: app.appId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' }, { tenant: other });
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeJwt(res.json().access_token).payload).toMatchObject({ tid: other, oid: sp.id, appid: app.appId });
  });

  it("resolves a multi-tenant API by its identifier URI in another tenant, once that tenant holds its principal", async () => {
    const api = await t.directory.applications.create(t.tenantId, { displayName: 'Contoso API', signInAudience: 'AzureADMultipleOrgs' });
    await t.directory.applications.update(t.tenantId, api.id, { identifierUris: [`api://${api.appId}`] });
    expect(await t.directory.resources.resolve(other, `api://${api.appId}`)).toBeUndefined();
    const sp = await t.directory.servicePrincipals.create(other, { appId: api.appId });
    expect(await t.directory.resources.resolve(other, `API://${api.appId}/`)).toMatchObject({ appId: api.appId, servicePrincipalId: sp.id });
  });

  it("sees the home tenant's changes at once: new credentials, a narrowed audience, a deleted app", async () => {
    expect((await resolve(other)).found).toBe(true);
    await t.directory.passwordCredentials.add(t.tenantId, app.id, { displayName: 'second' });
    const again = await resolve(other);
    expect(again.found && again.client.secrets).toHaveLength(2);

    await t.directory.applications.update(t.tenantId, app.id, { signInAudience: 'AzureADMyOrg' });
    expect(await resolve(other)).toEqual({ found: false, reason: 'no_application' });
    // The principal made while the app was multi-tenant stays, showing its app, as in Entra.
    expect((await t.directory.servicePrincipals.get(other, app.appId, 'appId'))?.signInAudience).toBe('AzureADMyOrg');
    await t.directory.applications.update(t.tenantId, app.id, { signInAudience: 'AzureADMultipleOrgs' });
    expect((await resolve(other)).found).toBe(true);

    await t.directory.applications.delete(t.tenantId, app.id);
    expect(await resolve(other)).toEqual({ found: false, reason: 'no_application' });
    expect(await t.directory.servicePrincipals.get(other, app.appId, 'appId')).toBeUndefined();
  });
});
