/** The Graph shapes the portal reads (only the properties it uses). */
export interface PasswordCredential {
  keyId: string;
  displayName: string | null;
  hint: string | null;
  secretText?: string | null;
  startDateTime: string;
  endDateTime: string;
}

export interface KeyCredential {
  keyId: string;
  displayName: string | null;
  customKeyIdentifier: string | null;
  startDateTime: string;
  endDateTime: string;
  type: string;
  usage: string;
}

export interface ResourceAccess { id: string; type: 'Scope' | 'Role' }
export interface RequiredResourceAccess { resourceAppId: string; resourceAccess: ResourceAccess[] }

export interface WebSettings {
  redirectUris: string[];
  logoutUrl: string | null;
  implicitGrantSettings: { enableAccessTokenIssuance: boolean; enableIdTokenIssuance: boolean };
}

export interface Application {
  id: string;
  appId: string;
  displayName: string;
  createdDateTime: string;
  signInAudience: string;
  identifierUris: string[];
  isFallbackPublicClient: boolean | null;
  web: WebSettings;
  spa: { redirectUris: string[] };
  publicClient: { redirectUris: string[] };
  passwordCredentials: PasswordCredential[];
  keyCredentials: KeyCredential[];
  requiredResourceAccess: RequiredResourceAccess[];
}

export interface PermissionScope {
  id: string;
  value: string;
  type: 'User' | 'Admin';
  adminConsentDisplayName: string;
  adminConsentDescription: string;
  isEnabled: boolean;
}

export interface AppRole {
  id: string;
  value: string | null;
  displayName: string;
  description: string;
  allowedMemberTypes: string[];
  isEnabled: boolean;
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appOwnerOrganizationId: string | null;
  servicePrincipalNames: string[];
  oauth2PermissionScopes: PermissionScope[];
  appRoles: AppRole[];
}

export interface OAuth2PermissionGrant { id: string; clientId: string; consentType: string; principalId: string | null; resourceId: string; scope: string }
export interface AppRoleAssignment { id: string; appRoleId: string; principalId: string; resourceId: string }

export interface FederatedIdentityCredential {
  id: string;
  name: string;
  issuer: string;
  subject: string;
  description: string | null;
  audiences: string[];
}

export interface Organization { id: string; displayName: string; verifiedDomains: { name: string; isDefault: boolean }[] }

export interface Me { id: string; displayName: string; userPrincipalName: string }

/** Microsoft's tenant: first-party APIs (Microsoft Graph, Azure Healthcare APIs, …) are owned by it. */
export const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
