/** The Graph shapes of users, groups and directory objects the directory blades read. */
import type { AppRole, Application, PermissionScope } from './types';

export interface User {
  id: string;
  displayName: string;
  userPrincipalName: string;
  accountEnabled: boolean;
  mailNickname?: string;
  createdDateTime?: string;
  userType?: string;
}

/** Graph's default user properties leave out accountEnabled, userType and createdDateTime: ask for them. */
export const USER_SELECT = '$select=id,displayName,userPrincipalName,accountEnabled,userType,createdDateTime,mailNickname';

export interface Group {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  securityEnabled: boolean;
  mailEnabled: boolean;
  groupTypes: string[];
  createdDateTime?: string;
}

/** A member, owner or principal: `@odata.type` says which kind. */
export interface DirectoryObject {
  '@odata.type'?: string;
  id: string;
  displayName: string;
  userPrincipalName?: string;
  appId?: string;
}

export interface PreAuthorizedApplication { appId: string; delegatedPermissionIds: string[] }

/** An application with what Expose an API and App roles edit. */
export interface ApiApplication extends Application {
  api: {
    requestedAccessTokenVersion: number | null;
    oauth2PermissionScopes: (PermissionScope & { userConsentDisplayName: string | null; userConsentDescription: string | null })[];
    preAuthorizedApplications: PreAuthorizedApplication[];
  };
  appRoles: AppRole[];
}

export function asApiApplication(app: Application): ApiApplication {
  const a = app as Partial<ApiApplication> & Application;
  return {
    ...a,
    api: {
      requestedAccessTokenVersion: a.api?.requestedAccessTokenVersion ?? null,
      oauth2PermissionScopes: a.api?.oauth2PermissionScopes ?? [],
      preAuthorizedApplications: a.api?.preAuthorizedApplications ?? [],
    },
    appRoles: a.appRoles ?? [],
  };
}

/** "User", "Group", "Service principal" from an object's `@odata.type`. */
export function objectKind(object: DirectoryObject): string {
  const type = (object['@odata.type'] ?? '').replace('#microsoft.graph.', '');
  if (type === 'group') return 'Group';
  if (type === 'servicePrincipal') return 'Service principal';
  if (type === 'user') return 'User';
  return object.userPrincipalName ? 'User' : object.appId ? 'Service principal' : 'Directory object';
}
