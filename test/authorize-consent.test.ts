/**
 * Consent during sign-in (user scopes, admin scopes, for the organization, cancel, prompt=consent, pre-authorized
 * first-party clients) and tenant-wide admin consent through /adminconsent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_APP_ID, GRAPH_APP_ID } from '../src/directory/first-party.js';
import { accept, authorizePath, createApp, createUser, newBrowser, signIn } from './support/authorize.js';
import { pageOf, redirectOf } from './support/browser-less.js';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from './support/server.js';
import { createApi, type TestApi } from './support/sts.js';

describe('consent', () => {
  let t: TestApp;
  let api: TestApi;
  let graphSpId: string;
  let admin: string;
  beforeAll(async () => {
    t = await buildTestApp();
    api = await createApi(t);
    graphSpId = (await t.directory.resources.resolve(t.tenantId, GRAPH_APP_ID))!.servicePrincipalId;
    admin = `admin@${t.domain}`;
    await createUser(t, 'uma');
  });
  afterAll(async () => t?.close());

  const grants = (clientSpId: string) => t.store.tenant(t.tenantId).selectFrom('oauth2_permission_grants').selectAll()
    .where('client_id', '=', clientSpId).execute();
  const path = (appId: string, scope: string, extra: Record<string, string> = {}) => authorizePath(t.tenantId, {
    client_id: appId, response_type: 'code', redirect_uri: 'http://localhost/callback', scope, state: 'cs', ...extra,
  });

  it('asks a user for user-consentable permissions, in user words, and records a Principal grant', async () => {
    const app = await createApp(t);
    const browser = newBrowser(t);
    const page = pageOf(await signIn(browser, await browser.open(path(app.appId, `${api.uri}/access_as_user User.Read openid offline_access`)), `uma@${t.domain}`));
    expect(page.heading).toBe('Permissions requested');
    expect(page.text).toContain('authorize test app');
    expect(page.text).toContain(`Publisher domain: ${t.domain}`);
    expect(page.text).toContain('Sign you in and read your profile');
    expect(page.text).toContain('Keep access to data you gave it');
    expect(page.text).toContain('Access');
    expect(page.forms[0]!.labels.has('Consent on behalf of your organization')).toBe(false);
    expect(page.forms[0]!.buttons.map((b) => b.text)).toEqual(['Accept', 'Cancel']);
    const r = redirectOf(await accept(browser, page));
    expect(r.params.get('code')).toBeTruthy();
    const uma = (await t.directory.users.getByUpn(t.tenantId, `uma@${t.domain}`))!;
    const rows = await grants(app.spId!);
    expect(rows.map((g) => [g.resource_id, g.consent_type, g.principal_id, g.scope.split(' ').sort().join(' ')]).sort()).toEqual([
      [api.spId, 'Principal', uma.id, 'access_as_user'],
      [graphSpId, 'Principal', uma.id, 'User.Read offline_access openid'],
    ].sort());
    // Consented: the next sign-in asks nothing.
    expect(redirectOf(await browser.open(path(app.appId, `${api.uri}/access_as_user openid`))).params.get('code')).toBeTruthy();
  });

  it('answers Cancel with access_denied (AADSTS65004)', async () => {
    const app = await createApp(t);
    const browser = newBrowser(t);
    const page = pageOf(await signIn(browser, await browser.open(path(app.appId, 'User.Read')), `uma@${t.domain}`));
    const r = redirectOf(await browser.submit(page, { press: 'Cancel' }));
    expect(r.params.get('error')).toBe('access_denied');
    expect(r.params.get('error_description')).toMatch(/^AADSTS65004:/);
    expect(r.params.get('state')).toBe('cs');
    expect(await grants(app.spId!)).toEqual([]);
  });

  it('needs an administrator for admin permissions: a user is told so and may go back to the app', async () => {
    const app = await createApp(t);
    const browser = newBrowser(t);
    const page = pageOf(await signIn(browser, await browser.open(path(app.appId, 'Directory.Read.All')), `uma@${t.domain}`));
    expect(page.heading).toBe("Sorry, but we're having trouble signing you in.");
    expect(page.text).toContain('AADSTS90094');
    const back = redirectOf(await browser.submit(page, { press: 'Return to the application without granting consent' }));
    expect(back.params.get('error')).toBe('access_denied');
  });

  it('lets an administrator consent for the organization (AllPrincipals), after which users are not asked', async () => {
    const app = await createApp(t);
    const browser = newBrowser(t);
    const page = pageOf(await signIn(browser, await browser.open(path(app.appId, 'Directory.Read.All User.Read openid')), admin, ADMIN_PASSWORD));
    expect(page.forms[0]!.labels.has('Consent on behalf of your organization')).toBe(true);
    expect(page.text).toContain('Read directory data');
    redirectOf(await accept(browser, page, { forOrganization: true }));
    const rows = await grants(app.spId!);
    expect(rows.map((g) => [g.consent_type, g.principal_id])).toEqual([['AllPrincipals', null]]);
    expect(rows[0]!.scope.split(' ').sort()).toEqual(['Directory.Read.All', 'User.Read', 'openid']);
    const user = newBrowser(t);
    expect(redirectOf(await signIn(user, await user.open(path(app.appId, 'Directory.Read.All openid')), `uma@${t.domain}`)).params.get('code')).toBeTruthy();
  });

  it('shows the page again with prompt=consent; prompt=none without consent answers consent_required', async () => {
    const app = await createApp(t);
    const browser = newBrowser(t);
    const none = redirectOf(await signIn(browser, await browser.open(path(app.appId, 'User.Read')), `uma@${t.domain}`).then(async () => browser.open(path(app.appId, 'openid', { prompt: 'none' }))));
    expect(none.params.get('error')).toBe('consent_required');
    expect(none.params.get('error_description')).toMatch(/^AADSTS65001:/);
    const again = pageOf(await browser.open(path(app.appId, 'User.Read')));
    redirectOf(await accept(browser, again));
    const forced = pageOf(await browser.open(path(app.appId, 'User.Read', { prompt: 'consent' })));
    expect(forced.heading).toBe('Permissions requested');
    expect(redirectOf(await accept(browser, forced)).params.get('code')).toBeTruthy();
  });

  it('does not ask for consent for a pre-authorized first-party client', async () => {
    const browser = newBrowser(t);
    // The CLI's registered loopback URI has no path; MSAL listens on http://localhost:{port}.
    const cli = authorizePath(t.tenantId, { client_id: CLI_APP_ID, response_type: 'code', redirect_uri: 'http://localhost:8400', scope: 'https://graph.microsoft.com/.default openid profile offline_access' });
    const r = redirectOf(await signIn(browser, await browser.open(cli), `uma@${t.domain}`));
    expect(r.location.startsWith('http://localhost:8400/?code=')).toBe(true);
    expect(r.params.get('code')).toBeTruthy();
  });

  it('uses the app\'s configured permissions for .default', async () => {
    const app = await createApp(t, { requiredResourceAccess: [{ resourceAppId: api.appId, resourceAccess: [{ id: api.scopeId, type: 'Scope' }] }] });
    const browser = newBrowser(t);
    const page = pageOf(await signIn(browser, await browser.open(path(app.appId, `${api.uri}/.default`)), `uma@${t.domain}`));
    expect(page.text).toContain('Access');
    redirectOf(await accept(browser, page));
    expect((await grants(app.spId!))[0]!.scope).toBe('access_as_user');
  });
});

describe('/adminconsent', () => {
  let t: TestApp;
  let api: TestApi;
  beforeAll(async () => {
    t = await buildTestApp();
    api = await createApi(t);
    await createUser(t, 'vic');
  });
  afterAll(async () => t?.close());

  const path = (appId: string, extra: Record<string, string> = {}) =>
    `/${t.tenantId}/adminconsent?${new URLSearchParams({ client_id: appId, redirect_uri: 'https://app.example.com/consented', state: 'ac', ...extra })}`;
  const createClient = () => createApp(t, {
    web: { redirectUris: ['https://app.example.com/consented'] },
    requiredResourceAccess: [
      { resourceAppId: api.appId, resourceAccess: [{ id: api.scopeId, type: 'Scope' }, { id: api.roleId, type: 'Role' }] },
      { resourceAppId: GRAPH_APP_ID, resourceAccess: [{ id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' }] },
    ],
  });

  it('grants delegated permissions for everyone and application permissions as app role assignments', async () => {
    const app = await createClient();
    const browser = newBrowser(t);
    const page = pageOf(await signIn(browser, await browser.open(path(app.appId)), `admin@${t.domain}`, ADMIN_PASSWORD));
    expect(page.heading).toBe('Permissions requested');
    expect(page.text).toContain('everyone in your organization');
    expect(page.text).toContain('Read data (application permission)');
    expect(page.text).toContain('Sign in and read user profile');
    const r = redirectOf(await browser.submit(page, { press: 'Accept' }));
    expect(r.location).toBe(`https://app.example.com/consented?admin_consent=True&tenant=${t.tenantId}&state=ac&iss=${encodeURIComponent(`${t.publicUrl}/${t.tenantId}/v2.0`)}`);
    const rows = await t.store.tenant(t.tenantId).selectFrom('oauth2_permission_grants').selectAll().where('client_id', '=', app.spId!).execute();
    expect(rows.map((g) => [g.consent_type, g.scope]).sort()).toEqual([['AllPrincipals', 'User.Read'], ['AllPrincipals', 'access_as_user']]);
    const roles = await t.directory.appRoleAssignments.listForPrincipal(t.tenantId, app.spId!);
    expect(roles.map((a) => [a.resourceId, a.appRoleId])).toEqual([[api.spId, api.roleId]]);
    // Twice is harmless.
    redirectOf(await browser.submit(pageOf(await browser.open(path(app.appId))), { press: 'Accept' }));
    expect(await t.directory.appRoleAssignments.listForPrincipal(t.tenantId, app.spId!)).toHaveLength(1);
  });

  it('answers Cancel and non-administrators with access_denied; an unregistered redirect URI on the page', async () => {
    const app = await createClient();
    const admin = newBrowser(t);
    const page = pageOf(await signIn(admin, await admin.open(path(app.appId)), `admin@${t.domain}`, ADMIN_PASSWORD));
    const cancelled = redirectOf(await admin.submit(page, { press: 'Cancel' }));
    expect(cancelled.params.get('error')).toBe('access_denied');
    expect(cancelled.params.get('error_description')).toMatch(/^AADSTS65004:/);
    const user = newBrowser(t);
    const denied = redirectOf(await signIn(user, await user.open(path(app.appId)), `vic@${t.domain}`));
    expect(denied.params.get('error')).toBe('access_denied');
    expect(denied.params.get('error_description')).toMatch(/^AADSTS90094:/);
    expect(denied.params.get('state')).toBe('ac');
    const mismatch = pageOf(await newBrowser(t).open(path(app.appId, { redirect_uri: 'https://evil.example/' })));
    expect(mismatch.text).toContain('AADSTS50011');
    expect(pageOf(await newBrowser(t).open(path(crypto.randomUUID()))).text).toContain('AADSTS700016');
  });
});
