/**
 * The sign-in pages as a user meets them in a real browser: a wrong password, the forced password change at
 * first sign-in, clickjacking protection, and the errors that are shown and never redirected (unknown client,
 * redirect URI mismatch).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchRedirects, drive, journeyPages, launchBrowser, signIn, type TestBrowser } from '../support/browser.js';
import {
  authorizeUrl, createSeedApp, createUser, decodeJwt, FLOW_TIMEOUT, POSTMAN_CALLBACK, seedServer, tokenRequest, type Seed, type SeedApp,
} from './harness.js';

describe('sign-in pages in Chromium', () => {
  let seed: Seed;
  let app: SeedApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    seed = await seedServer();
    app = await createSeedApp(seed);
    browser = await launchBrowser(seed.server);
  });
  afterAll(async () => {
    await browser?.close();
    await seed?.server.close();
  });

  const open = async (params: Record<string, string> = {}) => {
    // Each test gets a fresh session: no SSO cookie from an earlier test.
    await browser.context.clearCookies();
    const page = await browser.newPage();
    const caught = await catchRedirects(page, POSTMAN_CALLBACK);
    // A fresh session always starts at the sign-in page, so the first response is a page, not a redirect.
    const response = await page.goto(authorizeUrl(seed, {
      client_id: app.appId, redirect_uri: POSTMAN_CALLBACK, scope: seed.fhirScope, state: 'st', ...params,
    }));
    return { page, caught, response };
  };

  it('says "Your account or password is incorrect." for a wrong password, and lets the right one in', async () => {
    const { page, caught } = await open();
    await expect(signIn(page, { username: seed.user.username, password: 'wrong-password' })).rejects.toThrow(/incorrect/);
    await expect(journeyPages(page).signIn.isVisible()).resolves.toBe(true);
    await drive(page, {
      user: { username: seed.user.username, password: seed.user.password },
      until: caught.reached,
    });
    expect(caught.last().searchParams.get('code')).toBeTruthy();
    await page.close();
  }, FLOW_TIMEOUT);

  it('makes a new user choose a password at first sign-in, then signs them in with it', async () => {
    const fresh = await createUser(seed.graph, seed.domain, 'first.time', { forceChange: true });
    const newPassword = `Changed-${crypto.randomUUID().slice(0, 8)}-Pw1!`;
    const first = await open();
    const steps = await drive(first.page, {
      user: fresh, newPassword,
      until: first.caught.reached,
    });
    expect(steps.slice(0, 2)).toEqual(['sign-in', 'update-password']);
    const code = first.caught.last().searchParams.get('code')!;
    const res = await tokenRequest(seed, { grant_type: 'authorization_code', code, redirect_uri: POSTMAN_CALLBACK, client_id: app.appId });
    expect(res.status, res.text).toBe(200);
    expect(decodeJwt(res.json.access_token)).toMatchObject({ oid: fresh.id, scp: 'user_impersonation' });
    await first.page.close();

    // The old password no longer works; the new one does, with no further change asked.
    const second = await open({ prompt: 'login' });
    await expect(signIn(second.page, fresh)).rejects.toThrow(/incorrect/);
    const again = await drive(second.page, {
      user: { username: fresh.username, password: newPassword },
      until: second.caught.reached,
    });
    expect(again).not.toContain('update-password');
    await second.page.close();
  }, FLOW_TIMEOUT);

  it('refuses to be framed (clickjacking)', async () => {
    const { page, response } = await open();
    const headers = response!.headers();
    const framing = `${headers['x-frame-options'] ?? ''} ${headers['content-security-policy'] ?? ''}`;
    expect(framing).toMatch(/DENY|SAMEORIGIN|frame-ancestors\s+('none'|'self')/i);
    await page.close();
  });

  it('shows AADSTS700016 for an unknown client on the error page, never redirecting', async () => {
    const { page, caught } = await open({ client_id: crypto.randomUUID() });
    await journeyPages(page).error.waitFor();
    expect(await page.locator('body').innerText()).toContain('AADSTS700016');
    expect(caught.urls).toEqual([]);
    await page.close();
  });

  it('shows AADSTS50011 for a redirect URI that is not registered, never redirecting', async () => {
    const other = 'https://www.getpostman.com/oauth2/callback/other';
    const page = await browser.newPage();
    const caught = await catchRedirects(page, 'https://www.getpostman.com/');
    await caught.goto(authorizeUrl(seed, { client_id: app.appId, redirect_uri: other, scope: seed.fhirScope }));
    await journeyPages(page).error.waitFor();
    expect(await page.locator('body').innerText()).toContain('AADSTS50011');
    expect(caught.urls).toEqual([]);
    await page.close();
  });
});
