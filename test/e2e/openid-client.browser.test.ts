/**
 * openid-client v6 (a certified OpenID Connect relying party, strict by design) against v2 discovery:
 * authorization code + PKCE S256 with state and nonce, the browser signs in and consents, the code comes back to
 * the client's loopback listener, and authorizationCodeGrant checks the ID token (issuer, audience, nonce, times,
 * RFC 9207 `iss`) before refreshTokenGrant rotates the refresh token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive, launchBrowser, type TestBrowser } from '../support/browser.js';
import {
  ClientProcess, createSeedApp, decodeJwt, expectedFhirClaims, FLOW_TIMEOUT, seedServer, type ClientEvent, type Seed, type SeedApp,
} from './harness.js';

const SUCCESS = 'Entrada e2e: openid-client received the callback';

describe('openid-client v6: authorization code + PKCE in Chromium', () => {
  let seed: Seed;
  let app: SeedApp;
  let browser: TestBrowser;
  let client: ClientProcess | undefined;
  let events: Promise<{ url: ClientEvent; callback: ClientEvent; token: ClientEvent; refreshed: ClientEvent }>;

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

  it('discovers the v2 issuer, signs in with consent and passes the strict code grant', async () => {
    const { server, tenantId } = seed;
    client = new ClientProcess('e2e-openid-client.mjs', {
      publicUrl: server.publicUrl, tenantId, appId: app.appId, scope: `openid profile offline_access ${seed.fhirScope}`, successTitle: SUCCESS,
    }, server);
    const c = client;
    events = (async () => ({ url: await c.next('url'), callback: await c.next('callback'), token: await c.next('token'), refreshed: await c.next('refreshed') }))();
    events.catch(() => undefined);

    const { url, redirectUri, metadata } = await client.next('url');
    expect(metadata.issuer).toBe(`${server.publicUrl}/${tenantId}/v2.0`);
    expect(metadata.code_challenge_methods_supported ?? ['S256']).toContain('S256');
    const authorize = new URL(url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(metadata.authorization_endpoint);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toBeTruthy();

    const page = await browser.newPage();
    await page.goto(url);
    const steps = await drive(page, {
      user: { username: seed.user.username, password: seed.user.password },
      until: page.getByRole('heading', { name: SUCCESS, exact: true }),
    });
    expect(steps).toEqual(['sign-in', 'consent']);

    const { callback } = await events;
    const back = new URL(callback.url);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    // RFC 9207: the authorization response names its issuer.
    expect(back.searchParams.get('iss')).toBe(metadata.issuer);
  }, FLOW_TIMEOUT);

  it('returns a delegated FHIR token and an ID token that passed openid-client\'s checks', async () => {
    const { token } = await events;
    expect(token.tokens.token_type.toLowerCase()).toBe('bearer');
    expect(token.tokens.refresh_token).toBeTruthy();
    expect(decodeJwt(token.tokens.access_token)).toMatchObject({ ...expectedFhirClaims(seed, app.appId), upn: seed.user.username });
    expect(token.idTokenClaims).toMatchObject({
      iss: `${seed.server.publicUrl}/${seed.tenantId}/v2.0`, aud: app.appId, tid: seed.tenantId, oid: seed.user.id, ver: '2.0',
      preferred_username: seed.user.username, name: seed.user.displayName,
    });
    expect(token.idTokenClaims.nonce).toBeTruthy();
  }, FLOW_TIMEOUT);

  it('refreshes with rotation: a new refresh token and a new FHIR token', async () => {
    const { token, refreshed } = await events;
    expect(refreshed.tokens.refresh_token).toBeTruthy();
    expect(refreshed.tokens.refresh_token).not.toBe(token.tokens.refresh_token);
    expect(refreshed.tokens.access_token).not.toBe(token.tokens.access_token);
    expect(decodeJwt(refreshed.tokens.access_token)).toMatchObject(expectedFhirClaims(seed, app.appId));
  }, FLOW_TIMEOUT);

  it('serves the OIDC userinfo for a Graph token got with the rotated refresh token', async () => {
    await events;
    const userinfo = await client!.next('userinfo');
    if (!userinfo.ok) throw new Error(`userinfo failed: ${JSON.stringify(userinfo.error)}`);
    const { token } = await events;
    expect(userinfo.value).toMatchObject({ sub: token.idTokenClaims.sub });
    await client!.next('done');
  }, FLOW_TIMEOUT);
});
