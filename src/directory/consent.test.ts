import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/server.js';
import type { Client } from './clients.js';
import { consentFor, isConsentAdministrator, userConsentable } from './consent.js';
import { CLI_APP_ID, GRAPH_APP_ID } from './first-party.js';

describe('consent', () => {
  let t: TestApp;
  let graphSpId: string;
  let userId: string;
  let otherId: string;

  const client = async (appId: string): Promise<Client> => {
    const lookup = await t.directory.clients.resolve(t.tenantId, appId);
    if (!lookup.found) throw new Error(lookup.reason);
    return lookup.client;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    graphSpId = (await t.directory.servicePrincipals.get(t.tenantId, GRAPH_APP_ID, 'appId'))!.id;
    userId = (await t.directory.users.create(t.tenantId, { userPrincipalName: `ann@${t.domain}`, displayName: 'Ann', password: 'Str0ng-Secret!' })).id;
    otherId = (await t.directory.users.create(t.tenantId, { userPrincipalName: `ben@${t.domain}`, displayName: 'Ben', password: 'Str0ng-Secret!' })).id;
  });
  afterAll(async () => t?.close());

  it('gives a pre-authorized first-party client every delegated permission of the API', async () => {
    const scopes = await consentFor(t.directory, t.tenantId, { client: await client(CLI_APP_ID), resourceSpId: graphSpId, userId });
    expect(scopes).toContain('User.Read');
    expect(scopes).toContain('Directory.AccessAsUser.All');
  });

  it('counts grants for all users and for this user only', async () => {
    const app = await t.directory.applications.create(t.tenantId, { displayName: 'consenting' });
    const sp = await t.directory.servicePrincipals.create(t.tenantId, { appId: app.appId });
    const c = await client(app.appId);
    const query = { client: c, resourceSpId: graphSpId, userId };
    expect(await consentFor(t.directory, t.tenantId, query)).toEqual(new Set());
    await t.directory.permissionGrants.grant(t.tenantId, { clientId: sp.id, resourceId: graphSpId, consentType: 'Principal', principalId: otherId, scopes: ['User.ReadBasic.All'] });
    expect(await consentFor(t.directory, t.tenantId, query)).toEqual(new Set());
    await t.directory.permissionGrants.grant(t.tenantId, { clientId: sp.id, resourceId: graphSpId, consentType: 'AllPrincipals', principalId: null, scopes: ['user.read'] });
    await t.directory.permissionGrants.grant(t.tenantId, { clientId: sp.id, resourceId: graphSpId, consentType: 'Principal', principalId: userId, scopes: ['openid'] });
    const scopes = await consentFor(t.directory, t.tenantId, query);
    expect(scopes).toEqual(new Set(['User.Read', 'openid']));
    scopes.add('mutated');
    expect(await consentFor(t.directory, t.tenantId, query)).not.toContain('mutated');
  });

  it("counts the API's own pre-authorization of a client (api.preAuthorizedApplications)", async () => {
    const caller = await t.directory.applications.create(t.tenantId, { displayName: 'front end' });
    await t.directory.servicePrincipals.create(t.tenantId, { appId: caller.appId });
    const scopeId = crypto.randomUUID();
    const api = await t.directory.applications.create(t.tenantId, {
      displayName: 'back end',
      api: {
        oauth2PermissionScopes: [{ id: scopeId, value: 'access_as_user', type: 'User', isEnabled: true, adminConsentDisplayName: 'a', adminConsentDescription: 'a' }],
        preAuthorizedApplications: [{ appId: caller.appId, delegatedPermissionIds: [scopeId] }],
      },
    });
    const apiSp = await t.directory.servicePrincipals.create(t.tenantId, { appId: api.appId });
    const scopes = await consentFor(t.directory, t.tenantId, { client: await client(caller.appId), resourceSpId: apiSp.id, userId });
    expect(scopes).toEqual(new Set(['access_as_user']));
  });

  it('lets users consent to User scopes alone; Admin scopes and unknown names need an administrator', async () => {
    const graph = (await t.directory.servicePrincipals.get(t.tenantId, graphSpId))!;
    expect(userConsentable(graph.oauth2PermissionScopes, ['user.read', 'openid'])).toBe(true);
    expect(userConsentable(graph.oauth2PermissionScopes, ['User.Read', 'Directory.Read.All'])).toBe(false);
    expect(userConsentable(graph.oauth2PermissionScopes, ['No.Such.Scope'])).toBe(false);
    expect(await isConsentAdministrator(t.directory, t.tenantId, userId)).toBe(false);
    const admin = (await t.directory.users.getByUpn(t.tenantId, `admin@${t.domain}`))!;
    expect(await isConsentAdministrator(t.directory, t.tenantId, admin.id)).toBe(true);
  });
});
