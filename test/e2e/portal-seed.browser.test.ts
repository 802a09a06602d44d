/**
 * The seed ("Register a confidential client application"), done in the portal with a real browser from a fresh
 * server: sign in, register an app, copy its IDs, allow public client flows, add Postman's callback under Mobile
 * and desktop applications, add a 6-month secret and copy its value, request Azure Healthcare APIs
 * user_impersonation and grant admin consent. Then, outside the browser, MSAL Node uses the copied client ID and
 * secret to get a token for the FHIR service. Each step is saved as a screenshot under test-results/portal-seed/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate } from '../support/certificates.js';
import { describePage, drive, launchBrowser, type TestBrowser } from '../support/browser.js';
import { ensurePortalBuilt, screenshotDir, stepShots } from '../support/portal.js';
import { ADMIN_PASSWORD, startTestServer } from '../support/server.js';
import { adminGraph, ClientProcess, decodeJwt, FLOW_TIMEOUT, HEALTHCARE_APP_ID, seedServer, type Seed } from './harness.js';

// The seed's Postman callback (Postman's newer one is https://oauth.pstmn.io/v1/callback).
const POSTMAN = 'https://www.getpostman.com/oauth2/callback';
const TENANT_NAME = 'Default Directory';
/** Setup may build the portal first (vite build) on a busy two-core machine. */
const BUILD_TIMEOUT = 300_000;

describe('portal: the seed in a real browser', () => {
  let seed: Seed;
  let browser: TestBrowser;
  let page: Page;
  const shot = stepShots('portal-seed', () => page);
  /** Console errors and uncaught exceptions of the portal page (a CSP violation shows up here). */
  const problems: string[] = [];
  const clipboard = () => page.evaluate<string>('navigator.clipboard.readText()');
  /** Open a portal page, signing in first if this tab has not yet (so each test can also run alone). */
  const open = async (route: string, until: ReturnType<Page['getByRole']>) => {
    await page.goto(`${seed.server.publicUrl}/portal${route}`);
    const admin = seed.server.first.adminUserPrincipalName;
    await drive(page, { user: { username: admin, password: ADMIN_PASSWORD }, pick: admin, until });
  };
  const appMenu = (name: string) => page.getByRole('navigation', { name: 'App registration' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    ensurePortalBuilt();
    seed = await seedServer();
    browser = await launchBrowser(seed.server);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: seed.server.publicUrl });
    page = await browser.newPage();
    page.on('console', (message) => {
      // Only the portal's own: the sign-in pages' favicon.ico 404 is not the portal's business.
      const at = message.location().url;
      if (message.type() === 'error' && at.startsWith(`${seed.server.publicUrl}/portal/`)) problems.push(`${message.text()} ${at}`);
    });
    page.on('pageerror', (error) => {
      if (page.url().startsWith(`${seed.server.publicUrl}/portal/`)) problems.push(String(error));
    });
    await page.setViewportSize({ width: 1280, height: 800 });
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await seed?.server.close();
  });

  it('walks the whole seed, and the copied secret gets a FHIR token with MSAL Node', async () => {
    // 1. Sign in through Entrada's own sign-in page (MSAL Browser, auth code + PKCE).
    await page.goto(`${seed.server.publicUrl}/portal/`);
    const welcome = page.getByRole('heading', { name: 'Welcome to Entrada' });
    await drive(page, { user: { username: seed.server.first.adminUserPrincipalName, password: ADMIN_PASSWORD }, until: welcome });
    await expect(page.getByRole('button', { name: `Account: ${seed.server.first.adminUserPrincipalName}` }).isVisible()).resolves.toBe(true);
    await shot('home');

    // 2. Azure Active Directory → App registrations → New registration.
    await page.getByRole('main').getByRole('link', { name: /Azure Active Directory/ }).click();
    await page.getByRole('heading', { name: `${TENANT_NAME} | Overview` }).waitFor();
    await shot('entra-overview');
    await page.getByRole('navigation', { name: 'Microsoft Entra ID' }).getByRole('link', { name: 'App registrations' }).click();
    await page.getByRole('heading', { name: `${TENANT_NAME} | App registrations` }).waitFor();
    await page.getByText('This directory has no app registrations yet').waitFor();
    await shot('app-registrations-empty');
    await page.getByRole('button', { name: 'New registration' }).click();
    await page.getByRole('heading', { name: 'Register an application' }).waitFor();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Seed confidential client');
    const singleTenant = page.getByRole('radio', { name: `Accounts in this organizational directory only (${TENANT_NAME} only - Single tenant)` });
    expect(await singleTenant.isChecked()).toBe(true);
    await shot('new-registration');
    await page.getByRole('button', { name: 'Register', exact: true }).click();

    // 3. Overview: the IDs, copied with their copy buttons.
    await page.getByRole('heading', { name: 'Seed confidential client | Overview' }).waitFor();
    const clientId = (await page.getByTestId('application-client-id').innerText()).trim();
    const tenantId = (await page.getByTestId('directory-tenant-id').innerText()).trim();
    const objectId = (await page.getByTestId('object-id').innerText()).trim();
    expect(tenantId).toBe(seed.tenantId);
    await page.getByRole('button', { name: 'Copy Application (client) ID' }).click();
    expect(await clipboard()).toBe(clientId);
    await page.getByRole('button', { name: 'Copy Directory (tenant) ID' }).click();
    expect(await clipboard()).toBe(tenantId);
    const registered = await seed.graph.ok('GET', `/applications/${objectId}`);
    expect(registered).toMatchObject({ appId: clientId, signInAudience: 'AzureADMyOrg', displayName: 'Seed confidential client' });
    // Registering also made the service principal, as the Azure portal does.
    await seed.graph.ok('GET', `/servicePrincipals(appId='${clientId}')`);
    await shot('overview');
    await page.getByRole('button', { name: 'Endpoints' }).click();
    const tokenEndpoint = page.getByRole('textbox', { name: 'OAuth 2.0 token endpoint (v2)' });
    expect(await tokenEndpoint.inputValue()).toBe(`${seed.server.publicUrl}/${seed.tenantId}/oauth2/v2.0/token`);
    await shot('endpoints');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await tokenEndpoint.waitFor({ state: 'hidden' });

    // 4. Authentication: Allow public client flows (default No) → Yes, Save.
    await appMenu('Authentication').click();
    await page.getByRole('heading', { name: 'Seed confidential client | Authentication' }).waitFor();
    expect(await page.getByRole('radio', { name: 'No', exact: true }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Yes', exact: true }).check();
    await shot('allow-public-client-flows');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your changes to the authentication settings were saved.').waitFor();
    expect((await seed.graph.ok('GET', `/applications/${objectId}`)).isFallbackPublicClient).toBe(true);

    // 5. Add a platform → Mobile and desktop applications → Custom redirect URIs: Postman's callback → Configure.
    await page.getByRole('button', { name: 'Add a platform' }).click();
    await page.getByRole('heading', { name: 'Configure platforms' }).waitFor();
    await shot('add-a-platform');
    await page.getByRole('button', { name: /^Mobile and desktop applications/ }).click();
    await page.getByRole('checkbox', { name: 'https://login.microsoftonline.com/common/oauth2/nativeclient' }).waitFor();
    await page.getByRole('textbox', { name: 'Custom redirect URIs' }).fill(POSTMAN);
    await shot('configure-mobile-and-desktop');
    await page.getByRole('button', { name: 'Configure', exact: true }).click();
    const card = page.getByRole('region', { name: 'Mobile and desktop applications' });
    await card.waitFor();
    expect(await card.getByRole('textbox').first().inputValue()).toBe(POSTMAN);
    expect((await seed.graph.ok('GET', `/applications/${objectId}`)).publicClient.redirectUris).toEqual([POSTMAN]);
    await shot('authentication');

    // 6. Certificates & secrets → New client secret, Expires "Recommended: 6 months" → Add; copy the Value.
    await appMenu('Certificates & secrets').click();
    await page.getByRole('tab', { name: 'Client secrets (0)' }).waitFor();
    await page.getByRole('button', { name: 'New client secret' }).click();
    await page.getByRole('heading', { name: 'Add a client secret' }).waitFor();
    await page.getByRole('textbox', { name: 'Description' }).fill('Postman');
    const expires = page.getByRole('combobox', { name: 'Expires' });
    expect(await expires.inputValue()).toBe('180');
    expect(await expires.locator('option:checked').innerText()).toBe('Recommended: 180 days (6 months)');
    await shot('add-a-client-secret');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const valueCell = page.getByTestId('secret-value');
    await valueCell.waitFor();
    const secret = (await valueCell.innerText()).trim();
    await page.getByRole('button', { name: 'Copy client secret value' }).click();
    expect(await clipboard()).toBe(secret);
    await page.getByText("You won't be able to retrieve it after you leave this page.", { exact: false }).waitFor();
    const secrets = (await seed.graph.ok('GET', `/applications/${objectId}`)).passwordCredentials;
    expect(secrets).toHaveLength(1);
    const days = (Date.parse(secrets[0].endDateTime) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(179);
    expect(days).toBeLessThanOrEqual(180);
    // The Secret ID is shown separately from the value.
    expect(await page.getByRole('table', { name: 'Client secrets' }).innerText()).toContain(secrets[0].keyId);
    expect(secret).not.toBe(secrets[0].keyId);
    await shot('client-secret-added');

    // 7. API permissions → Add a permission → APIs my organization uses → Azure Healthcare APIs → user_impersonation.
    await appMenu('API permissions').click();
    await page.getByText('No permissions added').waitFor();
    await page.getByRole('button', { name: 'Add a permission' }).click();
    await page.getByRole('heading', { name: 'Request API permissions' }).waitFor();
    await page.getByRole('tab', { name: 'APIs my organization uses' }).click();
    await page.getByRole('textbox', { name: 'Search APIs my organization uses' }).fill('Azure Healthcare APIs');
    await shot('request-api-permissions');
    await page.getByRole('button', { name: 'Azure Healthcare APIs', exact: true }).click();
    await page.getByRole('button', { name: /^Delegated permissions/ }).click();
    await page.getByRole('checkbox', { name: /user_impersonation/ }).check();
    await shot('select-user-impersonation');
    await page.getByRole('button', { name: 'Add permissions' }).click();
    const row = page.getByTestId('permission-user_impersonation');
    await row.getByText(`Not granted for ${TENANT_NAME}`).waitFor();
    expect(await row.innerText()).toContain('Delegated');
    const withPermission = await seed.graph.ok('GET', `/applications/${objectId}`);
    expect(withPermission.requiredResourceAccess).toEqual([
      { resourceAppId: HEALTHCARE_APP_ID, resourceAccess: [{ id: seed.healthcare.scopeId, type: 'Scope' }] },
    ]);

    // 8. Grant admin consent for Default Directory.
    await page.getByRole('button', { name: `Grant admin consent for ${TENANT_NAME}` }).click();
    await page.getByRole('heading', { name: 'Grant admin consent confirmation.' }).waitFor();
    await page.getByRole('button', { name: 'Yes', exact: true }).click();
    await row.getByText(`Granted for ${TENANT_NAME}`, { exact: true }).waitFor();
    const sp = await seed.graph.ok('GET', `/servicePrincipals(appId='${clientId}')`);
    const grants = await seed.graph.ok('GET', `/oauth2PermissionGrants?$filter=clientId eq '${sp.id}'`);
    expect(grants.value).toEqual([expect.objectContaining({ consentType: 'AllPrincipals', resourceId: seed.healthcare.spId, scope: 'user_impersonation' })]);
    await shot('admin-consent-granted');

    // The app registrations list finds the app by the copied client ID.
    await page.getByRole('navigation', { name: 'Portal menu' }).getByRole('link', { name: 'App registrations' }).click();
    await page.getByRole('textbox', { name: 'Search app registrations' }).fill(clientId);
    await page.getByRole('table', { name: 'App registrations' }).getByRole('link', { name: 'Seed confidential client' }).waitFor();
    await shot('app-registrations-search');

    // Outside the browser: the copied client ID and secret value work in MSAL Node for the FHIR service.
    const client = new ClientProcess('portal-secret-client.mjs', {
      publicUrl: seed.server.publicUrl, tenantId, clientId, secret, scope: `${seed.fhirUrl}/.default`,
    }, seed.server);
    try {
      const token = await client.next('token');
      const claims = decodeJwt(token.accessToken);
      expect(claims).toMatchObject({ aud: seed.fhirUrl, appid: clientId, tid: seed.tenantId });
    } finally {
      client.kill();
    }
    // Nothing the strict CSP blocked, no script errors along the way.
    expect(problems).toEqual([]);
  }, FLOW_TIMEOUT * 2);

  it('uploads a certificate and shows its thumbprint, dates and certificate ID', async () => {
    const app = await seed.graph.ok('POST', '/applications', { displayName: 'Certificate app' });
    await open(`/apps/${app.id}/credentials`, page.getByRole('tab', { name: 'Certificates (0)' }));
    await page.getByRole('tab', { name: 'Certificates (0)' }).click();
    await page.getByText('No certificates have been added for this application').waitFor();
    await page.getByRole('button', { name: 'Upload certificate' }).click();
    const cert = makeCertificate({ subject: 'CN=portal-upload' });
    await page.locator('input[type=file]').setInputFiles({ name: 'portal-upload.cer', mimeType: 'application/pkix-cert', buffer: cert.der });
    await page.getByRole('textbox', { name: 'Description' }).fill('Build agent');
    await shot('upload-certificate');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByTestId('certificate-thumbprint').waitFor();
    expect((await page.getByTestId('certificate-thumbprint').innerText()).trim()).toBe(cert.thumbprintSha1Hex);
    const [key] = (await seed.graph.ok('GET', `/applications/${app.id}`)).keyCredentials;
    const table = await page.getByRole('table', { name: 'Certificates' }).innerText();
    expect(table).toContain(key.keyId);
    expect(table).toContain('Build agent');
    expect(table).toContain(new Date(key.startDateTime).toLocaleDateString('en-US'));
    expect(table).toContain(new Date(key.endDateTime).toLocaleDateString('en-US'));
    await shot('certificate-uploaded');

    // A second upload keeps the first (the PATCH names it by keyId).
    await page.getByRole('button', { name: 'Upload certificate' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'second.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(makeCertificate().certPem) });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('tab', { name: 'Certificates (2)' }).waitFor();
    expect((await seed.graph.ok('GET', `/applications/${app.id}`)).keyCredentials).toHaveLength(2);

    // Federated credentials: add one from another issuer, see it listed, delete it.
    await page.getByRole('tab', { name: /^Federated credentials/ }).click();
    await page.getByText('No federated credentials have been added').waitFor();
    await page.getByRole('button', { name: 'Add credential' }).click();
    await page.getByRole('textbox', { name: /^Issuer/ }).fill('https://token.actions.githubusercontent.com');
    await page.getByRole('textbox', { name: /^Subject identifier/ }).fill('repo:contoso/app:ref:refs/heads/main');
    await page.getByRole('textbox', { name: /^Name/ }).fill('github-main');
    await shot('add-federated-credential');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('tab', { name: 'Federated credentials (1)' }).waitFor();
    const federated = await seed.graph.ok('GET', `/applications/${app.id}/federatedIdentityCredentials`);
    expect(federated.value).toEqual([expect.objectContaining({
      name: 'github-main', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:contoso/app:ref:refs/heads/main',
      audiences: ['api://AzureADTokenExchange'],
    })]);
    await page.getByRole('button', { name: 'Delete federated credential github-main' }).click();
    await page.getByRole('tab', { name: 'Federated credentials (0)' }).waitFor();
  });

  it('shows an API error in plain words with its Graph code, and a private key is refused', async () => {
    await open('/entra/app-registrations/new', page.getByRole('heading', { name: 'Register an application' }));
    await page.getByRole('textbox', { name: /^Name/ }).fill('Bad redirect');
    await page.getByRole('combobox', { name: 'Select a platform' }).selectOption('web');
    await page.getByRole('textbox', { name: 'Redirect URI' }).fill('http://example.com/callback');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const alert = page.getByTestId('error-bar');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('The application could not be registered.');
    expect(text).toMatch(/must use https/);
    expect(text).toMatch(/Error code: Request_BadRequest/);
    await shot('error-bad-redirect-uri');
    expect((await seed.graph.ok('GET', `/applications?$filter=displayName eq 'Bad redirect'`)).value).toHaveLength(0);

    const app = await seed.graph.ok('POST', '/applications', { displayName: 'Private key app' });
    await page.goto(`${seed.server.publicUrl}/portal/apps/${app.id}/credentials`);
    await page.getByRole('tab', { name: 'Certificates (0)' }).click();
    await page.getByRole('button', { name: 'Upload certificate' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'oops.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(makeCertificate().keyPem) });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('dialog').getByTestId('error-bar').getByText(/private key/).waitFor();
    await shot('error-private-key');
  });

  it('registers an app with the keyboard alone', async () => {
    await open('/entra/app-registrations', page.getByRole('button', { name: 'New registration' }));
    const focused = () => page.evaluate<string>('(document.activeElement?.getAttribute("aria-label") || document.activeElement?.textContent || "").trim()');
    const tabTo = async (name: string | RegExp) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const now = await focused();
        if (typeof name === 'string' ? now === name : name.test(now)) return;
      }
      throw new Error(`Tab never reached ${String(name)}`);
    };
    await tabTo('New registration');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Register an application' }).waitFor();
    await page.keyboard.press('Tab');
    for (let i = 0; i < 40 && !(await page.getByRole('textbox', { name: /^Name/ }).evaluate((e) => e === e.ownerDocument.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('Keyboard app');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Keyboard app | Overview' }).waitFor();
    await tabTo('Authentication');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Keyboard app | Authentication' }).waitFor();
    // Supported account types can be changed here too, and Save says so.
    await page.getByRole('radio', { name: /^Accounts in any organizational directory/ }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your changes to the authentication settings were saved.').waitFor();
    const [app] = (await seed.graph.ok('GET', `/applications?$filter=displayName eq 'Keyboard app'`)).value;
    expect(app.signInAudience).toBe('AzureADMultipleOrgs');
  });

  it('works at a narrow width', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    try {
      const app = await seed.graph.ok('POST', '/applications', { displayName: 'Narrow app' });
      await open(`/apps/${app.id}/overview`, page.getByRole('heading', { name: 'Narrow app | Overview' }));
      // The portal menu is folded away and opens from the top bar.
      expect(await page.getByRole('navigation', { name: 'Portal menu' }).isVisible()).toBe(false);
      await shot('narrow-overview');
      await page.getByRole('button', { name: 'Show or hide the portal menu' }).click();
      await page.getByRole('navigation', { name: 'Portal menu' }).getByRole('link', { name: 'App registrations' }).click();
      await page.getByRole('link', { name: 'Narrow app' }).waitFor();
      await shot('narrow-app-registrations');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('keeps a deep link through sign-in, and signs out', async () => {
    // A new tab has no MSAL cache: it goes to the sign-in journey and comes back to the page it was asked for.
    const app = await seed.graph.ok('POST', '/applications', { displayName: 'Deep link app' });
    const tab = await browser.newPage();
    try {
      await tab.setViewportSize({ width: 1280, height: 800 });
      await tab.goto(`${seed.server.publicUrl}/portal/apps/${app.id}/api-permissions`);
      const admin = seed.server.first.adminUserPrincipalName;
      await drive(tab, {
        user: { username: admin, password: ADMIN_PASSWORD }, pick: admin,
        until: tab.getByRole('heading', { name: 'Deep link app | API permissions' }),
      });
      expect(new URL(tab.url()).pathname).toBe(`/portal/apps/${app.id}/api-permissions`);

      await tab.getByRole('button', { name: `Account: ${admin}` }).click();
      await tab.getByRole('menuitem', { name: 'Sign out' }).click();
      // Signed out of Entrada: the portal asks for a password again (no session is left to pick).
      await tab.getByRole('heading', { name: 'Sign in', exact: true }).waitFor().catch(async (err) => {
        throw new Error(`${(err as Error).message}\n${await describePage(tab)}`);
      });
      expect(new URL(tab.url()).pathname).toMatch(/\/oauth2\/v2\.0\/authorize$/);
    } finally {
      await tab.close();
    }
  });
});

describe('portal: a tenant without Healthcare APIs', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: TestBrowser;

  beforeAll(async () => {
    ensurePortalBuilt();
    server = await startTestServer({ fhirService: 'none' });
    browser = await launchBrowser(server);
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('does not offer Azure Healthcare APIs under "APIs my organization uses" until it is deployed', async () => {
    const graph = await adminGraph(server);
    const app = await graph.ok('POST', '/applications', { displayName: 'No FHIR yet' });
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.publicUrl}/portal/apps/${app.id}/api-permissions`);
    await drive(page, {
      user: { username: server.first.adminUserPrincipalName, password: ADMIN_PASSWORD },
      until: page.getByRole('button', { name: 'Add a permission' }),
    });
    await page.getByRole('button', { name: 'Add a permission' }).click();
    // Microsoft Graph is there from the start…
    await page.getByRole('button', { name: /^Microsoft Graph/ }).waitFor();
    await page.getByRole('tab', { name: 'APIs my organization uses' }).click();
    await page.getByRole('textbox', { name: 'Search APIs my organization uses' }).fill('Azure Healthcare APIs');
    // …but Healthcare APIs only once a FHIR service is deployed in the tenant.
    await page.getByText('No APIs found').waitFor();
    expect(await page.getByRole('button', { name: 'Azure Healthcare APIs' }).count()).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir('portal-seed'), '90-no-healthcare-apis.png'), animations: 'disabled' });
  });
});
