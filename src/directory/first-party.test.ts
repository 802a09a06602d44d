import { describe, expect, it } from 'vitest';
import {
  CLI_APP_ID,
  FIRST_PARTY_APPS,
  GRAPH_APP_ID,
  HEALTHCARE_APP_ID,
  MANAGEMENT_APP_ID,
  MICROSOFT_TENANT_ID,
  PORTAL_APP_ID,
  firstPartyApp,
  isFirstPartyAppId,
} from './first-party.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mustGet(appId: string) {
  const app = firstPartyApp(appId);
  if (!app) throw new Error(`no first-party app ${appId}`);
  return app;
}

describe('first-party catalog', () => {
  it('has the five apps, with distinct lowercase GUID appIds', () => {
    const ids = FIRST_PARTY_APPS.map((a) => a.appId);
    expect(ids).toEqual([GRAPH_APP_ID, HEALTHCARE_APP_ID, MANAGEMENT_APP_ID, CLI_APP_ID, PORTAL_APP_ID]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [...ids, MICROSOFT_TENANT_ID]) expect(id).toMatch(GUID);
  });

  it.each(FIRST_PARTY_APPS.map((a) => [a.displayName, a] as const))('%s: scope and role ids are GUIDs, unique; values unique', (_name, app) => {
    const ids = [...app.oauth2PermissionScopes.map((s) => s.id), ...app.appRoles.map((r) => r.id)];
    for (const id of ids) expect(id).toMatch(GUID);
    expect(new Set(ids).size).toBe(ids.length);

    const scopeValues = app.oauth2PermissionScopes.map((s) => s.value.toLowerCase());
    expect(new Set(scopeValues).size).toBe(scopeValues.length);
    const roleValues = app.appRoles.map((r) => r.value.toLowerCase());
    expect(new Set(roleValues).size).toBe(roleValues.length);

    for (const s of app.oauth2PermissionScopes) {
      expect(s.isEnabled).toBe(true);
      expect(s.value).not.toMatch(/\s/);
      expect(s.adminConsentDisplayName).not.toBe('');
      expect(s.adminConsentDescription).not.toBe('');
      if (s.type === 'User') {
        expect(s.userConsentDisplayName).toBeTruthy();
        expect(s.userConsentDescription).toBeTruthy();
      }
    }
    for (const r of app.appRoles) {
      expect(r.isEnabled).toBe(true);
      expect(r.origin).toBe('Application');
      expect(r.allowedMemberTypes.length).toBeGreaterThan(0);
      expect(r.value).not.toMatch(/\s/);
    }
  });

  it('pre-authorizations point at first-party APIs and at scopes they expose', () => {
    for (const app of FIRST_PARTY_APPS) {
      for (const pre of app.preAuthorizedFor) {
        const api = mustGet(pre.resourceAppId);
        expect(api.oauth2PermissionScopes.length).toBeGreaterThan(0);
        if (pre.scopes !== 'all') {
          const values = new Set(api.oauth2PermissionScopes.map((s) => s.value));
          for (const v of pre.scopes) expect(values.has(v)).toBe(true);
        }
      }
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(FIRST_PARTY_APPS)).toBe(true);
    const graph = mustGet(GRAPH_APP_ID);
    expect(Object.isFrozen(graph)).toBe(true);
    expect(Object.isFrozen(graph.oauth2PermissionScopes)).toBe(true);
    expect(Object.isFrozen(graph.oauth2PermissionScopes[0])).toBe(true);
  });
});

describe('lookups', () => {
  it('are case-insensitive', () => {
    const upper = HEALTHCARE_APP_ID.toUpperCase();
    expect(firstPartyApp(upper)?.appId).toBe(HEALTHCARE_APP_ID);
    expect(firstPartyApp('04B07795-8DDB-461A-BBEE-02F9E1BF7B46')?.displayName).toBe('Entrada CLI');
    expect(isFirstPartyAppId(upper)).toBe(true);
    expect(isFirstPartyAppId(PORTAL_APP_ID.toUpperCase())).toBe(true);
  });

  it('return nothing for other ids', () => {
    expect(firstPartyApp('11111111-1111-1111-1111-111111111111')).toBeUndefined();
    expect(firstPartyApp('')).toBeUndefined();
    expect(isFirstPartyAppId('https://graph.microsoft.com')).toBe(false);
    expect(isFirstPartyAppId(` ${GRAPH_APP_ID}`)).toBe(false);
  });
});

describe('Microsoft Graph', () => {
  const graph = mustGet(GRAPH_APP_ID);
  const scope = (value: string) => graph.oauth2PermissionScopes.find((s) => s.value === value);
  const role = (value: string) => graph.appRoles.find((r) => r.value === value);

  it('is a v1 resource at https://graph.microsoft.com, present in every tenant', () => {
    expect(graph.displayName).toBe('Microsoft Graph');
    expect(graph.identifierUris).toEqual(['https://graph.microsoft.com']);
    expect(graph.requestedAccessTokenVersion).toBe(1);
    expect(graph.inEveryTenant).toBe(true);
    expect(graph.isFallbackPublicClient).toBe(false);
    expect(graph.publicClientRedirectUris).toEqual([]);
    expect(graph.spaRedirectUris('https://localhost:8443')).toEqual([]);
  });

  it('has Application.ReadWrite.All as an application permission with its real id', () => {
    expect(role('Application.ReadWrite.All')).toMatchObject({
      id: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
      allowedMemberTypes: ['Application'],
    });
    expect(role('Directory.Read.All')?.id).toBe('7ab1d382-f21e-4acd-a863-ba3e13f7da61');
  });

  it('has the required app roles, all application-only', () => {
    for (const value of [
      'Application.ReadWrite.All',
      'Application.ReadWrite.OwnedBy',
      'Application.Read.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
      'User.Read.All',
      'User.ReadWrite.All',
      'Group.Read.All',
      'Group.ReadWrite.All',
      'AppRoleAssignment.ReadWrite.All',
      'DelegatedPermissionGrant.ReadWrite.All',
      'Organization.Read.All',
    ]) {
      expect(role(value), value).toBeDefined();
      expect(role(value)?.allowedMemberTypes).toEqual(['Application']);
    }
  });

  it('has the required delegated scopes, with the OIDC scopes at their real ids', () => {
    for (const value of [
      'User.Read',
      'User.ReadBasic.All',
      'User.Read.All',
      'User.ReadWrite.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
      'Directory.AccessAsUser.All',
      'Application.Read.All',
      'Application.ReadWrite.All',
      'Group.Read.All',
      'Group.ReadWrite.All',
      'DelegatedPermissionGrant.ReadWrite.All',
      'AppRoleAssignment.ReadWrite.All',
    ]) {
      expect(scope(value), value).toBeDefined();
    }
    expect(scope('User.Read')).toMatchObject({ id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'User' });
    expect(scope('openid')).toMatchObject({ id: '37f7f235-527c-4136-accd-4a02d197296e', type: 'User' });
    expect(scope('profile')).toMatchObject({ id: '14dad69e-099b-42c9-810b-d002981feec1', type: 'User' });
    expect(scope('email')).toMatchObject({ id: '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0', type: 'User' });
    expect(scope('offline_access')).toMatchObject({ id: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182', type: 'User' });
  });

  it('marks admin-only scopes as Admin and keeps user-consentable ones as User', () => {
    expect(scope('User.ReadBasic.All')?.type).toBe('User');
    for (const value of ['User.Read.All', 'Directory.Read.All', 'Directory.AccessAsUser.All', 'Application.ReadWrite.All', 'Group.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All']) {
      expect(scope(value)?.type, value).toBe('Admin');
      expect(scope(value)?.userConsentDisplayName, value).toBeNull();
    }
  });

  it('uses different ids for a delegated scope and the app role of the same name', () => {
    expect(scope('Application.ReadWrite.All')?.id).toBe('bdfbf15f-ee85-4955-8675-146e8e5296b5');
    expect(scope('Application.ReadWrite.All')?.id).not.toBe(role('Application.ReadWrite.All')?.id);
  });
});

describe('Azure Healthcare APIs', () => {
  const hc = mustGet(HEALTHCARE_APP_ID);

  it('exposes user_impersonation, no app roles, no static identifier URIs, and only appears with a FHIR deployment', () => {
    expect(hc.displayName).toBe('Azure Healthcare APIs');
    expect(hc.identifierUris).toEqual([]);
    expect(hc.requestedAccessTokenVersion).toBe(1);
    expect(hc.appRoles).toEqual([]);
    expect(hc.oauth2PermissionScopes[0]).toMatchObject({ value: 'user_impersonation', type: 'User', isEnabled: true });
    expect(hc.oauth2PermissionScopes[0]!.id).toMatch(GUID);
    expect(hc.inEveryTenant).toBe(false);
  });

  it('exposes the SMART scopes with distinct stable ids, Entra-spelled (no slash)', () => {
    const values = hc.oauth2PermissionScopes.map((s) => s.value);
    expect(values).toEqual(expect.arrayContaining(['fhirUser', 'launch', 'launch.patient', 'patient.all.read', 'patient.Observation.read', 'user.all.write']));
    expect(values.every((v) => !v.includes('/'))).toBe(true);
    const ids = hc.oauth2PermissionScopes.map((s) => s.id);
    for (const id of ids) expect(id).toMatch(GUID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(values).size).toBe(values.length);
    expect(hc.oauth2PermissionScopes.find((s) => s.value === 'user.all.read')?.type).toBe('Admin');
    expect(hc.oauth2PermissionScopes.find((s) => s.value === 'patient.all.read')?.type).toBe('User');
  });
});

describe('client apps', () => {
  it('the CLI is a public client with a localhost redirect, pre-authorized for Graph, Healthcare and ARM', () => {
    const cli = mustGet(CLI_APP_ID);
    expect(cli.displayName).toBe('Entrada CLI');
    expect(cli.isFallbackPublicClient).toBe(true);
    expect(cli.publicClientRedirectUris).toEqual(['http://localhost']);
    expect(cli.spaRedirectUris('https://localhost:8443')).toEqual([]);
    expect(cli.oauth2PermissionScopes).toEqual([]);
    expect(cli.appRoles).toEqual([]);
    expect(cli.identifierUris).toEqual([]);
    expect(cli.inEveryTenant).toBe(true);
    expect(cli.preAuthorizedFor).toEqual([
      { resourceAppId: GRAPH_APP_ID, scopes: 'all' },
      { resourceAppId: HEALTHCARE_APP_ID, scopes: ['user_impersonation'] },
      { resourceAppId: MANAGEMENT_APP_ID, scopes: 'all' },
    ]);
  });

  it('the portal is a SPA at {publicUrl}/portal/, pre-authorized like the CLI', () => {
    const portal = mustGet(PORTAL_APP_ID);
    expect(portal.displayName).toBe('Entrada portal');
    expect(portal.isFallbackPublicClient).toBe(false);
    expect(portal.publicClientRedirectUris).toEqual([]);
    expect(portal.spaRedirectUris('https://localhost:8443')).toEqual(['https://localhost:8443/portal/']);
    expect(portal.spaRedirectUris('https://id.example.org/')).toEqual(['https://id.example.org/portal/']);
    expect(portal.inEveryTenant).toBe(true);
    expect(portal.preAuthorizedFor).toEqual(mustGet(CLI_APP_ID).preAuthorizedFor);
  });
});
