/**
 * Single sign-on: the session cookie, a second app without a prompt, prompt=none/login/select_account,
 * login_hint, several accounts in one browser, and sign-out with post_logout_redirect_uri.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_APP_ID } from '../src/directory/first-party.js';
import { authorizePath, createApp, createUser, newBrowser, signIn, type TestWebApp } from './support/authorize.js';
import { pageOf, redirectOf, type BrowserLess } from './support/browser-less.js';
import { movableClock } from './support/clock.js';
import { buildTestApp, type TestApp } from './support/server.js';

describe('authorize: sessions and sign-out', () => {
  let t: TestApp;
  let first: TestWebApp;
  let second: TestWebApp;
  let ann: string;
  let bob: string;
  beforeAll(async () => {
    t = await buildTestApp();
    first = await createApp(t, { web: { logoutUrl: 'https://first.example/logged-out' } });
    second = await createApp(t, { publicClient: { redirectUris: ['http://localhost/second'] } });
    const graph = (await t.directory.resources.resolve(t.tenantId, GRAPH_APP_ID))!;
    for (const app of [first, second]) {
      await t.directory.permissionGrants.grant(t.tenantId, { clientId: app.spId!, resourceId: graph.servicePrincipalId, consentType: 'AllPrincipals', principalId: null, scopes: ['openid', 'profile', 'User.Read'] });
    }
    ann = `ann@${t.domain}`;
    bob = `bob@${t.domain}`;
    await createUser(t, 'ann');
    await createUser(t, 'bob');
  });
  afterAll(async () => t?.close());

  const path = (app: TestWebApp, extra: Record<string, string> = {}, redirect = 'http://localhost/callback') =>
    authorizePath(t.tenantId, { client_id: app.appId, response_type: 'code', redirect_uri: redirect, scope: 'openid profile', state: 'st', ...extra });
  const userOf = async (code: string) => {
    const r = await t.directory.authorizationCodes.redeem(code);
    return r.status === 'ok' ? (await t.directory.users.get(t.tenantId, r.grant.userId))!.userPrincipalName : undefined;
  };

  async function signedIn(upn: string, browser = newBrowser(t)): Promise<BrowserLess> {
    redirectOf(await signIn(browser, await browser.open(path(first, { prompt: 'login' })), upn));
    return browser;
  }

  it('sets an HttpOnly, Secure, SameSite=Lax session cookie whose value is not stored', async () => {
    const browser = newBrowser(t);
    const res = (await signIn(browser, await browser.open(path(first)), ann)).response;
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] as string[]);
    const sso = cookies.find((c) => c.startsWith('__Host-entrada-sso='))!;
    expect(sso).toMatch(/; Path=\/; Secure; HttpOnly; SameSite=Lax$/);
    const token = browser.cookies.get('__Host-entrada-sso')!;
    const rows = await t.store.db.selectFrom('sessions').selectAll().execute();
    expect(rows.some((r) => r.id_hash === token)).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('signs a second app in without a prompt', async () => {
    const browser = await signedIn(ann);
    const r = redirectOf(await browser.open(path(second, {}, 'http://localhost/second')));
    expect(await userOf(r.params.get('code')!)).toBe(ann);
  });

  it('prompt=none: login_required without a session, a code with one', async () => {
    const none = redirectOf(await newBrowser(t).open(path(first, { prompt: 'none' })));
    expect(none.params.get('error')).toBe('login_required');
    expect(none.params.get('error_description')).toMatch(/^AADSTS50058:/);
    expect(none.params.get('state')).toBe('st');
    const browser = await signedIn(ann);
    const ok = redirectOf(await browser.open(path(second, { prompt: 'none' }, 'http://localhost/second')));
    expect(await userOf(ok.params.get('code')!)).toBe(ann);
  });

  it('keeps several accounts: the picker chooses; prompt=none with two says interaction_required', async () => {
    const browser = await signedIn(bob, await signedIn(ann));
    const picker = pageOf(await browser.open(path(first)));
    expect(picker.heading).toBe('Pick an account');
    expect(picker.forms[0]!.buttons.map((b) => b.text)).toEqual([bob, ann, 'Use another account']);
    const chosen = redirectOf(await browser.submit(picker, { press: ann }));
    expect(await userOf(chosen.params.get('code')!)).toBe(ann);
    const silent = redirectOf(await browser.open(path(first, { prompt: 'none' })));
    expect(silent.params.get('error')).toBe('interaction_required');
    expect(silent.params.get('error_description')).toMatch(/^AADSTS16000:/);
    // login_hint picks the account without a page.
    const hinted = redirectOf(await browser.open(path(first, { login_hint: bob.toUpperCase() })));
    expect(await userOf(hinted.params.get('code')!)).toBe(bob);
    const other = await browser.submit(pageOf(await browser.open(path(first, { prompt: 'select_account' }))), { press: 'Use another account' });
    expect(pageOf(other).heading).toBe('Sign in');
  });

  it('prompt=select_account shows the picker even for one account; prompt=login asks for the password again', async () => {
    const browser = await signedIn(ann);
    const picker = pageOf(await browser.open(path(first, { prompt: 'select_account' })));
    expect(picker.forms[0]!.buttons.map((b) => b.text)).toEqual([ann, 'Use another account']);
    const login = pageOf(await browser.open(path(first, { prompt: 'login', login_hint: ann })));
    expect(login.heading).toBe('Sign in');
    expect(login.forms[0]!.fields.find((f) => f.name === 'login')?.value).toBe(ann);
  });

  it('signs out, and redirects only to a URI the app registered', async () => {
    const browser = await signedIn(ann);
    const out = await browser.open(`/${t.tenantId}/oauth2/v2.0/logout?${new URLSearchParams({ client_id: first.appId, post_logout_redirect_uri: 'https://first.example/logged-out', state: 'bye' })}`);
    expect(redirectOf(out).location).toBe('https://first.example/logged-out?state=bye');
    expect(browser.cookies.has('__Host-entrada-sso')).toBe(false);
    const none = redirectOf(await browser.open(path(first, { prompt: 'none' })));
    expect(none.params.get('error')).toBe('login_required');

    const again = await signedIn(ann);
    const refused = pageOf(await again.open(`/${t.tenantId}/oauth2/logout?${new URLSearchParams({ client_id: first.appId, post_logout_redirect_uri: 'https://evil.example/' })}`));
    expect(refused.heading).toBe('You signed out of your account');
    const noApp = pageOf(await (await signedIn(ann)).open(`/${t.tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent('http://localhost/callback')}`));
    expect(noApp.heading).toBe('You signed out of your account');
  });

  it('signs out only the hinted account when there are several', async () => {
    const browser = await signedIn(bob, await signedIn(ann));
    await browser.open(`/${t.tenantId}/oauth2/v2.0/logout?logout_hint=${encodeURIComponent(bob)}`);
    const r = redirectOf(await browser.open(path(first, { prompt: 'none' })));
    expect(await userOf(r.params.get('code')!)).toBe(ann);
  });

  it('ends the session of a user who is disabled meanwhile', async () => {
    const carl = await createUser(t, 'carl');
    const browser = await signedIn(`carl@${t.domain}`);
    await t.directory.users.update(t.tenantId, carl.id, { accountEnabled: false });
    const r = redirectOf(await browser.open(path(first, { prompt: 'none' })));
    expect(r.params.get('error')).toBe('login_required');
  });
});

describe('authorize: session lifetime and id_token_hint', () => {
  const clock = movableClock();
  let t: TestApp;
  let app: TestWebApp;
  beforeAll(async () => {
    t = await buildTestApp({}, { clock });
    app = await createApp(t, { publicClient: { redirectUris: ['http://localhost/callback'] }, web: { redirectUris: ['https://app.example/bye'] } });
    const graph = (await t.directory.resources.resolve(t.tenantId, GRAPH_APP_ID))!;
    await t.directory.permissionGrants.grant(t.tenantId, { clientId: app.spId!, resourceId: graph.servicePrincipalId, consentType: 'AllPrincipals', principalId: null, scopes: ['openid'] });
    await createUser(t, 'ida');
  });
  afterAll(async () => t?.close());

  const path = (extra: Record<string, string> = {}) => authorizePath(t.tenantId, { client_id: app.appId, response_type: 'code', redirect_uri: 'http://localhost/callback', scope: 'openid', ...extra });

  it('ends a session after a day without use; each use extends it', async () => {
    const browser = newBrowser(t);
    redirectOf(await signIn(browser, await browser.open(path()), `ida@${t.domain}`));
    clock.offsetMs += 20 * 3600_000;
    expect(redirectOf(await browser.open(path({ prompt: 'none' }))).params.get('code')).toBeTruthy();
    clock.offsetMs += 20 * 3600_000;
    expect(redirectOf(await browser.open(path({ prompt: 'none' }))).params.get('code')).toBeTruthy();
    clock.offsetMs += 25 * 3600_000;
    expect(redirectOf(await browser.open(path({ prompt: 'none' }))).params.get('error')).toBe('login_required');
  });

  it('names the app and the account to sign out by id_token_hint', async () => {
    const browser = newBrowser(t);
    const r = redirectOf(await signIn(browser, await browser.open(path()), `ida@${t.domain}`));
    const grant = await t.directory.authorizationCodes.redeem(r.params.get('code')!);
    const userId = grant.status === 'ok' ? grant.grant.userId : '';
    const hint = ['{"alg":"RS256"}', JSON.stringify({ aud: app.appId, oid: userId, tid: t.tenantId })].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.sig';
    const out = redirectOf(await browser.open(`/${t.tenantId}/oauth2/v2.0/logout?${new URLSearchParams({ id_token_hint: hint, post_logout_redirect_uri: 'https://app.example/bye' })}`));
    expect(out.location).toBe('https://app.example/bye');
    expect(redirectOf(await browser.open(path({ prompt: 'none' }))).params.get('error')).toBe('login_required');
  });
});
