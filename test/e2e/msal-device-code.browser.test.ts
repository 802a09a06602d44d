/**
 * MSAL Node's acquireTokenByDeviceCode, as a CLI on a machine without a browser uses it: MSAL prints the user
 * code, the user enters it at {publicUrl}/devicelogin in Chromium, signs in, confirms the app and consents,
 * while MSAL polls the token endpoint until the token comes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive, launchBrowser, type TestBrowser } from '../support/browser.js';
import {
  ClientProcess, createSeedApp, decodeJwt, expectedFhirClaims, FLOW_TIMEOUT, seedServer, type Seed, type SeedApp,
} from './harness.js';

describe('MSAL Node acquireTokenByDeviceCode completed in Chromium', () => {
  let seed: Seed;
  let app: SeedApp;
  let browser: TestBrowser;
  const clients: ClientProcess[] = [];

  beforeAll(async () => {
    seed = await seedServer();
    app = await createSeedApp(seed);
    browser = await launchBrowser(seed.server);
  });
  afterAll(async () => {
    for (const c of clients) c.kill();
    await browser?.close();
    await seed?.server.close();
  });

  const start = () => {
    const client = new ClientProcess('e2e-msal-public.mjs', {
      flow: 'deviceCode', publicUrl: seed.server.publicUrl, tenantId: seed.tenantId, appId: app.appId, scopes: [seed.fhirScope],
    }, seed.server);
    clients.push(client);
    return client;
  };

  /** Open the verification page and submit the code. */
  const enterCode = async (verificationUri: string, userCode: string) => {
    const page = await browser.newPage();
    await page.goto(verificationUri);
    await page.getByRole('heading', { name: 'Enter code', exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Code', exact: true }).fill(userCode);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    return page;
  };

  it('signs the user in on the devicelogin page; MSAL polls until the token comes, then refreshes', async () => {
    const client = start();
    const code = await client.next('deviceCode');
    expect(code.verificationUri).toBe(`${seed.server.publicUrl}/devicelogin`);
    expect(code.userCode).toMatch(/^[A-Z0-9]{6,12}$/);
    expect(code.message).toContain(code.userCode);
    expect(code.message).toContain(code.verificationUri);

    const page = await enterCode(code.verificationUri, code.userCode);
    const steps = await drive(page, {
      user: { username: seed.user.username, password: seed.user.password },
      until: page.getByRole('heading', { name: "You're signed in", exact: true }),
    });
    expect(steps).toContain('sign-in');
    expect(steps).toContain('device-confirm');
    expect(steps).toContain('consent');
    await page.close();

    const { result } = await client.next('token');
    expect(decodeJwt(result.accessToken)).toMatchObject({ ...expectedFhirClaims(seed, app.appId), upn: seed.user.username });
    expect(result.idTokenClaims).toMatchObject({ aud: app.appId, oid: seed.user.id, tid: seed.tenantId });
    const refreshed = await client.next('refreshed');
    expect(decodeJwt(refreshed.result.accessToken)).toMatchObject(expectedFhirClaims(seed, app.appId));
    await client.next('done');
  }, FLOW_TIMEOUT);

  it('names the app on the confirmation page, and Cancel makes MSAL stop polling with authorization_declined', async () => {
    const client = start();
    const code = await client.next('deviceCode');
    const page = await enterCode(code.verificationUri, code.userCode);
    const confirm = page.getByRole('heading', { name: `Are you trying to sign in to ${app.displayName}?`, exact: true });
    // The browser is still signed in from the first test: at most "Pick an account" or the password again.
    await drive(page, { user: { username: seed.user.username, password: seed.user.password }, pick: seed.user.username, until: confirm });
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByRole('heading', { name: 'Are you trying to sign in', exact: false }).waitFor({ state: 'hidden' });
    await page.close();

    // MSAL Node polls on only authorization_pending; any other error it reports as post_request_failed
    // carrying the server's error code (DeviceCodeClient.ts).
    const failed = await client.next('error');
    expect(failed.error.errorCode).toBe('post_request_failed');
    expect(failed.error.message).toContain('authorization_declined');
  }, FLOW_TIMEOUT);

  it('refuses a code that was never issued and stays on the code page', async () => {
    const page = await browser.newPage();
    await page.goto(`${seed.server.publicUrl}/devicelogin`);
    await page.getByRole('textbox', { name: 'Code', exact: true }).fill('NOTACODE1');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Next', exact: true }).click()]);
    // Either the entry page again (with its error), or the error page: never the sign-in or the app confirmation.
    const enter = page.getByRole('heading', { name: 'Enter code', exact: true });
    const error = page.getByRole('heading', { name: "Sorry, but we're having trouble signing you in.", exact: true });
    await enter.or(error).first().waitFor();
    await expect(page.getByRole('heading', { name: 'Sign in', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: /^Are you trying to sign in/ }).count()).resolves.toBe(0);
    await page.close();
  }, FLOW_TIMEOUT);
});
