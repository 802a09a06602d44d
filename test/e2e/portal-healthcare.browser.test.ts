/**
 * Healthcare APIs in the portal with a real browser: create a workspace and a FHIR service, give an app's service
 * principal "FHIR Data Reader" in Access control (IAM), and check outside the browser, with the app's own
 * client-credentials token, that it may read the new service and may not write to it. Then remove the assignment
 * and delete the service and the workspace. Screenshots of each step go to test-results/portal-healthcare/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBrowser } from '../support/browser.js';
import { httpsRequest, passwordToken } from '../support/https.js';
import { ensurePortalBuilt, signedInPortal, stepShots } from '../support/portal.js';
import { ADMIN_PASSWORD } from '../support/server.js';
import { FLOW_TIMEOUT, seedServer, type Seed } from './harness.js';

describe('portal: Healthcare APIs and Access control (IAM)', () => {
  let seed: Seed;
  let browser: TestBrowser;
  let page: Page;
  const shot = stepShots('portal-healthcare', () => page);

  beforeAll(async () => {
    ensurePortalBuilt();
    seed = await seedServer();
    ({ browser, page } = await signedInPortal(seed.server));
  });
  afterAll(async () => {
    await browser?.close();
    await seed?.server.close();
  });

  /** A client-credentials token of the app for the FHIR service, and what GET and POST /Patient answer with it. */
  async function fhirAccess(clientId: string, secret: string, serviceUrl: string): Promise<{ read: number; write: number }> {
    const tokenResponse = await httpsRequest(`${seed.server.publicUrl}/${seed.tenantId}/oauth2/v2.0/token`, {
      method: 'POST', ca: seed.server.caPem, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: `${serviceUrl}/.default` }).toString(),
    });
    expect(tokenResponse.status, tokenResponse.text).toBe(200);
    const headers = { authorization: `Bearer ${tokenResponse.json.access_token}`, accept: 'application/fhir+json' };
    const read = await httpsRequest(`${serviceUrl}/Patient`, { ca: seed.server.caPem, headers });
    const write = await httpsRequest(`${serviceUrl}/Patient`, {
      method: 'POST', ca: seed.server.caPem, headers: { ...headers, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Portal' }] }),
    });
    return { read: read.status, write: write.status };
  }

  it('creates a workspace and a FHIR service, assigns FHIR Data Reader to an app, and the app can read but not write', async () => {
    // The app whose service principal gets the role, with a secret for client credentials.
    const app = await seed.graph.ok('POST', '/applications', { displayName: 'IAM reader app' });
    const sp = await seed.graph.ok('POST', '/servicePrincipals', { appId: app.appId });
    const { secretText } = await seed.graph.ok('POST', `/applications/${app.id}/addPassword`, { passwordCredential: { displayName: 'iam' } });

    // Home → Healthcare APIs: the workspaces.
    await page.getByRole('navigation', { name: 'Portal menu' }).getByRole('link', { name: 'Healthcare APIs' }).click();
    await page.getByRole('heading', { name: 'Healthcare APIs | Workspaces' }).waitFor();
    await page.getByRole('table', { name: 'Workspaces' }).waitFor();
    await shot('workspaces');

    // Create a workspace: a bad name is refused in place, a good one opens the new workspace.
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: 'Create Health Data Services workspace' }).waitFor();
    await page.getByRole('textbox', { name: 'Workspace name' }).fill('Bad_Name');
    await page.getByText('Use 3–24 lowercase letters').waitFor();
    expect(await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('textbox', { name: 'Workspace name' }).fill('portalws');
    await shot('create-workspace');
    await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: 'portalws | FHIR service' }).waitFor();
    await page.getByText('This workspace has no FHIR services').waitFor();
    await shot('workspace-empty');

    // Add FHIR service → its Overview with the service URL, metadata endpoint, authority and audience.
    await page.getByRole('button', { name: 'Add FHIR service' }).click();
    await page.getByRole('textbox', { name: 'FHIR service name' }).fill('records');
    await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: 'records | Overview' }).waitFor();
    const serviceUrl = (await page.getByTestId('fhir-service-url').innerText()).trim();
    expect(serviceUrl).toBe(`${seed.server.publicUrl}/fhir/portalws-records`);
    expect((await page.getByTestId('fhir-metadata-endpoint').innerText()).trim()).toBe(`${serviceUrl}/metadata`);
    expect((await page.getByTestId('fhir-authority').innerText()).trim()).toBe(`${seed.server.publicUrl}/${seed.tenantId}`);
    expect((await page.getByTestId('fhir-audience').innerText()).trim()).toBe(serviceUrl);
    const metadata = await httpsRequest(`${serviceUrl}/metadata`, { ca: seed.server.caPem });
    expect(metadata.json).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
    await shot('fhir-service-overview');

    // Without a role the app gets a token but no data.
    expect((await fhirAccess(app.appId, secretText, serviceUrl)).read).toBe(403);

    // Access control (IAM) → Add role assignment: Role, Members, Review + assign.
    await page.getByRole('navigation', { name: 'FHIR service' }).getByRole('link', { name: 'Access control (IAM)' }).click();
    await page.getByText('No role assignments on this FHIR service').waitFor();
    await page.getByRole('button', { name: 'Add role assignment' }).click();
    await page.getByRole('radio', { name: 'FHIR Data Writer' }).waitFor();
    await page.getByRole('radio', { name: 'FHIR Data Reader' }).check();
    await shot('add-role-assignment-role');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('textbox', { name: 'Select members' }).fill('IAM reader');
    await page.getByRole('checkbox', { name: 'IAM reader app' }).check();
    await shot('add-role-assignment-members');
    await page.getByRole('dialog').getByRole('button', { name: 'Review + assign' }).click();
    const review = page.getByRole('definition').filter({ hasText: 'FHIR Data Reader' });
    await review.waitFor();
    await shot('add-role-assignment-review');
    await page.getByRole('dialog').getByRole('button', { name: 'Review + assign' }).click();
    const row = page.getByRole('table', { name: 'Role assignments' }).getByRole('row', { name: /IAM reader app/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/FHIR Data Reader\s+IAM reader app\s+App/);
    await shot('role-assigned');

    // Outside the browser: the assignment is real, and the app may read but not write.
    const assignments = await managementList(`/subscriptions/${seed.tenantId}/resourceGroups/entrada/providers/Microsoft.HealthcareApis/workspaces/portalws/fhirservices/records/providers/Microsoft.Authorization/roleAssignments`);
    expect(assignments).toEqual([expect.objectContaining({
      properties: expect.objectContaining({ principalId: sp.id, principalType: 'ServicePrincipal', roleDefinitionId: expect.stringMatching(/4c8d0bbc-75d3-4935-991f-5f3c56d81508$/) }),
    })]);
    expect(await fhirAccess(app.appId, secretText, serviceUrl)).toEqual({ read: 200, write: 403 });

    // Remove the assignment: the app loses access again.
    await row.getByRole('button', { name: /^Remove FHIR Data Reader/ }).click();
    await page.getByText('No role assignments on this FHIR service').waitFor();
    expect((await fhirAccess(app.appId, secretText, serviceUrl)).read).toBe(403);

    // Delete the FHIR service, then the workspace, each after a confirmation.
    await page.getByRole('navigation', { name: 'FHIR service' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('heading', { name: 'Delete FHIR service' }).waitFor();
    await shot('delete-fhir-service');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('This workspace has no FHIR services').waitFor();
    await page.getByRole('button', { name: 'Delete workspace' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('heading', { name: 'Healthcare APIs | Workspaces' }).waitFor();
    await page.getByRole('table', { name: 'Workspaces' }).waitFor();
    expect(await page.getByRole('link', { name: 'portalws' }).count()).toBe(0);
    await shot('workspace-deleted');
  }, FLOW_TIMEOUT * 2);

  it('says in plain words, with the ARM code, why a workspace cannot be deleted', async () => {
    const [workspace] = (await managementList(`/subscriptions/${seed.tenantId}/resourceGroups/entrada/providers/Microsoft.HealthcareApis/workspaces`)) as { name: string }[];
    await page.goto(`${seed.server.publicUrl}/portal/healthcare/${workspace!.name}`);
    await page.getByRole('table', { name: 'FHIR services' }).waitFor();
    await page.getByRole('button', { name: 'Delete workspace' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    const alert = page.getByRole('dialog').getByTestId('error-bar');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/The workspace could not be deleted\.[\s\S]*Error code: Conflict/);
    await shot('error-workspace-not-empty');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  });

  it('creates a workspace and a FHIR service and opens its IAM with the keyboard alone', async () => {
    await page.goto(`${seed.server.publicUrl}/portal/healthcare`);
    await page.getByRole('table', { name: 'Workspaces' }).waitFor();
    const focused = () => page.evaluate<string>('(document.activeElement?.getAttribute("aria-label") || document.activeElement?.textContent || "").trim()');
    const tabTo = async (name: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (await focused() === name) return;
      }
      throw new Error(`Tab never reached ${name}`);
    };
    /** A command: Tab into the blade's command bar, then the arrow keys, as a toolbar is walked. */
    const commandTo = async (name: string) => {
      const inToolbar = () => page.evaluate<boolean>('!!document.activeElement?.closest("[role=toolbar]")');
      for (let i = 0; i < 40 && !(await inToolbar()); i++) await page.keyboard.press('Tab');
      await page.keyboard.press('Home');
      for (let i = 0; i < 10; i++) {
        if (await focused() === name) return;
        await page.keyboard.press('ArrowRight');
      }
      throw new Error(`The command bar has no ${name}`);
    };
    const typeInto = async (label: string, text: string) => {
      const box = page.getByRole('textbox', { name: label });
      for (let i = 0; i < 20 && !(await box.evaluate((e) => e === e.ownerDocument.activeElement)); i++) await page.keyboard.press('Tab');
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    };
    await commandTo('Create');
    await page.keyboard.press('Enter');
    await typeInto('Workspace name', 'keyboardws');
    await page.getByRole('heading', { name: 'keyboardws | FHIR service' }).waitFor();
    await commandTo('Add FHIR service');
    await page.keyboard.press('Enter');
    await typeInto('FHIR service name', 'keys');
    await page.getByRole('heading', { name: 'keys | Overview' }).waitFor();
    await tabTo('Access control (IAM)');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'keys | Access control (IAM)' }).waitFor();
    await commandTo('Add role assignment');
    await page.keyboard.press('Enter');
    await page.getByRole('radio', { name: 'FHIR Data Reader' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('radio', { name: 'FHIR Data Reader' }).waitFor({ state: 'detached' });
  });

  it('works at a narrow width', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    try {
      await page.goto(`${seed.server.publicUrl}/portal/healthcare/local/fhir/iam`);
      await page.getByRole('button', { name: 'Add role assignment' }).waitFor();
      await page.getByRole('heading', { name: 'fhir | Access control (IAM)' }).waitFor();
      await shot('narrow-access-control');
      await page.goto(`${seed.server.publicUrl}/portal/healthcare/local/fhir/overview`);
      await page.getByTestId('fhir-service-url').waitFor();
      await shot('narrow-fhir-service-overview');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  async function managementList(armPath: string): Promise<unknown[]> {
    const token = await passwordToken(seed.server.publicUrl, seed.tenantId, seed.server.first.adminUserPrincipalName, ADMIN_PASSWORD,
      'https://management.azure.com/.default', seed.server.caPem);
    const res = await httpsRequest(`${seed.server.publicUrl}/management${armPath}?api-version=2024-03-31`, {
      ca: seed.server.caPem, headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status, res.text).toBe(200);
    return res.json.value;
  }
});
