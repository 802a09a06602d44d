/**
 * MSAL Node's acquireTokenInteractive with its loopback redirect, as a desktop app uses it: MSAL prints the
 * authorize URL (our openBrowser), the test opens it in Chromium, a directory user signs in and consents, MSAL's
 * own loopback listener receives the code and redeems it; then acquireTokenSilent refreshes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive, launchBrowser, type TestBrowser } from '../support/browser.js';
import {
  ClientProcess, createSeedApp, decodeJwt, expectedFhirClaims, FLOW_TIMEOUT, seedServer, type Seed, type SeedApp,
} from './harness.js';

const SUCCESS = 'Entrada e2e: MSAL received the code';

describe('MSAL Node acquireTokenInteractive in Chromium', () => {
  let seed: Seed;
  let app: SeedApp;
  let browser: TestBrowser;
  let client: ClientProcess | undefined;

  beforeAll(async () => {
    seed = await seedServer();
    app = await createSeedApp(seed);
    browser = await launchBrowser(seed.server);
  });
  afterAll(async () => {
    client?.kill();
    await browser?.close();
    await seed?.server.close();
  });

  it('signs the user in with consent through the loopback redirect, then refreshes silently', async () => {
    const { server, tenantId } = seed;
    client = new ClientProcess('e2e-msal-public.mjs', {
      flow: 'interactive', publicUrl: server.publicUrl, tenantId, appId: app.appId, scopes: [seed.fhirScope], successTitle: SUCCESS,
    }, server);

    const { url } = await client.next('url');
    const authorize = new URL(url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${server.publicUrl}/${tenantId}/oauth2/v2.0/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(app.appId);
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+$/);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    // MSAL Node 7 takes the code only by form_post: the server's page posts it to the loopback listener.
    expect(authorize.searchParams.get('response_mode')).toBe('form_post');
    const redirectUri = authorize.searchParams.get('redirect_uri')!;

    const page = await browser.newPage();
    await page.goto(url);
    const steps = await drive(page, {
      user: { username: seed.user.username, password: seed.user.password },
      until: page.getByRole('heading', { name: SUCCESS, exact: true }),
    });
    expect(steps).toEqual(['sign-in', 'consent']);
    // MSAL's own listener answered the browser's POST: the code reached it.
    expect(new URL(page.url()).origin).toBe(new URL(redirectUri).origin);

    const { result } = await client.next('token');
    const claims = decodeJwt(result.accessToken);
    expect(claims).toMatchObject({ ...expectedFhirClaims(seed, app.appId), upn: seed.user.username, ver: '1.0' });
    expect(result.tokenType).toBe('Bearer');
    expect(result.idTokenClaims).toMatchObject({
      aud: app.appId, tid: tenantId, oid: seed.user.id, preferred_username: seed.user.username, name: seed.user.displayName,
    });
    expect(result.account).toMatchObject({
      homeAccountId: `${seed.user.id}.${tenantId}`, localAccountId: seed.user.id, username: seed.user.username, tenantId,
    });

    const refreshed = await client.next('refreshed');
    expect(refreshed.cachedFromCache).toBe(true);
    expect(refreshed.result.fromCache).toBe(false);
    expect(refreshed.result.accessToken).not.toBe(result.accessToken);
    expect(decodeJwt(refreshed.result.accessToken)).toMatchObject(expectedFhirClaims(seed, app.appId));
    await client.next('done');
  }, FLOW_TIMEOUT);
});
