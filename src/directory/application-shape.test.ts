import { describe, it, expect } from 'vitest';
import { applyApplicationInput, defaultApplicationProps, type ApplicationProps } from './application-shape.js';
import { DirectoryError } from './errors.js';

const base = (): ApplicationProps => defaultApplicationProps('My app', 'contoso.onmicrosoft.com');
const ROLE_ID = '8d5ad3a8-7f9e-4e4b-9a36-2c1a1b0f6c11';
const SCOPE_ID = '0b7c5a1e-3d2f-4b6a-8c9d-1e2f3a4b5c6d';
const role = (extra: Record<string, unknown> = {}) => ({ id: ROLE_ID, allowedMemberTypes: ['Application'], displayName: 'Read', description: 'Read all', value: 'Data.Read', ...extra });
const scope = (extra: Record<string, unknown> = {}) => ({ id: SCOPE_ID, value: 'user_impersonation', type: 'User', ...extra });

function invalid(fn: () => unknown): DirectoryError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DirectoryError);
    expect((err as DirectoryError).kind).toBe('invalid');
    return err as DirectoryError;
  }
  throw new Error('expected a DirectoryError');
}

describe('defaultApplicationProps', () => {
  it('matches what Graph returns for a freshly created app', () => {
    const p = base();
    expect(p.displayName).toBe('My app');
    expect(p.publisherDomain).toBe('contoso.onmicrosoft.com');
    expect(p.signInAudience).toBe('AzureADMyOrg');
    expect(p.isFallbackPublicClient).toBeNull();
    expect(p.api).toEqual({ acceptMappedClaims: null, knownClientApplications: [], oauth2PermissionScopes: [], preAuthorizedApplications: [], requestedAccessTokenVersion: null });
    expect(p.web).toEqual({ redirectUris: [], homePageUrl: null, logoutUrl: null, redirectUriSettings: [], implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false } });
    expect(p.spa).toEqual({ redirectUris: [] });
    expect(p.publicClient).toEqual({ redirectUris: [] });
    expect(p.parentalControlSettings).toEqual({ countriesBlockedForMinors: [], legalAgeGroupRule: 'Allow' });
    expect(p.info).toEqual({ logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null });
    expect(p.verifiedPublisher).toEqual({ displayName: null, verifiedPublisherId: null, addedDateTime: null });
    for (const k of ['tags', 'identifierUris', 'appRoles', 'requiredResourceAccess', 'addIns'] as const) expect(p[k]).toEqual([]);
    for (const k of ['description', 'notes', 'groupMembershipClaims', 'optionalClaims', 'tokenEncryptionKeyId', 'applicationTemplateId', 'disabledByMicrosoftStatus', 'uniqueName', 'certification'] as const) expect(p[k]).toBeNull();
  });

  it('does not include identity or credential fields', () => {
    const keys = Object.keys(base());
    for (const k of ['id', 'appId', 'createdDateTime', 'deletedDateTime', 'passwordCredentials', 'keyCredentials']) expect(keys).not.toContain(k);
  });
});

describe('applyApplicationInput: merging', () => {
  it('applies a typical create body', () => {
    const p = applyApplicationInput(base(), {
      displayName: 'Postman', signInAudience: 'AzureADMultipleOrgs', tags: ['a', 'b'],
      publicClient: { redirectUris: ['https://www.getpostman.com/oauth2/callback'] }, isFallbackPublicClient: true,
      requiredResourceAccess: [{ resourceAppId: '00000003-0000-0000-C000-000000000000', resourceAccess: [{ id: 'E1FE6DD8-BA31-4D61-89E7-88639DA4683D', type: 'Scope' }] }],
    }, 'create');
    expect(p.displayName).toBe('Postman');
    expect(p.publicClient.redirectUris).toEqual(['https://www.getpostman.com/oauth2/callback']);
    expect(p.isFallbackPublicClient).toBe(true);
    // GUIDs come back in Graph's lowercase form.
    expect(p.requiredResourceAccess[0]).toEqual({ resourceAppId: '00000003-0000-0000-c000-000000000000', resourceAccess: [{ id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' }] });
  });

  it('merges complex types one level and keeps unspecified properties', () => {
    const created = applyApplicationInput(base(), { web: { homePageUrl: 'https://contoso.com', redirectUris: ['https://contoso.com/a'], implicitGrantSettings: { enableIdTokenIssuance: true } } }, 'create');
    expect(created.web.implicitGrantSettings).toEqual({ enableIdTokenIssuance: true, enableAccessTokenIssuance: false });
    const updated = applyApplicationInput(created, { web: { redirectUris: ['https://contoso.com/b'] } }, 'update');
    expect(updated.web.homePageUrl).toBe('https://contoso.com');
    expect(updated.web.redirectUris).toEqual(['https://contoso.com/b']);
    expect(updated.web.implicitGrantSettings.enableIdTokenIssuance).toBe(true);
  });

  it('replaces collections whole', () => {
    const a = applyApplicationInput(base(), { tags: ['x', 'y'] }, 'create');
    expect(applyApplicationInput(a, { tags: ['z'] }, 'update').tags).toEqual(['z']);
  });

  it('leaves properties absent from the body untouched and never mutates its input', () => {
    const current = applyApplicationInput(base(), { notes: 'n', tags: ['t'] }, 'create');
    const snapshot = structuredClone(current);
    const next = applyApplicationInput(current, { description: 'd' }, 'update');
    expect(next.notes).toBe('n');
    expect(next.description).toBe('d');
    expect(current).toEqual(snapshot);
    next.tags.push('mutated');
    expect(current.tags).toEqual(['t']);
  });

  it('resets a non-nullable complex type given as null and nulls a nullable one', () => {
    const a = applyApplicationInput(base(), { web: { homePageUrl: 'https://x.contoso.com' }, optionalClaims: { idToken: [{ name: 'email' }] } }, 'create');
    expect(a.optionalClaims?.idToken[0]).toEqual({ name: 'email', source: null, essential: false, additionalProperties: [] });
    const b = applyApplicationInput(a, { web: null, optionalClaims: null }, 'update');
    expect(b.web).toEqual(base().web);
    expect(b.optionalClaims).toBeNull();
  });

  it('fills defaults for new app roles and scopes and stamps origin', () => {
    const p = applyApplicationInput(base(), { appRoles: [role()], api: { oauth2PermissionScopes: [scope()] } }, 'create');
    expect(p.appRoles[0]).toMatchObject({ isEnabled: true, origin: 'Application', value: 'Data.Read' });
    expect(p.api.oauth2PermissionScopes[0]).toMatchObject({ isEnabled: true, type: 'User', adminConsentDisplayName: null });
  });

  it('ignores OData annotations and keyCredentials', () => {
    const p = applyApplicationInput(base(), { '@odata.type': '#microsoft.graph.application', 'owners@odata.bind': ['x'], keyCredentials: [{ whatever: 1 }], web: { '@odata.type': '#microsoft.graph.webApplication' } }, 'create');
    expect(Object.keys(p)).not.toContain('keyCredentials');
    expect(Object.keys(p)).not.toContain('@odata.type');
  });

  it('accepts SQL and script text in displayName as plain data', () => {
    const name = "'; DROP TABLE applications; -- <script>alert(1)</script>";
    expect(applyApplicationInput(base(), { displayName: name }, 'create').displayName).toBe(name);
  });

  it('allows uniqueName on create but not changing it later', () => {
    const p = applyApplicationInput(base(), { uniqueName: 'my-app' }, 'create');
    expect(p.uniqueName).toBe('my-app');
    expect(applyApplicationInput(p, { uniqueName: 'my-app' }, 'update').uniqueName).toBe('my-app');
    expect(invalid(() => applyApplicationInput(p, { uniqueName: 'other' }, 'update')).message).toBe("Property 'uniqueName' is read-only and cannot be set.");
  });
});

describe('applyApplicationInput: refusals', () => {
  it.each(['id', 'appId', 'createdDateTime', 'deletedDateTime', 'publisherDomain', 'verifiedPublisher', 'disabledByMicrosoftStatus'])('rejects read-only %s', (prop) => {
    const err = invalid(() => applyApplicationInput(base(), { [prop]: prop === 'verifiedPublisher' ? {} : 'x' }, 'update'));
    expect(err.message).toBe(`Property '${prop}' is read-only and cannot be set.`);
    expect(err.target).toBe(prop);
  });

  it('rejects appRoles[].origin', () => {
    const err = invalid(() => applyApplicationInput(base(), { appRoles: [role({ origin: 'Application' })] }, 'create'));
    expect(err.message).toBe("Property 'origin' is read-only and cannot be set.");
    expect(err.target).toBe('appRoles[0].origin');
  });

  it('rejects passwordCredentials except an empty list on create', () => {
    expect(() => applyApplicationInput(base(), { passwordCredentials: [] }, 'create')).not.toThrow();
    expect(Object.keys(applyApplicationInput(base(), { passwordCredentials: [] }, 'create'))).not.toContain('passwordCredentials');
    expect(invalid(() => applyApplicationInput(base(), { passwordCredentials: [{ displayName: 's' }] }, 'create')).message).toMatch(/addPassword/);
    invalid(() => applyApplicationInput(base(), { passwordCredentials: [{ secretText: 'x' }] }, 'update'));
  });

  it('rejects unknown properties the way Graph words it', () => {
    expect(invalid(() => applyApplicationInput(base(), { foo: 1 }, 'create')).message).toBe("Property 'foo' does not exist on type 'microsoft.graph.application'.");
    expect(invalid(() => applyApplicationInput(base(), { web: { replyUrls: [] } }, 'create')).message).toBe("Property 'replyUrls' does not exist on type 'microsoft.graph.webApplication'.");
    // The docs' misspelling is not the wire name.
    invalid(() => applyApplicationInput(base(), { oauth2RequiredPostResponse: true }, 'create'));
  });

  it('rejects prototype-ish keys as unknown rather than crashing', () => {
    const body = JSON.parse('{"__proto__": {"x": 1}, "constructor": 1}') as Record<string, unknown>;
    expect(invalid(() => applyApplicationInput(base(), body, 'create')).message).toMatch(/does not exist/);
    invalid(() => applyApplicationInput(base(), { toString: 'x' }, 'create'));
  });

  it('requires ids on app roles, scopes and resource access entries', () => {
    const { id: _r, ...noRoleId } = role();
    const { id: _s, ...noScopeId } = scope();
    expect(invalid(() => applyApplicationInput(base(), { appRoles: [noRoleId] }, 'create')).target).toBe('appRoles[0].id');
    expect(invalid(() => applyApplicationInput(base(), { api: { oauth2PermissionScopes: [noScopeId] } }, 'create')).target).toBe('api.oauth2PermissionScopes[0].id');
    invalid(() => applyApplicationInput(base(), { requiredResourceAccess: [{ resourceAppId: SCOPE_ID, resourceAccess: [{ type: 'Scope' }] }] }, 'create'));
    invalid(() => applyApplicationInput(base(), { appRoles: [role({ id: 'not-a-guid' })] }, 'create'));
  });

  it.each<[string, Record<string, unknown>]>([
    ['tags as a string', { tags: 'x' }],
    ['tags with a number', { tags: ['a', 1] }],
    ['web as a number', { web: 5 }],
    ['web as an array', { web: [] }],
    ['displayName as a number', { displayName: 42 }],
    ['displayName null', { displayName: null }],
    ['redirectUris as a string', { spa: { redirectUris: 'https://a.contoso.com' } }],
    ['requestedAccessTokenVersion as a string', { api: { requestedAccessTokenVersion: '2' } }],
    ['requestedAccessTokenVersion 3', { api: { requestedAccessTokenVersion: 3 } }],
    ['isFallbackPublicClient as a string', { isFallbackPublicClient: 'yes' }],
    ['signInAudience unknown', { signInAudience: 'Everyone' }],
    ['appRoles item not an object', { appRoles: [5] }],
    ['appRoles null', { appRoles: null }],
    ['allowedMemberTypes unknown', { appRoles: [role({ allowedMemberTypes: ['Robot'] })] }],
    ['scope type unknown', { api: { oauth2PermissionScopes: [scope({ type: 'Everyone' })] } }],
    ['resourceAccess type unknown', { requiredResourceAccess: [{ resourceAppId: SCOPE_ID, resourceAccess: [{ id: ROLE_ID, type: 'Both' }] }] }],
    ['implicitGrantSettings flag as a string', { web: { implicitGrantSettings: { enableIdTokenIssuance: 'true' } } }],
    ['knownClientApplications not GUIDs', { api: { knownClientApplications: ['abc'] } }],
    ['redirectUriSettings index as a float', { web: { redirectUriSettings: [{ uri: 'https://a.contoso.com', index: 1.5 }] } }],
  ])('rejects wrong JSON types: %s', (_name, body) => {
    invalid(() => applyApplicationInput(base(), body, 'create'));
  });

  it('rejects a body that is not an object', () => {
    invalid(() => applyApplicationInput(base(), null as unknown as Record<string, unknown>, 'create'));
    invalid(() => applyApplicationInput(base(), [] as unknown as Record<string, unknown>, 'create'));
  });

  it('names the resource in type errors', () => {
    const err = invalid(() => applyApplicationInput(base(), { api: { oauth2PermissionScopes: [scope({ type: 'Everyone' })] } }, 'create'));
    expect(err.message).toBe("Invalid value specified for property 'type' of resource 'PermissionScope'.");
    expect(err.target).toBe('api.oauth2PermissionScopes[0].type');
  });
});

describe('applyApplicationInput: enabled permissions', () => {
  const withBoth = () => applyApplicationInput(base(), { appRoles: [role()], api: { oauth2PermissionScopes: [scope()] } }, 'create');

  it('refuses to delete an enabled scope or role', () => {
    const p = withBoth();
    expect(invalid(() => applyApplicationInput(p, { api: { oauth2PermissionScopes: [] } }, 'update')).message).toMatch(/disabled first/);
    invalid(() => applyApplicationInput(p, { appRoles: [] }, 'update'));
  });

  it('refuses to change the value of an enabled permission', () => {
    invalid(() => applyApplicationInput(withBoth(), { appRoles: [role({ value: 'Data.Write' })] }, 'update'));
  });

  it('allows deletion once disabled, and edits that keep the value', () => {
    const disabled = applyApplicationInput(withBoth(), { appRoles: [role({ isEnabled: false })], api: { oauth2PermissionScopes: [scope({ isEnabled: false })] } }, 'update');
    const emptied = applyApplicationInput(disabled, { appRoles: [], api: { oauth2PermissionScopes: [] } }, 'update');
    expect(emptied.appRoles).toEqual([]);
    expect(emptied.api.oauth2PermissionScopes).toEqual([]);
    expect(applyApplicationInput(withBoth(), { appRoles: [role({ displayName: 'Renamed' })] }, 'update').appRoles[0]!.displayName).toBe('Renamed');
  });
});

describe('applyApplicationInput: stored props from an older shape', () => {
  it('fills fields the stored object lacks with their defaults', () => {
    const { uniqueName: _u, nativeAuthenticationApisEnabled: _n, ...old } = base();
    const next = applyApplicationInput(old as ApplicationProps, { notes: 'x' }, 'update');
    expect(next.uniqueName).toBeNull();
    expect(next.nativeAuthenticationApisEnabled).toBeNull();
    expect(applyApplicationInput(old as ApplicationProps, { uniqueName: null }, 'update').uniqueName).toBeNull();
  });
});
