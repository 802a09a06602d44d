/**
 * The directory blades in a real browser: create a user and reset the password, create a group with that user
 * as a member, define an API scope, an authorized client and an app role, list owners, edit the manifest, and look
 * at the app as an enterprise application. Each change is checked through Graph (and the reset password through
 * the token endpoint). Screenshots of each step go to test-results/portal-directory/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBrowser } from '../support/browser.js';
import { httpsRequest } from '../support/https.js';
import { ensurePortalBuilt, signedInPortal, stepShots } from '../support/portal.js';
import { FLOW_TIMEOUT, seedServer, type Seed } from './harness.js';

const TENANT_NAME = 'Default Directory';

describe('portal: users, groups, Expose an API, App roles, Owners and Manifest', () => {
  let seed: Seed;
  let browser: TestBrowser;
  let page: Page;
  const shot = stepShots('portal-directory', () => page);
  const appMenu = (name: string) => page.getByRole('navigation', { name: 'App registration' }).getByRole('link', { name, exact: true });
  const entraMenu = (name: string) => page.getByRole('navigation', { name: 'Microsoft Entra ID' }).getByRole('link', { name, exact: true });

  /** The AADSTS code the token endpoint answers for a username and password (ROPC with the CLI client), or 'ok'. */
  async function passwordOutcome(username: string, password: string): Promise<string> {
    const res = await httpsRequest(`${seed.server.publicUrl}/${seed.tenantId}/oauth2/v2.0/token`, {
      method: 'POST', ca: seed.server.caPem, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password', client_id: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', username, password, scope: 'https://graph.microsoft.com/.default',
      }).toString(),
    });
    return res.status === 200 ? 'ok' : /AADSTS\d+/.exec(res.text)?.[0] ?? `HTTP ${res.status}`;
  }

  beforeAll(async () => {
    ensurePortalBuilt();
    seed = await seedServer();
    ({ browser, page } = await signedInPortal(seed.server));
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: seed.server.publicUrl });
  });
  afterAll(async () => {
    await browser?.close();
    await seed?.server.close();
  });

  it('creates a user, resets the password, and creates a group with that user as a member', async () => {
    // Microsoft Entra ID → Users → New user.
    await page.getByRole('navigation', { name: 'Portal menu' }).getByRole('link', { name: 'Microsoft Entra ID' }).click();
    await entraMenu('Users').click();
    await page.getByRole('heading', { name: `${TENANT_NAME} | Users` }).waitFor();
    await page.getByRole('table', { name: 'Users' }).getByRole('link', { name: seed.user.displayName }).waitFor();
    await shot('users');
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByRole('heading', { name: 'Create new user' }).waitFor();
    await page.getByRole('textbox', { name: 'User principal name' }).fill('chris.green');
    await page.getByRole('textbox', { name: 'Display name' }).fill('Chris Green');
    expect(await page.getByRole('checkbox', { name: 'Auto-generate password' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Account enabled' }).isChecked()).toBe(true);
    const firstPassword = (await page.getByTestId('new-user-password').innerText()).trim();
    expect(firstPassword.length).toBeGreaterThanOrEqual(12);
    await shot('create-new-user');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: 'Chris Green | Overview' }).waitFor();
    const upn = `chris.green@${seed.domain}`;
    const userId = (await page.getByTestId('user-object-id').innerText()).trim();
    expect(await seed.graph.ok('GET', `/users/${userId}?$select=userPrincipalName,displayName,accountEnabled`)).toMatchObject({ userPrincipalName: upn, displayName: 'Chris Green', accountEnabled: true });
    // The shown password is the user's: it is right, and must be changed at the first sign-in.
    expect(await passwordOutcome(upn, firstPassword)).toBe('AADSTS50055');
    await shot('user-overview');

    // Reset password: a new temporary password, shown once; the old one stops working.
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset password' }).click();
    const temporary = (await page.getByTestId('temporary-password').innerText()).trim();
    await page.getByText('it will not be shown again').waitFor();
    await page.getByRole('button', { name: 'Copy temporary password' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(temporary);
    await shot('reset-password');
    expect(temporary).not.toBe(firstPassword);
    expect(await passwordOutcome(upn, temporary)).toBe('AADSTS50055');
    expect(await passwordOutcome(upn, firstPassword)).toBe('AADSTS50126');
    await page.getByRole('button', { name: 'Done' }).click();

    // Groups → New group: Security, name, description, and Chris as a member.
    await page.getByRole('navigation', { name: 'Portal menu' }).getByRole('link', { name: 'Microsoft Entra ID' }).click();
    await entraMenu('Groups').click();
    await page.getByText('This directory has no groups yet').waitFor();
    await page.getByRole('button', { name: 'New group' }).click();
    await page.getByRole('textbox', { name: 'Group name' }).fill('Portal readers');
    await page.getByRole('textbox', { name: 'Group description' }).fill('People who read records');
    await page.getByRole('textbox', { name: 'Search members' }).fill('chris');
    await page.getByRole('checkbox', { name: 'Chris Green' }).check();
    await shot('new-group');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: 'Portal readers | Members' }).waitFor();
    const members = page.getByRole('table', { name: 'Members' });
    await members.getByRole('link', { name: 'Chris Green' }).waitFor();
    const groupId = (await page.getByTestId('group-object-id').innerText()).trim();
    expect(await seed.graph.ok('GET', `/groups/${groupId}`)).toMatchObject({ displayName: 'Portal readers', description: 'People who read records', securityEnabled: true });
    expect((await seed.graph.ok('GET', `/groups/${groupId}/members`)).value.map((m: { id: string }) => m.id)).toEqual([userId]);

    // Add members → the seed's user; then remove Chris.
    await page.getByRole('button', { name: 'Add members' }).click();
    await page.getByRole('dialog').getByRole('checkbox', { name: seed.user.displayName }).check();
    await page.getByRole('button', { name: 'Select', exact: true }).click();
    await members.getByRole('link', { name: seed.user.displayName }).waitFor();
    await shot('group-members');
    await page.getByRole('button', { name: 'Remove Chris Green' }).click();
    await members.getByRole('link', { name: 'Chris Green' }).waitFor({ state: 'detached' });
    expect((await seed.graph.ok('GET', `/groups/${groupId}/members`)).value.map((m: { id: string }) => m.id)).toEqual([seed.user.id]);

    // The user blade lists the group; Delete removes the user after a confirmation.
    await page.goto(`${seed.server.publicUrl}/portal/users/${seed.user.id}`);
    await page.getByRole('list', { name: 'Group memberships' }).getByRole('link', { name: 'Portal readers' }).waitFor();
    await page.goto(`${seed.server.publicUrl}/portal/users/${userId}`);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('heading', { name: `${TENANT_NAME} | Users` }).waitFor();
    expect((await seed.graph.call('GET', `/users/${userId}`)).status).toBe(404);
  }, FLOW_TIMEOUT);

  it('exposes an API scope with an authorized client, creates an app role, and edits the manifest', async () => {
    const app = await seed.graph.ok('POST', '/applications', { displayName: 'Directory API app' });
    const client = await seed.graph.ok('POST', '/applications', { displayName: 'Directory client app' });

    // Expose an API → Add a scope (the Application ID URI is set on the way, api://{appId} by default).
    await page.goto(`${seed.server.publicUrl}/portal/apps/${app.id}/expose-an-api`);
    await page.getByRole('heading', { name: 'Directory API app | Expose an API' }).waitFor();
    await page.getByText('No scopes have been defined').waitFor();
    await page.getByRole('button', { name: 'Add a scope' }).click();
    const panel = page.getByRole('dialog');
    expect(await panel.getByRole('textbox', { name: 'Application ID URI' }).inputValue()).toBe(`api://${app.appId}`);
    await panel.getByRole('textbox', { name: 'Scope name' }).fill('Files.Read');
    await panel.getByRole('radio', { name: 'Admins and users' }).check();
    await panel.getByRole('textbox', { name: 'Admin consent display name' }).fill('Read files');
    await panel.getByRole('textbox', { name: 'Admin consent description' }).fill('Allows the app to read files as the signed-in user.');
    await panel.getByRole('textbox', { name: 'User consent display name' }).fill('Read your files');
    await shot('add-a-scope');
    await panel.getByRole('button', { name: 'Add scope' }).click();
    const scopeRow = page.getByTestId('scope-Files.Read');
    await scopeRow.waitFor();
    expect(await scopeRow.innerText()).toMatch(new RegExp(`api://${app.appId}/Files\\.Read\\s+Admins and users\\s+Read files\\s+Read your files\\s+Enabled`));
    expect((await page.getByTestId('application-id-uri').innerText()).trim()).toBe(`api://${app.appId}`);
    const withScope = await seed.graph.ok('GET', `/applications/${app.id}`);
    expect(withScope.identifierUris).toEqual([`api://${app.appId}`]);
    const [scope] = withScope.api.oauth2PermissionScopes;
    expect(scope).toMatchObject({ value: 'Files.Read', type: 'User', adminConsentDisplayName: 'Read files', userConsentDisplayName: 'Read your files', isEnabled: true });

    // Add a client application, authorized for the scope.
    await page.getByRole('button', { name: 'Add a client application' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Client ID' }).fill(client.appId);
    await page.getByRole('dialog').getByRole('checkbox', { name: `api://${app.appId}/Files.Read` }).check();
    await page.getByRole('button', { name: 'Add application' }).click();
    await page.getByRole('table', { name: 'Authorized client applications' }).getByText(client.appId).waitFor();
    expect((await seed.graph.ok('GET', `/applications/${app.id}`)).api.preAuthorizedApplications)
      .toEqual([{ appId: client.appId, delegatedPermissionIds: [scope.id] }]);
    await shot('expose-an-api');

    // App roles → Create app role for both users/groups and applications.
    await appMenu('App roles').click();
    await page.getByText('No app roles have been defined').waitFor();
    await page.getByRole('button', { name: 'Create app role' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Display name' }).fill('Survey Writer');
    await page.getByRole('radio', { name: 'Both (Users/Groups + Applications)' }).check();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Value' }).fill('Survey.Write');
    await page.getByRole('dialog').getByRole('textbox', { name: 'Description' }).fill('Writers can create surveys.');
    expect(await page.getByRole('checkbox', { name: 'Do you want to enable this app role?' }).isChecked()).toBe(true);
    await shot('create-app-role');
    await page.getByRole('button', { name: 'Apply' }).click();
    const roleRow = page.getByTestId('app-role-Survey.Write');
    await roleRow.waitFor();
    expect(await roleRow.innerText()).toMatch(/Survey Writer\s+Writers can create surveys\.\s+Users\/Groups, Applications\s+Survey\.Write/);
    const [role] = (await seed.graph.ok('GET', `/applications/${app.id}`)).appRoles;
    expect(role).toMatchObject({ displayName: 'Survey Writer', value: 'Survey.Write', allowedMemberTypes: ['User', 'Application'], isEnabled: true });
    await shot('app-roles');

    // Owners: the admin who registered the app through Graph owns it.
    await appMenu('Owners').click();
    const owners = page.getByRole('table', { name: 'Owners' });
    await owners.getByText(seed.server.first.adminUserPrincipalName).waitFor();
    await page.getByRole('button', { name: 'Add owners' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Search by name' }).fill('e2e');
    await page.getByRole('dialog').getByRole('checkbox', { name: seed.user.displayName }).check();
    await page.getByRole('button', { name: 'Select', exact: true }).click();
    await owners.getByText(seed.user.username).waitFor();
    await shot('owners');
    const ownerIds = async () => (await seed.graph.ok('GET', `/applications/${app.id}/owners`)).value.map((o: { id: string }) => o.id).sort();
    expect(await ownerIds()).toEqual([(await seed.graph.ok('GET', '/me')).id, seed.user.id].sort());
    await page.getByRole('button', { name: `Remove owner ${seed.user.displayName}` }).click();
    await owners.getByText(seed.user.username).waitFor({ state: 'detached' });
    expect(await ownerIds()).toEqual([(await seed.graph.ok('GET', '/me')).id]);

    // Manifest: edit the JSON, Save sends the changed properties; a bad value shows Graph's error and code.
    await appMenu('Manifest').click();
    const editor = page.getByRole('textbox', { name: 'Manifest editor' });
    const manifest = JSON.parse(await editor.inputValue());
    expect(manifest).toMatchObject({ id: app.id, appId: app.appId, displayName: 'Directory API app', appRoles: [expect.objectContaining({ value: 'Survey.Write' })] });
    await editor.fill(JSON.stringify({ ...manifest, displayName: 'Directory API app (edited)', notes: 'Edited in the manifest' }, null, 2));
    await shot('manifest-edited');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Manifest saved: displayName, notes updated.').waitFor();
    await page.getByRole('heading', { name: 'Directory API app (edited) | Manifest' }).waitFor();
    expect(await seed.graph.ok('GET', `/applications/${app.id}`)).toMatchObject({
      displayName: 'Directory API app (edited)', notes: 'Edited in the manifest', appRoles: [expect.objectContaining({ value: 'Survey.Write' })],
    });
    await shot('manifest-saved');
    const saved = JSON.parse(await editor.inputValue());
    await editor.fill(JSON.stringify({ ...saved, signInAudience: 'Everyone' }, null, 2));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const alert = page.getByTestId('error-bar');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/The manifest could not be saved\.[\s\S]*signInAudience[\s\S]*Error code: Request_BadRequest/);
    await shot('manifest-error');
    expect((await seed.graph.ok('GET', `/applications/${app.id}`)).signInAudience).toBe('AzureADMyOrg');
  }, FLOW_TIMEOUT);

  it('lists enterprise applications and opens one with its users, groups and permissions', async () => {
    const app = await seed.graph.ok('POST', '/applications', {
      displayName: 'Enterprise view app',
      appRoles: [{ id: crypto.randomUUID(), displayName: 'Viewer', value: 'View', description: 'Viewers', allowedMemberTypes: ['User'], isEnabled: true }],
    });
    const sp = await seed.graph.ok('POST', '/servicePrincipals', { appId: app.appId });
    await seed.graph.ok('POST', `/servicePrincipals/${sp.id}/appRoleAssignedTo`, { principalId: seed.user.id, resourceId: sp.id, appRoleId: app.appRoles[0].id });
    await seed.graph.ok('POST', '/oauth2PermissionGrants', { clientId: sp.id, consentType: 'AllPrincipals', resourceId: seed.healthcare.spId, scope: 'user_impersonation' });

    await page.goto(`${seed.server.publicUrl}/portal/entra/enterprise-apps`);
    await page.getByRole('heading', { name: `${TENANT_NAME} | Enterprise applications` }).waitFor();
    await page.getByRole('textbox', { name: 'Search enterprise applications' }).fill(app.appId);
    await page.getByRole('table', { name: 'Enterprise applications' }).getByRole('link', { name: 'Enterprise view app' }).click();
    await page.getByRole('heading', { name: 'Enterprise view app | Overview' }).waitFor();
    expect((await page.getByTestId('sp-application-id').innerText()).trim()).toBe(app.appId);
    expect((await page.getByTestId('sp-object-id').innerText()).trim()).toBe(sp.id);
    await shot('enterprise-app-overview');
    await page.getByRole('navigation', { name: 'Enterprise application' }).getByRole('link', { name: 'Users and groups' }).click();
    const assigned = page.getByRole('table', { name: 'Users and groups' });
    expect(await assigned.getByRole('row', { name: new RegExp(seed.user.displayName) }).innerText()).toMatch(/User\s+Viewer/);

    // Add user/group: a group gets the Viewer role; Remove takes the user's assignment away.
    const group = await seed.graph.ok('POST', '/groups', { displayName: 'Viewers group', mailNickname: 'viewers', mailEnabled: false, securityEnabled: true });
    await page.getByRole('button', { name: 'Add user/group' }).click();
    expect(await page.getByRole('combobox', { name: 'Select a role' }).locator('option:checked').innerText()).toBe('Viewer');
    await page.getByRole('textbox', { name: 'Search users and groups' }).fill('Viewers');
    await page.getByRole('checkbox', { name: 'Viewers group' }).check();
    await shot('enterprise-app-add-assignment');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    expect(await assigned.getByRole('row', { name: /Viewers group/ }).innerText()).toMatch(/Group\s+Viewer/);
    await shot('enterprise-app-users-and-groups');
    await assigned.getByRole('button', { name: `Remove ${seed.user.displayName}` }).click();
    await assigned.getByRole('row', { name: new RegExp(seed.user.displayName) }).waitFor({ state: 'detached' });
    const held = (await seed.graph.ok('GET', `/servicePrincipals/${sp.id}/appRoleAssignedTo`)).value;
    expect(held.map((a: { principalId: string; appRoleId: string }) => [a.principalId, a.appRoleId])).toEqual([[group.id, app.appRoles[0].id]]);
    await page.getByRole('navigation', { name: 'Enterprise application' }).getByRole('link', { name: 'Permissions' }).click();
    const grant = page.getByRole('table', { name: 'Granted permissions' }).getByRole('row', { name: /user_impersonation/ });
    expect(await grant.innerText()).toMatch(/Azure Healthcare APIs\s+user_impersonation[\s\S]*Delegated\s+Admin consent/);
    await shot('enterprise-app-permissions');
  });

  it('works at a narrow width', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    try {
      await page.goto(`${seed.server.publicUrl}/portal/entra/users`);
      await page.getByRole('table', { name: 'Users' }).waitFor();
      await shot('narrow-users');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});
