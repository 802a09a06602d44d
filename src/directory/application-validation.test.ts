import { describe, it, expect } from 'vitest';
import { applyApplicationInput, defaultApplicationProps, type ApplicationProps } from './application-shape.js';
import { validateApplication } from './application-validation.js';
import { DirectoryError } from './errors.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '11111111-2222-4333-8444-555555555555';
const ctx = { tenantId: TENANT, appId: APP, verifiedDomains: ['contoso.onmicrosoft.com', 'contoso.com'] };
const G = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Build props through the real input path, then validate. */
function check(body: Record<string, unknown>): void {
  validateApplication(applyApplicationInput(defaultApplicationProps('App', 'contoso.onmicrosoft.com'), body, 'create'), ctx);
}
const personal = (body: Record<string, unknown>) => ({ signInAudience: 'AzureADandPersonalMicrosoftAccount', api: { requestedAccessTokenVersion: 2 }, ...body });

function rejects(body: Record<string, unknown>, message?: RegExp | string): DirectoryError {
  try {
    check(body);
  } catch (err) {
    expect(err).toBeInstanceOf(DirectoryError);
    expect((err as DirectoryError).kind).toBe('invalid');
    if (typeof message === 'string') expect((err as DirectoryError).message).toBe(message);
    else if (message) expect((err as DirectoryError).message).toMatch(message);
    return err as DirectoryError;
  }
  throw new Error(`expected ${JSON.stringify(body).slice(0, 120)} to be rejected`);
}
const accepts = (body: Record<string, unknown>) => expect(() => check(body)).not.toThrow();
/** Validate hand-made props (as if loaded from storage) that bypassed applyApplicationInput. */
function rejectsRaw(patch: Record<string, unknown>): void {
  const props = { ...defaultApplicationProps('App', 'contoso.onmicrosoft.com'), ...patch } as unknown as ApplicationProps;
  expect(() => validateApplication(props, ctx)).toThrow(DirectoryError);
}

describe('displayName', () => {
  it('is required and must not be blank', () => {
    rejects({ displayName: '' }, /displayName/);
    rejects({ displayName: '   ' }, /displayName/);
  });
  it('allows 120 characters, or 90 with personal accounts', () => {
    accepts({ displayName: 'a'.repeat(120) });
    rejects({ displayName: 'a'.repeat(121) });
    accepts(personal({ displayName: 'a'.repeat(90) }));
    rejects(personal({ displayName: 'a'.repeat(91) }));
  });
  it('takes SQL and script text as plain data', () => {
    accepts({ displayName: "Robert'); DROP TABLE applications;--" });
    accepts({ displayName: '<script>alert("x")</script>' });
  });
});

describe('signInAudience and token version', () => {
  it('accepts the four audiences', () => {
    for (const a of ['AzureADMyOrg', 'AzureADMultipleOrgs']) accepts({ signInAudience: a });
    for (const a of ['AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount']) accepts(personal({ signInAudience: a }));
  });
  it('requires requestedAccessTokenVersion 2 for personal-account audiences', () => {
    rejects({ signInAudience: 'PersonalMicrosoftAccount' }, 'Property api.requestedAccessTokenVersion is invalid.');
    rejects({ signInAudience: 'AzureADandPersonalMicrosoftAccount', api: { requestedAccessTokenVersion: 1 } });
  });
  it('accepts null, 1 and 2 and refuses anything else', () => {
    for (const v of [null, 1, 2]) accepts({ api: { requestedAccessTokenVersion: v } });
    rejectsRaw({ api: { ...defaultApplicationProps('a', 'b').api, requestedAccessTokenVersion: 3 } });
    rejectsRaw({ signInAudience: 'Everyone' });
  });
});

describe('redirect URIs', () => {
  it('accepts https everywhere and loopback http', () => {
    accepts({ web: { redirectUris: ['https://app.contoso.com/signin-oidc', 'http://localhost:5000/cb', 'http://127.0.0.1/cb'] } });
    accepts({ spa: { redirectUris: ['https://spa.contoso.com', 'http://localhost:3000'] } });
  });
  it("accepts Postman's callback and custom schemes under publicClient", () => {
    accepts({ publicClient: { redirectUris: ['https://www.getpostman.com/oauth2/callback', `msal${APP}://auth`, 'ms-appx-web://microsoft.aad.brokerplugin/' + APP, 'https://login.microsoftonline.com/common/oauth2/nativeclient', 'http://localhost'] } });
  });
  it('rejects plain http for other hosts', () => {
    rejects({ web: { redirectUris: ['http://example.com'] } }, /must use https/);
    rejects({ spa: { redirectUris: ['http://app.contoso.com/'] } });
    rejects({ publicClient: { redirectUris: ['http://app.contoso.com/'] } });
    rejects({ web: { redirectUris: ['http://localhost.evil.com/'] } });
  });
  it('rejects custom schemes for web and spa, and script schemes anywhere', () => {
    rejects({ web: { redirectUris: [`msal${APP}://auth`] } });
    rejects({ spa: { redirectUris: ['myapp://cb'] } });
    for (const uri of ['javascript://example.com/%0Aalert%281%29', 'data:text/html%2Chi', 'vbscript://x', 'file:///etc/passwd']) {
      rejects({ publicClient: { redirectUris: [uri] } }, /unsupported scheme/);
    }
  });
  it('rejects relative or malformed URIs', () => {
    for (const uri of ['/callback', 'contoso.com/cb', 'https://', 'not a uri', '']) rejects({ web: { redirectUris: [uri] } });
  });
  it('rejects URIs longer than 256 characters', () => {
    const prefix = 'https://app.contoso.com/';
    accepts({ web: { redirectUris: [prefix + 'a'.repeat(256 - prefix.length)] } });
    rejects({ web: { redirectUris: [prefix + 'a'.repeat(257 - prefix.length)] } }, /longer than 256/);
  });
  it.each(['!', '$', "'", '(', ')', ',', ';'])('rejects the special character %s', (c) => {
    rejects({ web: { redirectUris: [`https://app.contoso.com/a${c}b`] } }, /unsupported characters/);
  });
  it('rejects fragments, whitespace and [::1]', () => {
    rejects({ web: { redirectUris: ['https://app.contoso.com/cb#x'] } });
    rejects({ web: { redirectUris: ['https://app.contoso.com/c b'] } });
    rejects({ web: { redirectUris: ['http://[::1]:3000/cb'] } }, /\[::1\]/);
    rejects({ publicClient: { redirectUris: ['http://[::1]/'] } });
  });
  it('allows 256 URIs in total but not 257', () => {
    const uris = (n: number, host: string) => Array.from({ length: n }, (_, i) => `https://${host}.contoso.com/cb${i}`);
    accepts({ web: { redirectUris: uris(128, 'w') }, spa: { redirectUris: uris(128, 's') } });
    rejects({ web: { redirectUris: uris(129, 'w') }, spa: { redirectUris: uris(100, 's') }, publicClient: { redirectUris: uris(28, 'p') } }, /at most 256/);
    rejects({ web: { redirectUris: uris(257, 'w') } });
  });
  it('allows only 100 URIs when personal accounts are included', () => {
    const uris = Array.from({ length: 101 }, (_, i) => `https://app.contoso.com/cb${i}`);
    accepts(personal({ web: { redirectUris: uris.slice(0, 100) } }));
    rejects(personal({ web: { redirectUris: uris } }), /at most 100/);
  });
  it('rejects duplicates within a platform but not across platforms', () => {
    rejects({ web: { redirectUris: ['https://a.contoso.com/cb', 'https://a.contoso.com/cb'] } }, /more than once/);
    accepts({ web: { redirectUris: ['https://a.contoso.com/cb'] }, spa: { redirectUris: ['https://a.contoso.com/cb'] } });
  });
  it('allows query strings and wildcards only for work/school audiences', () => {
    accepts({ web: { redirectUris: ['https://app.contoso.com/cb?tenant=x', 'https://*.contoso.com/cb'] } });
    rejects(personal({ web: { redirectUris: ['https://app.contoso.com/cb?tenant=x'] } }), /query string/);
    rejects(personal({ web: { redirectUris: ['https://*.contoso.com/cb'] } }), /wildcard/);
  });
  it('requires an https logout URL', () => {
    accepts({ web: { logoutUrl: 'https://localhost/logout' } });
    rejects({ web: { logoutUrl: 'http://localhost/logout' } });
  });
});

describe('identifierUris', () => {
  it('accepts the api:// forms, verified https domains and URNs', () => {
    accepts({ identifierUris: [`api://${APP}`, `api://${TENANT}/${APP}`, `api://${TENANT}/fhir`, `api://orders/${APP}`, 'api://my-api'] });
    accepts({ identifierUris: ['https://contoso.com/api', 'https://api.contoso.com', 'https://contoso.onmicrosoft.com/orders', 'urn:contoso:orders'] });
  });
  it("rejects https hosts outside the tenant's verified domains with Entra's message", () => {
    rejects({ identifierUris: ['https://fhirpaas.azurehealthcareapis.com'] }, "Values of identifierUris property must use a verified domain of the organization or its subdomain: 'https://fhirpaas.azurehealthcareapis.com'");
    rejects({ identifierUris: ['https://evilcontoso.com/api'] }, /verified domain/);
  });
  it('rejects other formats, empty api:// and whitespace', () => {
    for (const uri of ['api://', 'myapp://x', 'orders', 'api://has space', 'api://x/*']) rejects({ identifierUris: [uri] });
  });
  it('enforces 255 characters and uniqueness within the app', () => {
    accepts({ identifierUris: ['api://' + 'a'.repeat(249)] });
    rejects({ identifierUris: ['api://' + 'a'.repeat(250)] }, /longer than 255/);
    rejects({ identifierUris: [`api://${APP}`, `API://${APP}/`] }, /more than once/);
  });
  it('is stricter for personal-account audiences', () => {
    rejects(personal({ identifierUris: ['urn:contoso:orders'] }), /urn/);
    rejects(personal({ identifierUris: ['api://' + 'a'.repeat(115)] }), /longer than 120/);
    rejects(personal({ identifierUris: ['api://orders?x=1'] }));
  });
});

describe('tags', () => {
  it('accepts 1–256 characters without whitespace', () => {
    accepts({ tags: ['HideApp', 'WindowsAzureActiveDirectoryIntegratedApp', 'x'.repeat(256)] });
  });
  it('rejects empty, long, whitespace and duplicate tags', () => {
    rejects({ tags: [''] });
    rejects({ tags: ['x'.repeat(257)] });
    rejects({ tags: ['has space'] }, /whitespace/);
    rejects({ tags: ['a', 'a'] }, /Duplicate/);
  });
});

describe('appRoles and oauth2PermissionScopes', () => {
  const role = (n: number, extra: Record<string, unknown> = {}) => ({ id: G(n), allowedMemberTypes: ['Application'], displayName: 'Role', description: 'A role', value: `Role.${n}`, ...extra });
  const scope = (n: number, extra: Record<string, unknown> = {}) => ({ id: G(n), value: `scope.${n}`, type: 'User', adminConsentDisplayName: 'S', adminConsentDescription: 'S', ...extra });

  it('accepts well-formed roles and scopes, including the same value on a role and a scope', () => {
    accepts({ appRoles: [role(1), role(2, { allowedMemberTypes: ['User', 'Application'] })], api: { oauth2PermissionScopes: [scope(3, { value: 'Role.1' }), scope(4, { type: 'Admin' })] } });
  });
  it('rejects duplicate ids, also between a role and a scope', () => {
    rejects({ appRoles: [role(1), role(1, { value: 'Other' })] }, /already used/);
    rejects({ appRoles: [role(1)], api: { oauth2PermissionScopes: [scope(1)] } }, /already used/);
  });
  it('rejects role values that are too long, contain spaces or collide among enabled roles', () => {
    rejects({ appRoles: [role(1, { value: 'a'.repeat(121) })] });
    accepts({ appRoles: [role(1, { value: 'a'.repeat(120) })] });
    rejects({ appRoles: [role(1, { value: 'Data Read' })] });
    rejects({ appRoles: [role(1, { value: 'Same' }), role(2, { value: 'Same' })] }, /Another enabled app role/);
    accepts({ appRoles: [role(1, { value: 'Same' }), role(2, { value: 'Same', isEnabled: false })] });
  });
  it('requires allowedMemberTypes, displayName and description on roles', () => {
    rejects({ appRoles: [role(1, { allowedMemberTypes: [] })] }, /allowedMemberTypes/);
    rejects({ appRoles: [role(1, { allowedMemberTypes: ['User', 'User'] })] });
    rejects({ appRoles: [role(1, { displayName: '' })] }, /displayName/);
    rejects({ appRoles: [role(1, { description: null })] }, /description/);
  });
  it('requires a unique, space-free scope value of at most 120 characters', () => {
    rejects({ api: { oauth2PermissionScopes: [scope(1, { value: null })] } }, /required/);
    rejects({ api: { oauth2PermissionScopes: [scope(1, { value: 'user impersonation' })] } });
    rejects({ api: { oauth2PermissionScopes: [scope(1, { value: 'a'.repeat(121) })] } });
    rejects({ api: { oauth2PermissionScopes: [scope(1, { value: 'x' }), scope(2, { value: 'x' })] } }, /Another scope/);
    rejects(personal({ api: { requestedAccessTokenVersion: 2, oauth2PermissionScopes: [scope(1, { value: 'a'.repeat(41) })] } }));
  });
  it('rejects scope types other than User and Admin', () => {
    rejectsRaw({ api: { ...defaultApplicationProps('a', 'b').api, oauth2PermissionScopes: [{ ...scope(1), type: 'Everyone', isEnabled: true }] } });
  });
  it('checks preAuthorizedApplications and knownClientApplications', () => {
    accepts({ api: { preAuthorizedApplications: [{ appId: G(9), delegatedPermissionIds: [G(3)] }], knownClientApplications: [G(8)] } });
    rejectsRaw({ api: { ...defaultApplicationProps('a', 'b').api, knownClientApplications: ['nope'] } });
  });
});

describe('requiredResourceAccess', () => {
  const rra = (resources: number, perResource: number) => Array.from({ length: resources }, (_, r) => ({
    resourceAppId: G(10_000 + r),
    resourceAccess: Array.from({ length: perResource }, (_, p) => ({ id: G(r * 1000 + p), type: p % 2 ? 'Role' : 'Scope' })),
  }));
  it('allows 50 resources and 400 permissions', () => {
    accepts({ requiredResourceAccess: rra(50, 8) });
  });
  it('rejects a 51st resource and a 401st permission', () => {
    rejects({ requiredResourceAccess: rra(51, 1) }, /50 resource/);
    rejects({ requiredResourceAccess: [...rra(40, 10), ...rra(1, 1).map((r) => ({ ...r, resourceAppId: G(99_999) }))] }, /400 permissions/);
  });
  it('rejects bad types and ids in stored data', () => {
    rejectsRaw({ requiredResourceAccess: [{ resourceAppId: G(1), resourceAccess: [{ id: G(2), type: 'Both' }] }] });
    rejectsRaw({ requiredResourceAccess: [{ resourceAppId: 'graph', resourceAccess: [] }] });
  });
});

describe('groupMembershipClaims', () => {
  it('accepts null, single values and comma lists', () => {
    for (const v of [null, 'None', 'SecurityGroup', 'All', 'SecurityGroup,DirectoryRole', 'SecurityGroup, ApplicationGroup']) accepts({ groupMembershipClaims: v });
  });
  it('rejects unknown values', () => {
    rejects({ groupMembershipClaims: 'Everything' }, /groupMembershipClaims/);
    rejects({ groupMembershipClaims: '' });
  });
});

describe('defensiveness', () => {
  it.each<[string, Record<string, unknown>]>([
    ['tags as a string', { tags: 'x' }],
    ['web as a number', { web: 5 }],
    ['displayName as a number', { displayName: 42 }],
    ['redirectUris containing a number', { spa: { redirectUris: [42] } }],
    ['appRoles as an object', { appRoles: {} }],
    ['api missing', { api: undefined }],
    ['identifierUris with null', { identifierUris: [null] }],
    ['groupMembershipClaims as a number', { groupMembershipClaims: 1 }],
  ])('turns corrupt props into invalid, not TypeError: %s', (_name, patch) => {
    try {
      validateApplication({ ...defaultApplicationProps('App', 'contoso.onmicrosoft.com'), ...patch } as unknown as ApplicationProps, ctx);
      throw new Error('expected a rejection');
    } catch (err) {
      expect(err).toBeInstanceOf(DirectoryError);
      expect((err as DirectoryError).kind).toBe('invalid');
    }
  });

  it('accepts the defaults as they are', () => {
    expect(() => validateApplication(defaultApplicationProps('App', 'contoso.onmicrosoft.com'), ctx)).not.toThrow();
  });
});
