/**
 * Multi-tenant apps (AzureADMultipleOrgs): a user of another tenant signs in through common/organizations or
 * their own tenant, consents, and the app's service principal appears in their tenant. Single-tenant apps are
 * refused on common (AADSTS50194) and unknown in other tenants (AADSTS700016).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_APP_ID } from '../src/directory/first-party.js';
import { accept, authorizePath, createApp, createUser, newBrowser, signIn, type TestWebApp } from './support/authorize.js';
import { pageOf, redirectOf } from './support/browser-less.js';
import { buildTestApp, type TestApp } from './support/server.js';

describe('authorize: multi-tenant apps', () => {
  let t: TestApp;
  let other: string;
  let multi: TestWebApp;
  let single: TestWebApp;
  beforeAll(async () => {
    t = await buildTestApp();
    other = (await t.directory.tenants.create({ displayName: 'Fabrikam', domain: 'fabrikam.test' })).id;
    await t.directory.servicePrincipals.ensure(other, GRAPH_APP_ID);
    await createUser(t, 'zoe', { tenantId: other, domain: 'fabrikam.test' });
    await createUser(t, 'yan', { tenantId: other, domain: 'fabrikam.test' });
    await createUser(t, 'hal');
    multi = await createApp(t, { displayName: 'Contoso multi', signInAudience: 'AzureADMultipleOrgs' });
    single = await createApp(t, { displayName: 'Contoso only' });
  });
  afterAll(async () => t?.close());

  const path = (tenant: string, appId: string) => authorizePath(tenant, {
    client_id: appId, response_type: 'code', redirect_uri: 'http://localhost/callback', scope: 'openid profile User.Read', state: 'mt',
  });

  it('signs a user of another tenant in through common; consent creates the service principal there', async () => {
    expect(await t.directory.servicePrincipals.get(other, multi.appId, 'appId')).toBeUndefined();
    const browser = newBrowser(t);
    const consent = pageOf(await signIn(browser, await browser.open(path('common', multi.appId)), 'zoe@fabrikam.test'));
    expect(consent.heading).toBe('Permissions requested');
    expect(consent.text).toContain('Contoso multi');
    expect(consent.text).toContain(`Publisher domain: ${t.domain}`);
    const r = redirectOf(await accept(browser, consent));
    expect(r.params.get('iss')).toBe(`${t.publicUrl}/${other}/v2.0`);
    const sp = await t.directory.servicePrincipals.get(other, multi.appId, 'appId');
    expect(sp?.appOwnerOrganizationId).toBe(t.tenantId);
    const grant = await t.directory.authorizationCodes.redeem(r.params.get('code')!);
    expect(grant.status === 'ok' && grant.grant).toMatchObject({ tenantId: other, tenantSegment: 'common' });
    const rows = await t.store.tenant(other).selectFrom('oauth2_permission_grants').selectAll().where('client_id', '=', sp!.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.consent_type).toBe('Principal');
  });

  it('works through organizations and the user\'s own tenant too; another user of that tenant consents for themselves', async () => {
    const browser = newBrowser(t);
    const viaOrgs = await signIn(browser, await browser.open(path('organizations', multi.appId)), 'yan@fabrikam.test');
    const r = redirectOf(await accept(browser, viaOrgs));
    expect(r.params.get('iss')).toBe(`${t.publicUrl}/${other}/v2.0`);
    // Now consented: the tenant's own endpoint signs in without a page.
    const own = redirectOf(await browser.open(path('fabrikam.test', multi.appId)));
    const grant = await t.directory.authorizationCodes.redeem(own.params.get('code')!);
    expect(grant.status === 'ok' && grant.grant).toMatchObject({ tenantId: other, tenantSegment: 'fabrikam.test' });
  });

  it('signs home users in through common as well', async () => {
    const browser = newBrowser(t);
    const consent = await signIn(browser, await browser.open(path('common', multi.appId)), `hal@${t.domain}`);
    const r = redirectOf(await accept(browser, consent));
    expect(r.params.get('iss')).toBe(`${t.publicUrl}/${t.tenantId}/v2.0`);
  });

  it('refuses a single-tenant app on common (AADSTS50194) and in other tenants (AADSTS700016)', async () => {
    const onCommon = pageOf(await newBrowser(t).open(path('common', single.appId)));
    expect(onCommon.heading).toBe("Sorry, but we're having trouble signing you in.");
    expect(onCommon.text).toContain('AADSTS50194');
    expect(onCommon.text).toContain('is not configured as a multi-tenant application');
    expect(pageOf(await newBrowser(t).open(path('organizations', single.appId))).text).toContain('AADSTS50194');
    expect(pageOf(await newBrowser(t).open(path(other, single.appId))).text).toContain('AADSTS700016');
  });

  it('offers accounts of every tenant on common; domain_hint narrows them to one tenant', async () => {
    const browser = newBrowser(t);
    redirectOf(await signIn(browser, await browser.open(path('common', multi.appId)), 'zoe@fabrikam.test'));
    redirectOf(await signIn(browser, await browser.open(`${path('common', multi.appId)}&prompt=login`), `hal@${t.domain}`));
    const picker = pageOf(await browser.open(path('common', multi.appId)));
    expect(picker.forms[0]!.buttons.map((b) => b.text)).toEqual([`hal@${t.domain}`, 'zoe@fabrikam.test', 'Use another account']);
    const hinted = redirectOf(await browser.open(`${path('common', multi.appId)}&domain_hint=fabrikam.test`));
    expect(hinted.params.get('iss')).toBe(`${t.publicUrl}/${other}/v2.0`);
    // A tenant's own endpoint only offers its own accounts.
    expect(redirectOf(await browser.open(path(other, multi.appId))).params.get('code')).toBeTruthy();
  });

  it('keeps a user of one tenant out of another tenant\'s endpoint', async () => {
    const browser = newBrowser(t);
    const page = pageOf(await signIn(browser, await browser.open(path(t.tenantId, multi.appId)), 'zoe@fabrikam.test'));
    expect(page.text).toContain('Your account or password is incorrect.');
  });
});
