/**
 * Postman's OAuth 2.0 "Authorization Code" and "Authorization Code (With PKCE)" against the seed's app, whose
 * redirect URI `https://www.getpostman.com/oauth2/callback` is registered under Mobile and desktop (a public
 * client): Postman opens the authorize URL in a browser and catches the callback itself; here Chromium's request
 * interception catches it, so nothing goes to the network. The code is then redeemed with a plain form POST and
 * no client secret, as Postman sends it for a public client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchRedirects, drive, launchBrowser, type TestBrowser } from '../support/browser.js';
import {
  authorizeUrl, createSeedApp, decodeJwt, expectedFhirClaims, FLOW_TIMEOUT, pkce, POSTMAN_CALLBACK, seedServer, tokenRequest,
  type Seed, type SeedApp,
} from './harness.js';

describe('a Postman-style authorization code flow', () => {
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

  /** Open the authorize URL, walk the pages, and return the code from the caught callback. */
  const authorize = async (params: Record<string, string>, consent = true) => {
    const page = await browser.newPage();
    const caught = await catchRedirects(page, POSTMAN_CALLBACK, 'Postman caught the callback');
    const state = crypto.randomUUID();
    await caught.goto(authorizeUrl(seed, { client_id: app.appId, redirect_uri: POSTMAN_CALLBACK, scope: seed.fhirScope, state, ...params }));
    const steps = await drive(page, {
      user: { username: seed.user.username, password: seed.user.password }, consent,
      until: caught.reached,
    });
    const callback = caught.last();
    await page.close();
    expect(callback.origin + callback.pathname).toBe(POSTMAN_CALLBACK);
    expect(callback.searchParams.get('state')).toBe(state);
    const code = callback.searchParams.get('code');
    if (!code) throw new Error(`no code in the callback: ${callback.href}`);
    return { code, steps, callback };
  };

  it('Authorization Code (With PKCE): consent in the browser, the code redeemed without a secret', async () => {
    const { verifier, challenge } = pkce();
    const { code, steps } = await authorize({ code_challenge: challenge, code_challenge_method: 'S256' });
    expect(steps).toEqual(['sign-in', 'consent']);

    const res = await tokenRequest(seed, {
      grant_type: 'authorization_code', code, redirect_uri: POSTMAN_CALLBACK, client_id: app.appId, code_verifier: verifier,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ token_type: 'Bearer' });
    expect(res.json.scope.split(' ')).toContain(seed.fhirScope);
    expect(decodeJwt(res.json.access_token)).toMatchObject({ ...expectedFhirClaims(seed, app.appId), upn: seed.user.username });

    // Codes are single use (AADSTS54005).
    const again = await tokenRequest(seed, {
      grant_type: 'authorization_code', code, redirect_uri: POSTMAN_CALLBACK, client_id: app.appId, code_verifier: verifier,
    });
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ error: 'invalid_grant' });
    expect(again.json.error_codes).toContain(54005);
  }, FLOW_TIMEOUT);

  it('Authorization Code (no PKCE): single sign-on and the consent already given, so no page at all', async () => {
    const { code, steps } = await authorize({}, false);
    expect(steps).toEqual([]);
    const res = await tokenRequest(seed, { grant_type: 'authorization_code', code, redirect_uri: POSTMAN_CALLBACK, client_id: app.appId });
    expect(res.status, res.text).toBe(200);
    expect(decodeJwt(res.json.access_token)).toMatchObject(expectedFhirClaims(seed, app.appId));
  }, FLOW_TIMEOUT);

  it('refuses a client secret from a public client redirect (AADSTS700025)', async () => {
    const { code } = await authorize({}, false);
    const res = await tokenRequest(seed, {
      grant_type: 'authorization_code', code, redirect_uri: POSTMAN_CALLBACK, client_id: app.appId, client_secret: 'anything',
    });
    // Entra's status for this one is not documented (spec §5.2): 400 or 401.
    expect([400, 401]).toContain(res.status);
    expect(res.json).toMatchObject({ error: 'invalid_client' });
    expect(res.json.error_codes).toContain(700025);
  }, FLOW_TIMEOUT);
});
