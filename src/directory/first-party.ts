/**
 * The first-party applications: the apps that exist, with the same appId, in every tenant (contract.md,
 * "First-party applications"). Pure data and lookups; creating their service principals is done elsewhere.
 *
 * Permission ids are the real ones Entra uses, so that requiredResourceAccess entries, `az ad app permission add
 * --api-permissions <id>=Scope|Role` and scripts written against Entra work unchanged. Sources:
 * - Graph: a snapshot of Microsoft Graph's service principal (GET /servicePrincipals?$filter=appId eq
 *   '00000003-…') kept in microsoftgraph/msgraph-permissions-scraper (test resource
 *   ServicePrincipalScopesDescriptions.json), cross-checked against learn.microsoft.com/graph/permissions-reference
 *   and the Find-MgGraphPermission docs page (Application.Read.All / Application.ReadWrite.All delegated ids);
 *   Policy.ReadWrite.ApplicationConfiguration from the permissions reference (delegated b27add92…, application be74164b…).
 * - Azure Healthcare APIs `user_impersonation`: two independent public dumps/configs of the first-party app's
 *   service principal (not a Microsoft docs page); see the comment at HEALTHCARE_USER_IMPERSONATION_ID.
 * Display names and descriptions are our own wording.
 */
import { GRAPH_ROLES, GRAPH_SCOPES, userScope, type FirstPartyRole, type FirstPartyScope } from './graph-permissions.js';
import { SMART_SCOPES } from './healthcare-smart-scopes.js';

export type { FirstPartyRole, FirstPartyScope };

/** appOwnerOrganizationId of Microsoft's first-party apps. */
export const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const HEALTHCARE_APP_ID = '4f6778d8-5aef-43dc-a1ff-b073724b9495';
/** Azure CLI's appId, so tools that hard-code it (az, @azure/identity's AzureCliCredential flows) keep working. */
export const CLI_APP_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
export const PORTAL_APP_ID = 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c';
/** Azure Resource Manager's appId ("Windows Azure Service Management API"): the audience of management tokens. */
export const MANAGEMENT_APP_ID = '797f4846-ba00-4fd7-ba43-dac1f8f63013';
export interface FirstPartyApp {
  appId: string;
  displayName: string;
  /** Identifier URIs valid in every tenant (Graph: https://graph.microsoft.com and variants). Healthcare's come from the tenant's FHIR services, so it has none here. */
  identifierUris: string[];
  requestedAccessTokenVersion: 1 | 2 | null;
  oauth2PermissionScopes: FirstPartyScope[];
  appRoles: FirstPartyRole[];
  /** Client settings, for apps that sign users in. */
  isFallbackPublicClient: boolean;
  publicClientRedirectUris: string[];
  spaRedirectUris: (publicUrl: string) => string[];
  /** Delegated scopes of other first-party APIs this client may use without consent. */
  preAuthorizedFor: { resourceAppId: string; scopes: string[] | 'all' }[];
  /** Whether its service principal is created in every tenant at first start (Healthcare's only appears with the first FHIR deployment). */
  inEveryTenant: boolean;
}

const noRedirects = (_publicUrl: string): string[] => [];

/**
 * Id of `user_impersonation` on Azure Healthcare APIs. Found in two independent public sources that list the
 * first-party app's service principal (a generated per-API permission listing whose other entries, e.g. Azure
 * Service Management's user_impersonation 41094075-9dad-400e-a0bd-54e686782033, match Entra, and a Terraform
 * requiredResourceAccess labelled "user_impersonation - Delegated"), but not in Microsoft's documentation.
 * The real app also exposes SMART-on-FHIR scopes (patient.*.read, launch, fhirUser, …); ours are in healthcare-smart-scopes.ts.
 */
const HEALTHCARE_USER_IMPERSONATION_ID = 'db75143a-8f20-4238-9450-8b73ef4992f4';

/** Id of `user_impersonation` on Windows Azure Service Management API, as Entra has it (see the note above). */
const MANAGEMENT_USER_IMPERSONATION_ID = '41094075-9dad-400e-a0bd-54e686782033';

const bothFirstPartyApis: FirstPartyApp['preAuthorizedFor'] = [
  { resourceAppId: GRAPH_APP_ID, scopes: 'all' },
  // Not the SMART scopes: they are the user's to consent to, per client (healthcare-smart-scopes.ts).
  { resourceAppId: HEALTHCARE_APP_ID, scopes: ['user_impersonation'] },
  { resourceAppId: MANAGEMENT_APP_ID, scopes: 'all' },
];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export const FIRST_PARTY_APPS: readonly FirstPartyApp[] = deepFreeze<FirstPartyApp[]>([
  {
    appId: GRAPH_APP_ID,
    displayName: 'Microsoft Graph',
    // `https://graph.microsoft.com/` (trailing slash) and the bare appId are handled by resource resolution.
    identifierUris: ['https://graph.microsoft.com'],
    requestedAccessTokenVersion: 1,
    oauth2PermissionScopes: GRAPH_SCOPES,
    appRoles: GRAPH_ROLES,
    isFallbackPublicClient: false,
    publicClientRedirectUris: [],
    spaRedirectUris: noRedirects,
    preAuthorizedFor: [],
    inEveryTenant: true,
  },
  {
    appId: HEALTHCARE_APP_ID,
    displayName: 'Azure Healthcare APIs',
    // The tenant's FHIR service URLs; derived per tenant from its deployments.
    identifierUris: [],
    requestedAccessTokenVersion: 1,
    oauth2PermissionScopes: [
      userScope(
        HEALTHCARE_USER_IMPERSONATION_ID,
        'user_impersonation',
        'Access Azure Healthcare APIs',
        "Lets the app call the organization's Healthcare APIs (FHIR services) as the signed-in user.",
        'Access Azure Healthcare APIs',
        'Lets the app call Healthcare APIs (FHIR services) on your behalf.',
      ),
      ...SMART_SCOPES,
    ],
    appRoles: [],
    isFallbackPublicClient: false,
    publicClientRedirectUris: [],
    spaRedirectUris: noRedirects,
    preAuthorizedFor: [],
    inEveryTenant: false,
  },
  {
    appId: MANAGEMENT_APP_ID,
    displayName: 'Windows Azure Service Management API',
    // What az and the Azure SDKs ask for: `https://management.core.windows.net//.default` or `https://management.azure.com/.default`.
    identifierUris: ['https://management.azure.com/', 'https://management.core.windows.net/'],
    requestedAccessTokenVersion: 1,
    oauth2PermissionScopes: [
      userScope(
        MANAGEMENT_USER_IMPERSONATION_ID,
        'user_impersonation',
        'Access Azure Service Management as organization users',
        'Lets the app manage Healthcare APIs workspaces, FHIR services and their role assignments as the signed-in user.',
        'Access Azure Service Management as you',
        'Lets the app manage Healthcare APIs resources on your behalf.',
      ),
    ],
    appRoles: [],
    isFallbackPublicClient: false,
    publicClientRedirectUris: [],
    spaRedirectUris: noRedirects,
    preAuthorizedFor: [],
    inEveryTenant: true,
  },
  {
    appId: CLI_APP_ID,
    displayName: 'Entrada CLI',
    identifierUris: [],
    requestedAccessTokenVersion: null,
    oauth2PermissionScopes: [],
    appRoles: [],
    isFallbackPublicClient: true,
    publicClientRedirectUris: ['http://localhost'],
    spaRedirectUris: noRedirects,
    preAuthorizedFor: bothFirstPartyApis,
    inEveryTenant: true,
  },
  {
    appId: PORTAL_APP_ID,
    displayName: 'Entrada portal',
    identifierUris: [],
    requestedAccessTokenVersion: null,
    oauth2PermissionScopes: [],
    appRoles: [],
    isFallbackPublicClient: false,
    publicClientRedirectUris: [],
    spaRedirectUris: (publicUrl: string) => [`${publicUrl.replace(/\/+$/, '')}/portal/`],
    preAuthorizedFor: bothFirstPartyApis,
    inEveryTenant: true,
  },
]);

const byAppId = new Map(FIRST_PARTY_APPS.map((app) => [app.appId.toLowerCase(), app]));

/** The first-party app with this appId (case-insensitive), if any. */
export function firstPartyApp(appId: string): FirstPartyApp | undefined {
  return byAppId.get(appId.toLowerCase());
}

export function isFirstPartyAppId(appId: string): boolean {
  return firstPartyApp(appId) !== undefined;
}
