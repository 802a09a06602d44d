/**
 * The sign-in pages themselves: accessible structure, clickjacking and caching headers, anti-forgery tokens,
 * one answer for every failed password, forced password change, and throttled guessing.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_APP_ID } from '../src/directory/first-party.js';
import { parseForm } from '../src/lib/form.js';
import { stsRoutes } from '../src/sts/routes.js';
import { DEFAULT_THROTTLE } from '../src/sts/throttle.js';
import { authorizePath, createApp, createUser, newBrowser, signIn, USER_PASSWORD, type TestWebApp } from './support/authorize.js';
import { BrowserLess, pageOf, redirectOf } from './support/browser-less.js';
import { buildTestApp, type TestApp } from './support/server.js';

const BAD = 'Your account or password is incorrect.';

describe('sign-in pages', () => {
  let t: TestApp;
  let app: TestWebApp;
  beforeAll(async () => {
    t = await buildTestApp();
    app = await createApp(t);
    const graph = (await t.directory.resources.resolve(t.tenantId, GRAPH_APP_ID))!;
    await t.directory.permissionGrants.grant(t.tenantId, { clientId: app.spId!, resourceId: graph.servicePrincipalId, consentType: 'AllPrincipals', principalId: null, scopes: ['openid', 'profile'] });
    await createUser(t, 'dana');
    await createUser(t, 'off', { enabled: false });
  });
  afterAll(async () => t?.close());

  const start = (browser: BrowserLess, extra: Record<string, string> = {}) => browser.open(authorizePath(t.tenantId, {
    client_id: app.appId, response_type: 'code', redirect_uri: 'http://localhost:4000/callback', scope: 'openid profile', state: 'x', ...extra,
  }));

  it('is an accessible page: lang, one h1, labels tied to fields, an alert region, no inline script', async () => {
    const page = pageOf(await start(newBrowser(t)));
    expect(page.html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(page.html.match(/<h1\b/g)).toHaveLength(1);
    expect(page.heading).toBe('Sign in');
    const form = page.forms[0]!;
    for (const [label, type] of [['Email address', 'text'], ['Password', 'password']] as const) {
      const field = form.fields.find((f) => f.id === form.labels.get(label));
      expect(field?.type).toBe(type);
    }
    expect(form.buttons.map((b) => b.text)).toEqual(['Sign in']);
    expect(page.html).toMatch(/<p id="signin-error" class="error" role="alert" aria-live="assertive">/);
    expect(page.html).not.toMatch(/<script/);
  });

  it('forbids framing and caching', async () => {
    const { headers } = pageOf(await start(newBrowser(t)));
    expect(headers['x-frame-options']).toBe('DENY');
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    // The form leads (after the password) to the app's redirect URI, so that origin may be a form target.
    expect(csp).toContain("form-action 'self' http://localhost:4000");
    expect(headers['cache-control']).toBe('no-store, no-cache');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('gives one answer for an unknown account, a wrong password and a disabled account, and escapes what it echoes', async () => {
    const browser = newBrowser(t);
    for (const [upn, password] of [[`nobody@${t.domain}`, USER_PASSWORD], [`dana@${t.domain}`, 'wrong'], [`off@${t.domain}`, USER_PASSWORD], ['nobody@unknown.example', 'x']]) {
      const page = pageOf(await signIn(browser, await start(browser), upn!, password));
      expect(page.heading).toBe('Sign in');
      expect(page.text).toContain(BAD);
      expect(page.html).toContain('aria-invalid="true"');
      expect(page.forms[0]!.fields.find((f) => f.name === 'login')?.value).toBe(upn);
    }
    const xss = pageOf(await signIn(browser, await start(browser), '"><script>alert(1)</script>', 'x'));
    expect(xss.html).not.toContain('<script>alert(1)');
    expect(xss.html).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('refuses a form without the anti-forgery token, with another form\'s token, or without the pre-auth cookie', async () => {
    const browser = newBrowser(t);
    const page = pageOf(await start(browser));
    const fill = { 'Email address': `dana@${t.domain}`, Password: USER_PASSWORD };
    const forged = (tamper: (f: [string, string][]) => [string, string][]) => browser.submit(page, { fill, press: 'Sign in', tamper });
    for (const visit of [
      await forged((f) => f.filter(([k]) => k !== 'flowToken')),
      await forged((f) => f.map(([k, v]) => [k, k === 'flowToken' ? 'A'.repeat(43) : v])),
      await forged((f) => f.map(([k, v]) => [k, k === 'step' ? 'pick' : v])),
    ]) {
      expect(pageOf(visit).heading).toBe("Sorry, but we're having trouble signing you in.");
      expect(pageOf(visit).text).toContain('AADSTS90023');
    }
    const cookieless = new BrowserLess(t.app, t.publicUrl);
    const replayed = await cookieless.submit(page, { fill, press: 'Sign in' });
    expect(pageOf(replayed).text).toContain('AADSTS90023');
    expect(redirectOf(await browser.submit(page, { fill, press: 'Sign in' })).params.get('code')).toBeTruthy();
  });

  it('makes a user whose password must change choose a new one, then signs in', async () => {
    await createUser(t, 'fresh', { forceChange: true });
    const browser = newBrowser(t);
    const update = pageOf(await signIn(browser, await start(browser), `fresh@${t.domain}`));
    expect(update.heading).toBe('Update your password');
    expect([...update.forms[0]!.labels.keys()]).toEqual(['Current password', 'New password', 'Confirm password']);
    const mismatch = pageOf(await browser.submit(update, { fill: { 'Current password': USER_PASSWORD, 'New password': 'Brand-New-Passw0rd', 'Confirm password': 'Other-Passw0rd!' }, press: 'Sign in' }));
    expect(mismatch.text).toContain("The passwords don't match.");
    const weak = pageOf(await browser.submit(mismatch, { fill: { 'Current password': USER_PASSWORD, 'New password': 'short', 'Confirm password': 'short' }, press: 'Sign in' }));
    expect(weak.heading).toBe('Update your password');
    expect(weak.text).toContain('between 8 and 256 characters');
    const wrong = pageOf(await browser.submit(weak, { fill: { 'Current password': 'nope', 'New password': 'Brand-New-Passw0rd', 'Confirm password': 'Brand-New-Passw0rd' }, press: 'Sign in' }));
    expect(wrong.text).toContain('The current password is incorrect.');
    // prompt=none cannot show the page: interaction_required.
    const silent = redirectOf(await start(browser, { prompt: 'none' }));
    expect(silent.params.get('error')).toBe('interaction_required');
    const done = redirectOf(await browser.submit(wrong, { fill: { 'Current password': USER_PASSWORD, 'New password': 'Brand-New-Passw0rd', 'Confirm password': 'Brand-New-Passw0rd' }, press: 'Sign in' }));
    expect(done.params.get('code')).toBeTruthy();
    const user = (await t.directory.users.getByUpn(t.tenantId, `fresh@${t.domain}`))!;
    expect(user.forceChangePasswordNextSignIn).toBe(false);
    expect(await t.directory.users.authenticate(t.tenantId, `fresh@${t.domain}`, 'Brand-New-Passw0rd')).toMatchObject({ id: user.id });
  });
});

describe('sign-in page throttling', () => {
  let t: TestApp;
  let sts: FastifyInstance;
  const slept: number[] = [];
  beforeAll(async () => {
    t = await buildTestApp();
    await createUser(t, 'gus');
    // The STS alone with a delay policy that records instead of sleeping (as test/sts-throttle.test.ts does).
    sts = Fastify();
    sts.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(body as string)));
    await sts.register(stsRoutes({ config: t.config, directory: t.directory, publicUrl: () => t.publicUrl },
      { throttle: { ...DEFAULT_THROTTLE, sleep: async (ms) => void slept.push(ms) } }));
  });
  afterAll(async () => {
    await sts?.close();
    await t?.close();
  });

  it('delays failures with growing backoff per account and per address, never the right password, never says "locked"', async () => {
    const app = await createApp(t);
    const browser = new BrowserLess(sts, t.publicUrl);
    const path = authorizePath(t.tenantId, { client_id: app.appId, response_type: 'code', redirect_uri: 'http://localhost/callback', scope: 'openid' });
    const attempt = async (upn: string, password: string) => signIn(browser, await browser.open(path), upn, password);
    for (let i = 0; i < 5; i++) expect(pageOf(await attempt(`gus@${t.domain}`, `wrong-${i}`)).text).toContain(BAD);
    expect(slept).toEqual([]);
    await attempt(`gus@${t.domain}`, 'wrong-5');
    await attempt(`gus@${t.domain}`, 'wrong-6');
    // Account and address counters both passed the threshold: the longer of the two delays is served.
    expect(slept).toEqual([250, 250, 500, 500]);
    // Another account from the same address: only the address is throttled.
    const other = pageOf(await attempt(`nobody@${t.domain}`, 'x'));
    expect(other.text).toContain(BAD);
    expect(other.text).not.toMatch(/lock/i);
    expect(slept.slice(4)).toEqual([1000]);
    // The right password goes through at once.
    const before = slept.length;
    const ok = await attempt(`gus@${t.domain}`, USER_PASSWORD);
    expect(ok.page?.heading).toBe('Permissions requested');
    expect(slept.length).toBe(before);
  });
});
