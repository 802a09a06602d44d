/**
 * Admin consent given in the browser, both ways Entra offers it: the "Consent on behalf of your organization"
 * checkbox an administrator sees on the consent page, and the `/{tenant}/adminconsent` endpoint. Either way a
 * user who signs in afterwards is not asked to consent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchRedirects, drive, launchBrowser, type DriveOptions, type SignInUser, type TestBrowser } from '../support/browser.js';
import { ADMIN_PASSWORD } from '../support/server.js';
import {
  authorizeUrl, createSeedApp, createUser, decodeJwt, expectedFhirClaims, FLOW_TIMEOUT, POSTMAN_CALLBACK, seedServer, tokenRequest,
  type E2eUser, type Seed,
} from './harness.js';

describe('admin consent in Chromium', () => {
  let seed: Seed;
  let browser: TestBrowser;
  let admin: SignInUser;
  let other: E2eUser;

  beforeAll(async () => {
    seed = await seedServer();
    admin = { username: seed.server.first.adminUserPrincipalName, password: ADMIN_PASSWORD };
    other = await createUser(seed.graph, seed.domain, 'second.user');
    browser = await launchBrowser(seed.server);
  });
  afterAll(async () => {
    await browser?.close();
    await seed?.server.close();
  });

  /** Sign in to `appId` in a fresh session; returns the pages seen and the redirect caught. */
  const authorize = async (appId: string, user: SignInUser, options: Partial<DriveOptions> = {}) => {
    await browser.context.clearCookies();
    const page = await browser.newPage();
    const caught = await catchRedirects(page, POSTMAN_CALLBACK);
    await caught.goto(authorizeUrl(seed, { client_id: appId, redirect_uri: POSTMAN_CALLBACK, scope: seed.fhirScope, state: 's' }));
    const steps = await drive(page, { user, until: caught.reached, ...options });
    await page.close();
    return { steps, callback: caught.last() };
  };

  const redeem = async (appId: string, callback: URL) => {
    const res = await tokenRequest(seed, {
      grant_type: 'authorization_code', client_id: appId, code: callback.searchParams.get('code') ?? '', redirect_uri: POSTMAN_CALLBACK,
    });
    expect(res.status, res.text).toBe(200);
    return decodeJwt(res.json.access_token);
  };

  it('an admin ticks "Consent on behalf of your organization"; the next user is not asked', async () => {
    const app = await createSeedApp(seed, { displayName: 'Entrada e2e org consent' });
    const byAdmin = await authorize(app.appId, admin, { consent: 'organization' });
    expect(byAdmin.steps).toEqual(['sign-in', 'consent']);
    expect(await redeem(app.appId, byAdmin.callback)).toMatchObject({ aud: seed.fhirUrl, scp: 'user_impersonation', appid: app.appId });

    const grants = await seed.graph.ok('GET', `/oauth2PermissionGrants?$filter=clientId eq '${app.spId}'`);
    expect(grants.value).toEqual([expect.objectContaining({ consentType: 'AllPrincipals', resourceId: seed.healthcare.spId })]);

    const byUser = await authorize(app.appId, other, { consent: false });
    expect(byUser.steps).toEqual(['sign-in']);
    expect(await redeem(app.appId, byUser.callback)).toMatchObject({ ...expectedFhirClaims(seed, app.appId), oid: other.id });
  }, FLOW_TIMEOUT);

  it('/{tenant}/adminconsent grants the app\'s permissions for everyone and redirects with admin_consent=True', async () => {
    const app = await createSeedApp(seed, { displayName: 'Entrada e2e adminconsent endpoint' });
    await browser.context.clearCookies();
    const page = await browser.newPage();
    const caught = await catchRedirects(page, POSTMAN_CALLBACK);
    const url = new URL(`${seed.server.publicUrl}/${seed.tenantId}/adminconsent`);
    url.search = new URLSearchParams({ client_id: app.appId, redirect_uri: POSTMAN_CALLBACK, state: 'admin-state' }).toString();
    await caught.goto(url.href);
    const steps = await drive(page, { user: admin, until: caught.reached });
    await page.close();
    expect(steps).toEqual(['sign-in', 'consent']);
    const back = caught.last();
    expect(back.searchParams.get('admin_consent')).toBe('True');
    expect(back.searchParams.get('tenant')).toBe(seed.tenantId);
    expect(back.searchParams.get('state')).toBe('admin-state');

    const byUser = await authorize(app.appId, seed.user, { consent: false });
    expect(byUser.steps).toEqual(['sign-in']);
    expect(await redeem(app.appId, byUser.callback)).toMatchObject(expectedFhirClaims(seed, app.appId));
  }, FLOW_TIMEOUT);
});
