/**
 * The Graph v1.0 `application` resource as the directory keeps it (spec §1), and how a POST/PATCH
 * body is merged into it. Identity fields (id, appId, createdDateTime, deletedDateTime) and the
 * credential collections live elsewhere, so they are not part of ApplicationProps.
 * Input is arbitrary JSON: every wrong type must surface as DirectoryError('invalid'), never a TypeError.
 */
import { DirectoryError } from './errors.js';
import { isGuid } from '../lib/ids.js';

export type SignInAudience = 'AzureADMyOrg' | 'AzureADMultipleOrgs' | 'AzureADandPersonalMicrosoftAccount' | 'PersonalMicrosoftAccount';
export const SIGN_IN_AUDIENCES: readonly SignInAudience[] = ['AzureADMyOrg', 'AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount'];

/** Audiences that let other organizations' tenants hold a service principal of the app (multi-tenant apps). */
export function isMultiTenantAudience(signInAudience: string): boolean {
  return signInAudience === 'AzureADMultipleOrgs' || signInAudience === 'AzureADandPersonalMicrosoftAccount';
}

export interface PermissionScope {
  id: string;
  value: string | null;
  type: 'User' | 'Admin';
  adminConsentDisplayName: string | null;
  adminConsentDescription: string | null;
  userConsentDisplayName: string | null;
  userConsentDescription: string | null;
  isEnabled: boolean;
}
export interface AppRole {
  id: string;
  allowedMemberTypes: ('User' | 'Application')[];
  description: string | null;
  displayName: string | null;
  isEnabled: boolean;
  /** Always 'Application' for roles defined on an app registration; never accepted from clients. */
  origin: string;
  value: string | null;
}
export interface ResourceAccess { id: string; type: 'Scope' | 'Role' }
export interface RequiredResourceAccess { resourceAppId: string; resourceAccess: ResourceAccess[] }
export interface PreAuthorizedApplication { appId: string; delegatedPermissionIds: string[] }
export interface OptionalClaim { name: string; source: string | null; essential: boolean; additionalProperties: string[] }
export interface OptionalClaims { idToken: OptionalClaim[]; accessToken: OptionalClaim[]; saml2Token: OptionalClaim[] }
export interface AddIn { id: string | null; type: string; properties: { key: string; value: string | null }[] }

export interface ApplicationProps {
  displayName: string;
  description: string | null;
  notes: string | null;
  tags: string[];
  signInAudience: SignInAudience;
  identifierUris: string[];
  web: {
    redirectUris: string[];
    homePageUrl: string | null;
    logoutUrl: string | null;
    redirectUriSettings: { uri: string | null; index: number | null }[];
    implicitGrantSettings: { enableIdTokenIssuance: boolean; enableAccessTokenIssuance: boolean };
  };
  spa: { redirectUris: string[] };
  publicClient: { redirectUris: string[] };
  isFallbackPublicClient: boolean | null;
  api: {
    acceptMappedClaims: boolean | null;
    knownClientApplications: string[];
    oauth2PermissionScopes: PermissionScope[];
    preAuthorizedApplications: PreAuthorizedApplication[];
    requestedAccessTokenVersion: 1 | 2 | null;
  };
  appRoles: AppRole[];
  requiredResourceAccess: RequiredResourceAccess[];
  groupMembershipClaims: string | null;
  optionalClaims: OptionalClaims | null;
  info: { logoUrl: string | null; marketingUrl: string | null; privacyStatementUrl: string | null; supportUrl: string | null; termsOfServiceUrl: string | null };
  parentalControlSettings: { countriesBlockedForMinors: string[]; legalAgeGroupRule: string };
  addIns: AddIn[];
  tokenEncryptionKeyId: string | null;
  isDeviceOnlyAuthSupported: boolean | null;
  /** Graph's docs spell it `oauth2RequiredPostResponse`, but the service metadata and every SDK use this name. */
  oauth2RequirePostResponse: boolean;
  samlMetadataUrl: string | null;
  verifiedPublisher: { displayName: string | null; verifiedPublisherId: string | null; addedDateTime: string | null };
  applicationTemplateId: string | null;
  disabledByMicrosoftStatus: string | null;
  defaultRedirectUri: string | null;
  serviceManagementReference: string | null;
  publisherDomain: string;
  certification: {
    certificationDetailsUrl: string | null; certificationExpirationDateTime: string | null;
    isCertifiedByMicrosoft: boolean | null; isPublisherAttested: boolean | null; lastCertificationDateTime: string | null;
  } | null;
  servicePrincipalLockConfiguration: {
    isEnabled: boolean | null; allProperties: boolean | null; credentialsWithUsageVerify: boolean | null;
    credentialsWithUsageSign: boolean | null; identifierUris: boolean | null; tokenEncryptionKeyId: boolean | null;
  } | null;
  requestSignatureVerification: { allowedWeakAlgorithms: string | null; isSignedRequestRequired: boolean | null } | null;
  nativeAuthenticationApisEnabled: 'none' | 'all' | null;
  uniqueName: string | null;
}

/** What Graph returns for `POST /applications {"displayName": …}` (create-application response). */
export function defaultApplicationProps(displayName: string, publisherDomain: string): ApplicationProps {
  return {
    displayName, description: null, notes: null, tags: [],
    signInAudience: 'AzureADMyOrg',
    identifierUris: [],
    web: { redirectUris: [], homePageUrl: null, logoutUrl: null, redirectUriSettings: [], implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false } },
    spa: { redirectUris: [] },
    publicClient: { redirectUris: [] },
    isFallbackPublicClient: null,
    api: { acceptMappedClaims: null, knownClientApplications: [], oauth2PermissionScopes: [], preAuthorizedApplications: [], requestedAccessTokenVersion: null },
    appRoles: [], requiredResourceAccess: [],
    groupMembershipClaims: null, optionalClaims: null,
    info: { logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null },
    parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: 'Allow' },
    addIns: [], tokenEncryptionKeyId: null, isDeviceOnlyAuthSupported: null, oauth2RequirePostResponse: false,
    samlMetadataUrl: null,
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
    applicationTemplateId: null, disabledByMicrosoftStatus: null, defaultRedirectUri: null, serviceManagementReference: null,
    publisherDomain, certification: null, servicePrincipalLockConfiguration: null, requestSignatureVerification: null,
    nativeAuthenticationApisEnabled: null, uniqueName: null,
  };
}

// ---- the shape, as data: one table drives type checking, defaults for collection items and merging ----

type Leaf = { t: 'string' | 'bool' | 'int' | 'guid'; nullable?: boolean; oneOf?: readonly unknown[]; def?: unknown; required?: boolean };
type List = { t: 'strings' | 'guids'; oneOf?: readonly string[] };
type Obj = { t: 'object'; type: string; fields: Record<string, Field>; nullable?: boolean };
type Arr = { t: 'array'; of: Obj };
/** Known to Graph but not settable through POST/PATCH. */
type ReadOnly = { t: 'readonly' };
type Field = Leaf | List | Obj | Arr | ReadOnly;

const str: Leaf = { t: 'string', nullable: true };
const bool: Leaf = { t: 'bool' };
const boolN: Leaf = { t: 'bool', nullable: true };
const strings: List = { t: 'strings' };
const readOnly: ReadOnly = { t: 'readonly' };
const obj = (type: string, fields: Record<string, Field>, nullable = false): Obj => ({ t: 'object', type, fields, nullable });
const arr = (of: Obj): Arr => ({ t: 'array', of });
const requiredId: Leaf = { t: 'guid', required: true };

const optionalClaim = obj('optionalClaim', { name: { t: 'string', required: true }, source: str, essential: bool, additionalProperties: strings });

const APPLICATION = obj('application', {
  displayName: { t: 'string' }, description: str, notes: str, tags: strings,
  signInAudience: { t: 'string', oneOf: SIGN_IN_AUDIENCES },
  identifierUris: strings,
  web: obj('webApplication', {
    redirectUris: strings, homePageUrl: str, logoutUrl: str,
    redirectUriSettings: arr(obj('redirectUriSettings', { uri: str, index: { t: 'int', nullable: true } })),
    implicitGrantSettings: obj('implicitGrantSettings', { enableIdTokenIssuance: bool, enableAccessTokenIssuance: bool }),
  }),
  spa: obj('spaApplication', { redirectUris: strings }),
  publicClient: obj('publicClientApplication', { redirectUris: strings }),
  isFallbackPublicClient: boolN,
  api: obj('apiApplication', {
    acceptMappedClaims: boolN,
    knownClientApplications: { t: 'guids' },
    oauth2PermissionScopes: arr(obj('permissionScope', {
      id: requiredId, value: str, type: { t: 'string', oneOf: ['User', 'Admin'], def: 'User' },
      adminConsentDisplayName: str, adminConsentDescription: str, userConsentDisplayName: str, userConsentDescription: str,
      isEnabled: { t: 'bool', def: true }, origin: readOnly,
    })),
    preAuthorizedApplications: arr(obj('preAuthorizedApplication', { appId: { t: 'guid', required: true }, delegatedPermissionIds: { t: 'guids' } })),
    requestedAccessTokenVersion: { t: 'int', nullable: true, oneOf: [1, 2] },
  }),
  appRoles: arr(obj('appRole', {
    id: requiredId, allowedMemberTypes: { t: 'strings', oneOf: ['User', 'Application'] }, description: str, displayName: str,
    isEnabled: { t: 'bool', def: true }, origin: readOnly, value: str,
  })),
  requiredResourceAccess: arr(obj('requiredResourceAccess', {
    resourceAppId: { t: 'guid', required: true },
    resourceAccess: arr(obj('resourceAccess', { id: requiredId, type: { t: 'string', oneOf: ['Scope', 'Role'], required: true } })),
  })),
  groupMembershipClaims: str,
  optionalClaims: obj('optionalClaims', { idToken: arr(optionalClaim), accessToken: arr(optionalClaim), saml2Token: arr(optionalClaim) }, true),
  info: obj('informationalUrl', { logoUrl: str, marketingUrl: str, privacyStatementUrl: str, supportUrl: str, termsOfServiceUrl: str }),
  parentalControlSettings: obj('parentalControlSettings', { countriesBlockedForMinors: strings, legalAgeGroupRule: { t: 'string', def: 'Allow' } }),
  addIns: arr(obj('addIn', { id: { t: 'guid', nullable: true }, type: { t: 'string', required: true }, properties: arr(obj('keyValue', { key: { t: 'string', required: true }, value: str })) })),
  tokenEncryptionKeyId: { t: 'guid', nullable: true },
  isDeviceOnlyAuthSupported: boolN, oauth2RequirePostResponse: bool, samlMetadataUrl: str,
  defaultRedirectUri: str, serviceManagementReference: str,
  servicePrincipalLockConfiguration: obj('servicePrincipalLockConfiguration', {
    isEnabled: boolN, allProperties: boolN, credentialsWithUsageVerify: boolN, credentialsWithUsageSign: boolN, identifierUris: boolN, tokenEncryptionKeyId: boolN,
  }, true),
  requestSignatureVerification: obj('requestSignatureVerification', { allowedWeakAlgorithms: str, isSignedRequestRequired: boolN }, true),
  nativeAuthenticationApisEnabled: { t: 'string', nullable: true, oneOf: ['none', 'all'] },
  uniqueName: str,
  // Read-only: assigned by the service (or by Microsoft) and only ever echoed back.
  id: readOnly, appId: readOnly, createdDateTime: readOnly, deletedDateTime: readOnly, createdByAppId: readOnly,
  publisherDomain: readOnly, verifiedPublisher: readOnly, disabledByMicrosoftStatus: readOnly,
  applicationTemplateId: readOnly, certification: readOnly, logo: readOnly,
});

const join = (path: string, name: string): string => (path ? `${path}.${name}` : name);
const leafName = (path: string): string => path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');

/** Graph's wording, e.g. "Invalid value specified for property 'type' of resource 'PermissionScope'." */
function bad(path: string, type: string, detail = ''): never {
  const resource = type[0]!.toUpperCase() + type.slice(1);
  throw new DirectoryError('invalid', `Invalid value specified for property '${leafName(path)}' of resource '${resource}'.${detail ? ` ${detail}` : ''}`, path);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value a field has when a collection item omits it. */
function defaultOf(f: Field): unknown {
  switch (f.t) {
    case 'strings': case 'guids': case 'array': return [];
    case 'object': return f.nullable ? null : mergeObject(f, {}, undefined, '');
    case 'bool': return f.def ?? (f.nullable ? null : false);
    default: return 'def' in f ? f.def : null;
  }
}

function parseField(f: Field, v: unknown, current: unknown, path: string, resource: string): unknown {
  switch (f.t) {
    case 'readonly':
      throw new DirectoryError('invalid', `Property '${leafName(path)}' is read-only and cannot be set.`, path);
    case 'strings': case 'guids':
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || (f.t === 'guids' && !isGuid(x)) || (f.oneOf && !f.oneOf.includes(x)))) bad(path, resource);
      return f.t === 'guids' ? v.map((x: string) => x.toLowerCase()) : [...v];
    case 'array':
      if (!Array.isArray(v)) bad(path, resource);
      return v.map((item, i) => {
        if (!isPlainObject(item)) bad(`${path}[${i}]`, resource);
        return mergeObject(f.of, item, undefined, `${path}[${i}]`);
      });
    case 'object':
      if (v === null) return f.nullable ? null : defaultOf({ ...f, nullable: false });
      if (!isPlainObject(v)) bad(path, resource);
      return mergeObject(f, v, isPlainObject(current) ? current : undefined, path);
    default: {
      if (v === null) {
        if (f.nullable) return null;
        bad(path, resource, 'The value cannot be null.');
      }
      const ok = f.t === 'string' ? typeof v === 'string'
        : f.t === 'bool' ? typeof v === 'boolean'
          : f.t === 'int' ? Number.isInteger(v) : isGuid(v);
      if (!ok || (f.oneOf && !f.oneOf.includes(v))) bad(path, resource);
      return f.t === 'guid' ? (v as string).toLowerCase() : v;
    }
  }
}

/**
 * Graph PATCH semantics for complex types: properties given replace, the others keep their current
 * value (or their default for a new collection item). Collections are always replaced whole.
 */
function mergeObject(spec: Obj, input: Record<string, unknown>, current: Record<string, unknown> | undefined, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(spec.fields)) {
    if (f.t === 'readonly') continue;
    out[name] = current && name in current ? current[name] : defaultOf(f);
  }
  for (const [name, v] of Object.entries(input)) {
    // Instance annotations (`@odata.type`, `owners@odata.bind`) are the HTTP surface's business.
    if (name.includes('@')) continue;
    // hasOwn, not indexing: `constructor` or `__proto__` in a body must not resolve to Object.prototype members.
    if (!Object.hasOwn(spec.fields, name)) throw new DirectoryError('invalid', `Property '${name}' does not exist on type 'microsoft.graph.${spec.type}'.`, join(path, name));
    out[name] = parseField(spec.fields[name]!, v, current?.[name], join(path, name), spec.type);
  }
  for (const [name, f] of Object.entries(spec.fields)) {
    if (f.t !== 'readonly' && 'required' in f && f.required && out[name] === null) bad(join(path, name), spec.type, 'The value is required.');
  }
  return out;
}

type Permission = { id: string; isEnabled: boolean; value: string | null };

/** Entra refuses to drop or re-value a permission that is still enabled: tokens and grants refer to it. */
function guardEnabledPermissions(before: unknown, after: unknown, prop: string): void {
  const next = new Map((Array.isArray(after) ? after as Permission[] : []).map((p) => [p?.id, p]));
  for (const was of (Array.isArray(before) ? before : []) as Permission[]) {
    const now = next.get(was?.id);
    if (was?.isEnabled && (!now || now.value !== was.value)) {
      throw new DirectoryError('invalid', 'Permission (scope or role) cannot be deleted or updated unless disabled first.', prop);
    }
  }
}

/**
 * Merge a POST (mode 'create', onto defaultApplicationProps) or PATCH body into `current`.
 * `keyCredentials` is handled by the credential code and is left out here; secrets only come
 * through addPassword, so a non-empty `passwordCredentials` is refused as Graph does.
 */
export function applyApplicationInput(current: ApplicationProps, input: Record<string, unknown>, mode: 'create' | 'update'): ApplicationProps {
  if (!isPlainObject(input)) throw new DirectoryError('invalid', 'The request body must be a JSON object.');
  const body: Record<string, unknown> = { ...input };
  delete body.keyCredentials;
  if ('passwordCredentials' in body) {
    const pc = body.passwordCredentials;
    if (mode === 'update' || !(pc === null || (Array.isArray(pc) && pc.length === 0))) {
      throw new DirectoryError('invalid', 'Adding passwordCredentials when creating or updating applications is not supported. Use the addPassword method to add passwords or secrets for an application.', 'passwordCredentials');
    }
    delete body.passwordCredentials;
  }
  // uniqueName is an immutable alternate key: it can be given once, at creation.
  if (mode === 'update' && 'uniqueName' in body && body.uniqueName !== (current.uniqueName ?? null)) {
    throw new DirectoryError('invalid', "Property 'uniqueName' is read-only and cannot be set.", 'uniqueName');
  }
  const base = structuredClone(current);
  const next = mergeObject(APPLICATION, body, base as unknown as Record<string, unknown>, '') as unknown as ApplicationProps;
  // Read-only fields are not in the table's writable set, so carry them over explicitly.
  next.publisherDomain = base.publisherDomain;
  next.verifiedPublisher = base.verifiedPublisher;
  next.disabledByMicrosoftStatus = base.disabledByMicrosoftStatus;
  next.applicationTemplateId = base.applicationTemplateId;
  next.certification = base.certification;
  // The input table never carries `origin`; it belongs to the service.
  if (Array.isArray(next.appRoles)) next.appRoles = next.appRoles.map((r) => ({ ...r, origin: 'Application' }));
  if (mode === 'update') {
    // Stored props may predate a field, so read the old side defensively.
    guardEnabledPermissions(base.api?.oauth2PermissionScopes, next.api?.oauth2PermissionScopes, 'api.oauth2PermissionScopes');
    guardEnabledPermissions(base.appRoles, next.appRoles, 'appRoles');
  }
  return next;
}
