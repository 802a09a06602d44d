/**
 * Entra's rules for an application object as a whole (spec §1; "Validation differences by supported
 * account types", reply-url restrictions). Runs after applyApplicationInput, but re-checks types
 * defensively because props may also come from storage or other code paths.
 */
import { DirectoryError } from './errors.js';
import { isGuid } from '../lib/ids.js';
import { SIGN_IN_AUDIENCES, type ApplicationProps } from './application-shape.js';
import { isLoopback } from './redirect-uri.js';

export interface ValidationContext { tenantId: string; appId: string; verifiedDomains: string[] }

const PERSONAL = new Set(['AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount']);
const GROUP_CLAIMS = new Set(['None', 'SecurityGroup', 'ApplicationGroup', 'DirectoryRole', 'All']);
// permissionScope/appRole docs: printable ASCII except space, `"` and `\`.
const PERMISSION_VALUE = /^[A-Za-z0-9!#$%&'()*+,\-./:;<=>?@[\]^_`{|}~]+$/;
// Schemes a browser would execute or read locally rather than navigate to; never a place to send a code.
const UNSAFE_SCHEMES = new Set(['javascript', 'data', 'vbscript', 'file', 'about', 'blob']);

function fail(target: string, message: string): never {
  throw new DirectoryError('invalid', message, target);
}
function invalidValue(target: string, resource: string, detail?: string): never {
  const prop = target.slice(target.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  fail(target, `Invalid value specified for property '${prop}' of resource '${resource}'.${detail ? ` ${detail}` : ''}`);
}
function list(v: unknown, target: string, resource: string): unknown[] {
  return Array.isArray(v) ? v : invalidValue(target, resource);
}
function record(v: unknown, target: string, resource: string): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : invalidValue(target, resource);
}
function text(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
const blank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';

export function validateApplication(props: ApplicationProps, ctx: ValidationContext): void {
  const app = record(props, 'application', 'Application');
  const audience = app.signInAudience;
  if (typeof audience !== 'string' || !(SIGN_IN_AUDIENCES as readonly string[]).includes(audience)) {
    invalidValue('signInAudience', 'Application', `Supported values are ${SIGN_IN_AUDIENCES.join(', ')}.`);
  }
  const personal = PERSONAL.has(audience);

  const name = app.displayName;
  if (blank(name)) invalidValue('displayName', 'Application', 'A non-empty display name is required.');
  const maxName = personal ? 90 : 120;
  if ((name as string).length > maxName) invalidValue('displayName', 'Application', `The maximum length is ${maxName} characters for this signInAudience.`);
  if (app.description != null && (typeof app.description !== 'string' || app.description.length > 1024)) {
    invalidValue('description', 'Application', 'The maximum length is 1024 characters.');
  }

  const api = record(app.api, 'api', 'Application');
  const version = api.requestedAccessTokenVersion;
  if (version !== null && version !== 1 && version !== 2) invalidValue('api.requestedAccessTokenVersion', 'ApiApplication', 'Supported values are null, 1 and 2.');
  // Personal accounts only get v2 tokens, so a resource that accepts them must ask for v2.
  if (personal && version !== 2) fail('api.requestedAccessTokenVersion', 'Property api.requestedAccessTokenVersion is invalid.');

  validateTags(list(app.tags, 'tags', 'Application'));
  validateRedirectUris(app, personal);
  validateIdentifierUris(list(app.identifierUris, 'identifierUris', 'Application'), ctx, personal);
  validatePermissions(api, list(app.appRoles, 'appRoles', 'Application'), personal);
  validateRequiredResourceAccess(list(app.requiredResourceAccess, 'requiredResourceAccess', 'Application'), personal);

  const groups = app.groupMembershipClaims;
  if (groups !== null && (typeof groups !== 'string' || !groups.split(',').every((g) => GROUP_CLAIMS.has(g.trim())))) {
    invalidValue('groupMembershipClaims', 'Application', 'Supported values are None, SecurityGroup, ApplicationGroup, DirectoryRole and All.');
  }
  if (app.tokenEncryptionKeyId != null && !isGuid(app.tokenEncryptionKeyId)) invalidValue('tokenEncryptionKeyId', 'Application');
}

function validateTags(tags: unknown[]): void {
  const seen = new Set<string>();
  tags.forEach((tag, i) => {
    const target = `tags[${i}]`;
    if (typeof tag !== 'string' || tag.length < 1 || tag.length > 256) invalidValue(target, 'Application', 'Each tag must be between 1 and 256 characters.');
    if (/\s/.test(tag)) invalidValue(target, 'Application', 'Tags cannot contain whitespace.');
    if (seen.has(tag)) invalidValue(target, 'Application', `Duplicate tag '${tag}'.`);
    seen.add(tag);
  });
}

type Platform = 'web' | 'spa' | 'publicClient';

function validateRedirectUris(app: Record<string, unknown>, personal: boolean): void {
  let total = 0;
  for (const platform of ['web', 'spa', 'publicClient'] as const) {
    const settings = record(app[platform], platform, 'Application');
    const uris = list(settings.redirectUris, `${platform}.redirectUris`, 'Application');
    const seen = new Set<string>();
    uris.forEach((uri, i) => {
      checkRedirectUri(uri, platform, personal, `${platform}.redirectUris[${i}]`);
      if (seen.has(uri as string)) redirectError(`${platform}.redirectUris[${i}]`, platform, uri as string, 'is listed more than once');
      seen.add(uri as string);
    });
    total += uris.length;
  }
  const max = personal ? 100 : 256;
  if (total > max) fail('redirectUris', `An application can have at most ${max} redirect URIs across web, spa and publicClient for this signInAudience; ${total} were given.`);

  const web = record(app.web, 'web', 'Application');
  const logout = web.logoutUrl;
  // Front-channel logout carries session state, so plain http is refused even for localhost.
  if (logout != null && (typeof logout !== 'string' || logout.length > 255 || !/^https:\/\/[^\s/?#]+/i.test(logout) || !isAbsoluteUri(logout))) {
    invalidValue('web.logoutUrl', 'WebApplication', 'The logout URL must be an absolute https URI of at most 255 characters.');
  }
}

const PLATFORM_TYPE: Record<Platform, string> = { web: 'WebApplication', spa: 'SpaApplication', publicClient: 'PublicClientApplication' };

function redirectError(target: string, platform: Platform, uri: string, why: string): never {
  fail(target, `Invalid value specified for property 'redirectUris' of resource '${PLATFORM_TYPE[platform]}'. The redirect URI '${uri}' ${why}.`);
}

function isAbsoluteUri(uri: string): boolean {
  try {
    // `*` would be rejected by the parser in some positions; wildcards are judged separately.
    new URL(uri.replaceAll('*', 'w'));
    return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri);
  } catch {
    return false;
  }
}

function checkRedirectUri(uri: unknown, platform: Platform, personal: boolean, target: string): void {
  if (typeof uri !== 'string' || uri === '') invalidValue(target, PLATFORM_TYPE[platform], 'Redirect URIs must be non-empty strings.');
  const why = (reason: string): never => redirectError(target, platform, uri, reason);
  if (uri.length > 256) why('is longer than 256 characters');
  if (/\s/.test(uri) || [...uri].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) why('contains whitespace or control characters');
  if (/[!$'(),;]/.test(uri)) why("contains one of the unsupported characters ! $ ' ( ) , ;");
  // RFC 6749 §3.1.2: the redirection endpoint URI must not include a fragment.
  if (uri.includes('#')) why('must not contain a fragment');
  if (!isAbsoluteUri(uri)) why('is not an absolute URI');
  if (personal && uri.includes('*')) why('contains a wildcard, which is not supported for apps that sign in personal Microsoft accounts');
  if (personal && uri.includes('?')) why('contains a query string, which is not supported for apps that sign in personal Microsoft accounts');
  const parsed = new URL(uri.replaceAll('*', 'w'));
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  if (parsed.hostname === '[::1]') why('uses the IPv6 loopback address [::1], which is not supported; use http://localhost or http://127.0.0.1');
  if (scheme === 'https') {
    if (!parsed.hostname) why('has no host');
    return;
  }
  if (scheme === 'http') {
    if (!isLoopback(uri)) why('must use https; plain http is only allowed for http://localhost and http://127.0.0.1');
    return;
  }
  // Mobile and desktop apps receive the response through an app-registered scheme (msal{appId}://auth, ms-appx-web://…).
  if (platform !== 'publicClient') why(`must use https (or http://localhost) for the ${platform} platform`);
  if (UNSAFE_SCHEMES.has(scheme)) why(`uses the unsupported scheme '${scheme}'`);
}

function validateIdentifierUris(uris: unknown[], ctx: ValidationContext, personal: boolean): void {
  const maxLength = personal ? 120 : 255;
  if (personal && uris.length > 50) fail('identifierUris', 'Apps that sign in personal Microsoft accounts can have at most 50 identifierUris.');
  const domains = (Array.isArray(ctx.verifiedDomains) ? ctx.verifiedDomains : []).filter((d) => typeof d === 'string').map((d) => d.toLowerCase());
  const seen = new Set<string>();
  uris.forEach((uri, i) => {
    const target = `identifierUris[${i}]`;
    if (typeof uri !== 'string' || uri === '') invalidValue(target, 'Application', 'Identifier URIs must be non-empty strings.');
    const why = (reason: string): never => fail(target, `Invalid value specified for property 'identifierUris' of resource 'Application'. The identifier URI '${uri}' ${reason}.`);
    if (uri.length > maxLength) why(`is longer than ${maxLength} characters`);
    if (/\s/.test(uri)) why('contains whitespace');
    if (uri.includes('*')) why('contains a wildcard, which is not supported');
    if (personal && /[?#]/.test(uri)) why('contains a query string or fragment, which is not supported for apps that sign in personal Microsoft accounts');
    // Same key as the tenant-wide uniqueness index: case-insensitive, trailing slash ignored.
    const key = uri.toLowerCase().replace(/\/+$/, '');
    if (seen.has(key)) why('is listed more than once');
    seen.add(key);

    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
    // Any api://{non-empty} is accepted. Entra's newer "default-safe" policy (api://{appId},
    // api://{tenantId}/{appId}, …) is an opt-in tenant app-management policy, not a schema rule.
    if (scheme === 'api') {
      if (uri.length <= 'api://'.length || !uri.toLowerCase().startsWith('api://')) why("must have the form api://{value}");
      return;
    }
    if (scheme === 'urn') {
      if (personal) why('uses the urn scheme, which is not supported for apps that sign in personal Microsoft accounts');
      if (!/^urn:[^:]+/i.test(uri) || uri.length <= 4) why('is not a valid URN');
      return;
    }
    if (scheme === 'https' || scheme === 'http') {
      let host = '';
      try { host = new URL(uri).hostname.toLowerCase(); } catch { /* falls through to the domain error */ }
      const verified = host !== '' && domains.some((d) => host === d || host.endsWith(`.${d}`));
      if (!verified) fail(target, `Values of identifierUris property must use a verified domain of the organization or its subdomain: '${uri}'`);
      return;
    }
    why('must use the api://, https://{verified domain} or urn: format');
  });
}

function checkPermissionValue(v: unknown, target: string, resource: string, max: number, required: boolean): void {
  if (v === null || v === undefined) {
    if (required) invalidValue(target, resource, 'A value is required.');
    return;
  }
  if (typeof v !== 'string' || v === '' || v.length > max) invalidValue(target, resource, `The value must be 1 to ${max} characters.`);
  if (!PERMISSION_VALUE.test(v)) invalidValue(target, resource, 'The value cannot contain spaces or characters outside printable ASCII.');
  if (v.startsWith('.')) invalidValue(target, resource, "The value cannot begin with '.'.");
}

function validatePermissions(api: Record<string, unknown>, roles: unknown[], personal: boolean): void {
  const scopes = list(api.oauth2PermissionScopes, 'api.oauth2PermissionScopes', 'ApiApplication');
  if (personal && scopes.length > 100) fail('api.oauth2PermissionScopes', 'Apps that sign in personal Microsoft accounts can define at most 100 scopes.');
  const ids = new Set<string>();
  const claimId = (id: unknown, target: string, resource: string) => {
    if (!isGuid(id)) invalidValue(target, resource, 'The id must be a GUID.');
    // Scopes and roles are published together on the service principal, so one id names one permission.
    if (ids.has(id.toLowerCase())) invalidValue(target, resource, `The id '${id}' is already used by another scope or app role of this application.`);
    ids.add(id.toLowerCase());
  };

  const scopeValues = new Set<string>();
  scopes.forEach((raw, i) => {
    const at = `api.oauth2PermissionScopes[${i}]`;
    const s = record(raw, at, 'PermissionScope');
    claimId(s.id, `${at}.id`, 'PermissionScope');
    checkPermissionValue(s.value, `${at}.value`, 'PermissionScope', personal ? 40 : 120, true);
    if (s.type !== 'User' && s.type !== 'Admin') invalidValue(`${at}.type`, 'PermissionScope', 'Supported values are User and Admin.');
    if (typeof s.isEnabled !== 'boolean') invalidValue(`${at}.isEnabled`, 'PermissionScope');
    const key = (s.value as string).toLowerCase();
    if (scopeValues.has(key)) invalidValue(`${at}.value`, 'PermissionScope', `Another scope already has the value '${s.value}'.`);
    scopeValues.add(key);
  });

  const roleValues = new Set<string>();
  roles.forEach((raw, i) => {
    const at = `appRoles[${i}]`;
    const r = record(raw, at, 'AppRole');
    claimId(r.id, `${at}.id`, 'AppRole');
    checkPermissionValue(r.value, `${at}.value`, 'AppRole', 120, false);
    const types = list(r.allowedMemberTypes, `${at}.allowedMemberTypes`, 'AppRole');
    if (types.length === 0 || types.some((t) => t !== 'User' && t !== 'Application') || new Set(types).size !== types.length) {
      invalidValue(`${at}.allowedMemberTypes`, 'AppRole', 'Specify User, Application or both.');
    }
    if (blank(r.displayName)) invalidValue(`${at}.displayName`, 'AppRole', 'A display name is required.');
    if (blank(r.description)) invalidValue(`${at}.description`, 'AppRole', 'A description is required.');
    if (typeof r.isEnabled !== 'boolean') invalidValue(`${at}.isEnabled`, 'AppRole');
    const value = text(r.value);
    // Disabled roles are on their way out; only live roles compete for a value in the roles claim.
    if (r.isEnabled && value !== null) {
      if (roleValues.has(value.toLowerCase())) invalidValue(`${at}.value`, 'AppRole', `Another enabled app role already has the value '${value}'.`);
      roleValues.add(value.toLowerCase());
    }
  });

  const preAuthorized = list(api.preAuthorizedApplications, 'api.preAuthorizedApplications', 'ApiApplication');
  preAuthorized.forEach((raw, i) => {
    const p = record(raw, `api.preAuthorizedApplications[${i}]`, 'PreAuthorizedApplication');
    if (!isGuid(p.appId)) invalidValue(`api.preAuthorizedApplications[${i}].appId`, 'PreAuthorizedApplication');
    const perms = list(p.delegatedPermissionIds, `api.preAuthorizedApplications[${i}].delegatedPermissionIds`, 'PreAuthorizedApplication');
    if (perms.some((id) => !isGuid(id))) invalidValue(`api.preAuthorizedApplications[${i}].delegatedPermissionIds`, 'PreAuthorizedApplication');
  });
  if (list(api.knownClientApplications, 'api.knownClientApplications', 'ApiApplication').some((id) => !isGuid(id))) {
    invalidValue('api.knownClientApplications', 'ApiApplication', 'Each entry must be an application (client) id.');
  }
}

function validateRequiredResourceAccess(entries: unknown[], personal: boolean): void {
  if (entries.length > 50) fail('requiredResourceAccess', 'An application can require access to at most 50 resource applications (APIs).');
  const maxTotal = personal ? 200 : 400;
  let total = 0;
  entries.forEach((raw, i) => {
    const at = `requiredResourceAccess[${i}]`;
    const entry = record(raw, at, 'RequiredResourceAccess');
    if (!isGuid(entry.resourceAppId)) invalidValue(`${at}.resourceAppId`, 'RequiredResourceAccess');
    const access = list(entry.resourceAccess, `${at}.resourceAccess`, 'RequiredResourceAccess');
    if (personal && access.length > 30) fail(`${at}.resourceAccess`, 'Apps that sign in personal Microsoft accounts can request at most 30 permissions per resource.');
    access.forEach((item, j) => {
      const a = record(item, `${at}.resourceAccess[${j}]`, 'ResourceAccess');
      if (!isGuid(a.id) || (a.type !== 'Scope' && a.type !== 'Role')) fail(`${at}.resourceAccess[${j}]`, 'Property requiredResourceAccess.resourceAccess is invalid.');
    });
    total += access.length;
  });
  if (total > maxTotal) fail('requiredResourceAccess', `An application can request at most ${maxTotal} permissions in total; ${total} were given.`);
}
