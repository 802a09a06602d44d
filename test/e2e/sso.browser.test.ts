/**
 * Single sign-on in one browser: after the user signs in to one app, a second app signs them in without the
 * password (only its own consent), prompt=select_account shows "Pick an account", prompt=none needs no page,
 * prompt=login asks for the password again, and after logout prompt=none answers login_required.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchRedirects, drive, launchBrowser, type DriveOptions, type TestBrowser } from '../support/browser.js';
import {
  authorizeUrl, createSeedApp, decodeJwt, expectedFhirClaims, FLOW_TIMEOUT, pkce, seedServer, tokenRequest, type Seed, type SeedApp,
} from './harness.js';

// A loopback redirect nobody listens on: the browser's request interception answers it.
const REDIRECT = 'http://localhost:38917/';

describe('single sign-on across apps in one browser', () => {
  let seed: Seed;
  let first: SeedApp;
  let second: SeedApp;
  let browser: TestBrowser;

  beforeAll(async () => {
    seed = await seedServer();
    first = await createSeedApp(seed, { displayName: 'Entrada e2e first app', redirectUris: ['http://localhost'] });
    second = await createSeedApp(seed, { displayName: 'Entrada e2e second app', redirectUris: ['http://localhost'] });
    browser = await launchBrowser(seed.server);
  });
  afterAll(async () => {
    await browser?.close();
    await seed?.server.close();
  });

  /** Run one authorization in a new tab of the shared browser; returns the pages seen and the callback. */
  const signIn = async (app: SeedApp, params: Record<string, string> = {}, options: Partial<DriveOptions> = {}) => {
    const page: Page = await browser.newPage();
    const caught = await catchRedirects(page, REDIRECT);
    const { verifier, challenge } = pkce();
    const state = crypto.randomUUID();
    await caught.goto(authorizeUrl(seed, {
      client_id: app.appId, redirect_uri: REDIRECT, scope: `openid profile ${seed.fhirScope}`, state,
      code_challenge: challenge, code_challenge_method: 'S256', ...params,
    }));
    const steps = await drive(page, {
      user: { username: seed.user.username, password: seed.user.password },
      until: caught.reached, ...options,
    });
    const callback = caught.last();
    await page.close();
    expect(callback.searchParams.get('state')).toBe(state);
    return { steps, callback, verifier };
  };

  /** Redeem the callback's code (public client, PKCE) and return the access token's claims. */
  const redeem = async (app: SeedApp, callback: URL, verifier: string) => {
    const code = callback.searchParams.get('code');
    if (!code) throw new Error(`no code: ${callback.href}`);
    const res = await tokenRequest(seed, { grant_type: 'authorization_code', client_id: app.appId, code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(res.status, res.text).toBe(200);
    return decodeJwt(res.json.access_token);
  };

  it('the first app asks for the password and consent', async () => {
    const { steps, callback, verifier } = await signIn(first);
    expect(steps).toEqual(['sign-in', 'consent']);
    expect(await redeem(first, callback, verifier)).toMatchObject(expectedFhirClaims(seed, first.appId));
  }, FLOW_TIMEOUT);

  it('keeps the session in an HttpOnly, Secure, SameSite cookie', async () => {
    const cookies = await browser.context.cookies(seed.server.publicUrl);
    const session = cookies.filter((c) => c.httpOnly && c.secure);
    expect(session.length, JSON.stringify(cookies)).toBeGreaterThan(0);
    for (const c of session) expect(['Lax', 'Strict', 'None']).toContain(c.sameSite);
  });

  it('a second app signs in without the password: only its own consent', async () => {
    const { steps, callback, verifier } = await signIn(second);
    expect(steps).toEqual(['consent']);
    expect(await redeem(second, callback, verifier)).toMatchObject(expectedFhirClaims(seed, second.appId));
  }, FLOW_TIMEOUT);

  it('prompt=select_account shows "Pick an account" with the signed-in user, and no password', async () => {
    const { steps, callback, verifier } = await signIn(second, { prompt: 'select_account' }, { pick: seed.user.username, consent: false });
    expect(steps).toEqual(['pick-account']);
    expect(await redeem(second, callback, verifier)).toMatchObject(expectedFhirClaims(seed, second.appId));
  }, FLOW_TIMEOUT);

  it('prompt=none signs in with no page at all', async () => {
    const { steps, callback, verifier } = await signIn(second, { prompt: 'none' }, { consent: false });
    expect(steps).toEqual([]);
    expect(await redeem(second, callback, verifier)).toMatchObject(expectedFhirClaims(seed, second.appId));
  }, FLOW_TIMEOUT);

  it('prompt=login asks for the password again, even with a session', async () => {
    const { steps, callback, verifier } = await signIn(first, { prompt: 'login' }, { consent: false });
    expect(steps).toEqual(['sign-in']);
    expect(await redeem(first, callback, verifier)).toMatchObject(expectedFhirClaims(seed, first.appId));
  }, FLOW_TIMEOUT);

  it('logout ends the session: prompt=none then answers login_required, and the password is asked again', async () => {
    const page = await browser.newPage();
    await page.goto(`${seed.server.publicUrl}/${seed.tenantId}/oauth2/v2.0/logout`);
    await drive(page, {
      pick: seed.user.username, consent: false,
      until: page.getByRole('heading', { name: 'You signed out of your account', exact: true }),
    });
    await page.close();

    const none = await signIn(second, { prompt: 'none' }, { consent: false, user: undefined });
    expect(none.steps).toEqual([]);
    expect(none.callback.searchParams.get('code')).toBeNull();
    expect(['login_required', 'interaction_required']).toContain(none.callback.searchParams.get('error'));
    expect(none.callback.searchParams.get('error_description')).toMatch(/^AADSTS\d+/);

    const again = await signIn(second, {}, { consent: false });
    expect(again.steps).toEqual(['sign-in']);
    expect(await redeem(second, again.callback, again.verifier)).toMatchObject(expectedFhirClaims(seed, second.appId));
  }, FLOW_TIMEOUT);
});
