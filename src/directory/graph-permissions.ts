/**
 * Microsoft Graph's delegated scopes and application permissions, with the ids Entra uses (sources in
 * first-party.ts). Pure data.
 */
export interface FirstPartyScope {
  id: string;
  value: string;
  type: 'User' | 'Admin';
  adminConsentDisplayName: string;
  adminConsentDescription: string;
  userConsentDisplayName: string | null;
  userConsentDescription: string | null;
  isEnabled: true;
}

export interface FirstPartyRole {
  id: string;
  value: string;
  displayName: string;
  description: string;
  allowedMemberTypes: ('User' | 'Application')[];
  isEnabled: true;
  origin: 'Application';
}

/** A scope anyone may consent to for themselves. */
export function userScope(id: string, value: string, displayName: string, description: string, userDisplayName: string, userDescription: string): FirstPartyScope {
  return {
    id,
    value,
    type: 'User',
    adminConsentDisplayName: displayName,
    adminConsentDescription: description,
    userConsentDisplayName: userDisplayName,
    userConsentDescription: userDescription,
    isEnabled: true,
  };
}

/** A scope only an administrator may consent to. */
function adminScope(id: string, value: string, displayName: string, description: string): FirstPartyScope {
  return {
    id,
    value,
    type: 'Admin',
    adminConsentDisplayName: displayName,
    adminConsentDescription: description,
    userConsentDisplayName: null,
    userConsentDescription: null,
    isEnabled: true,
  };
}

/** An application permission (app role assignable to service principals only). */
function appPermission(id: string, value: string, displayName: string, description: string): FirstPartyRole {
  return { id, value, displayName, description, allowedMemberTypes: ['Application'], isEnabled: true, origin: 'Application' };
}


export const GRAPH_SCOPES: FirstPartyScope[] = [
  // OpenID Connect scopes are delegated permissions of Microsoft Graph in Entra.
  userScope(
    '37f7f235-527c-4136-accd-4a02d197296e',
    'openid',
    'Sign users in',
    'Lets users sign in to the app with their organizational account.',
    'Sign you in',
    'Lets you sign in to the app with your organizational account.',
  ),
  userScope(
    '14dad69e-099b-42c9-810b-d002981feec1',
    'profile',
    "View users' basic profile",
    "Lets the app see users' basic profile: name, username and picture.",
    'View your basic profile',
    'Lets the app see your name, username and picture.',
  ),
  userScope(
    '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0',
    'email',
    "View users' email address",
    "Lets the app read users' primary email address.",
    'View your email address',
    'Lets the app read your primary email address.',
  ),
  userScope(
    '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
    'offline_access',
    'Keep access to granted data',
    'Lets the app keep using the data it was given access to while users are away, through refresh tokens. Grants no extra permissions.',
    'Keep access to data you gave it',
    'Lets the app keep using the data you gave it access to while you are away. Grants no extra permissions.',
  ),
  userScope(
    'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
    'User.Read',
    'Sign in and read user profile',
    "Lets users sign in and lets the app read the signed-in user's profile and basic information about their organization.",
    'Sign you in and read your profile',
    'Lets you sign in and lets the app read your profile and basic information about your organization.',
  ),
  userScope(
    'b340eb25-3456-403f-be2f-af7a0d370277',
    'User.ReadBasic.All',
    "Read all users' basic profiles",
    'Lets the app read basic profile properties (display name, names, email, photo) of the users in the organization, as the signed-in user.',
    "Read all users' basic profiles",
    'Lets the app read basic profile properties of the users in your organization, on your behalf.',
  ),
  adminScope(
    'a154be20-db9c-4678-8ab7-66f6cc099a59',
    'User.Read.All',
    "Read all users' full profiles",
    'Lets the app read every profile property of the users in the organization, as the signed-in user.',
  ),
  adminScope(
    '204e0828-b5ca-4ad8-b9f3-f32a958e7cc4',
    'User.ReadWrite.All',
    "Read and write all users' full profiles",
    'Lets the app read and change the profiles of the users in the organization, as the signed-in user.',
  ),
  adminScope(
    '06da0dbc-49e2-44d2-8312-53f166ab848a',
    'Directory.Read.All',
    'Read directory data',
    'Lets the app read directory objects such as users, groups and applications, as the signed-in user.',
  ),
  adminScope(
    'c5366453-9fb0-48a5-a156-24f0c49a4b84',
    'Directory.ReadWrite.All',
    'Read and write directory data',
    'Lets the app read and change directory objects such as users and groups, as the signed-in user. Does not allow deleting users or groups or resetting passwords.',
  ),
  adminScope(
    '0e263e50-5827-48a4-b97c-d940288653c7',
    'Directory.AccessAsUser.All',
    'Access the directory as the signed-in user',
    'Lets the app do in the directory whatever the signed-in user may do.',
  ),
  adminScope(
    'c79f8feb-a9db-4090-85f9-90d820caa0eb',
    'Application.Read.All',
    'Read applications',
    'Lets the app read applications and service principals, as the signed-in user.',
  ),
  adminScope(
    'bdfbf15f-ee85-4955-8675-146e8e5296b5',
    'Application.ReadWrite.All',
    'Read and write all applications',
    'Lets the app create, read, change and delete applications and service principals, as the signed-in user.',
  ),
  adminScope(
    '5f8c59db-677d-491f-a6b8-5f174b11ec1d',
    'Group.Read.All',
    'Read all groups',
    'Lets the app list groups and read their properties and memberships, as the signed-in user.',
  ),
  adminScope(
    '4e46008b-f24c-477d-8fff-7bb4ec7aafe0',
    'Group.ReadWrite.All',
    'Read and write all groups',
    'Lets the app create groups and read and change group properties and memberships, as the signed-in user.',
  ),
  adminScope(
    '41ce6ca6-6826-4807-84f1-1c82854f7ee5',
    'DelegatedPermissionGrant.ReadWrite.All',
    'Manage all delegated permission grants',
    'Lets the app grant and revoke delegated permissions of any API, as the signed-in user.',
  ),
  adminScope(
    '84bccea3-f856-4a8a-967b-dbe0a3d53a64',
    'AppRoleAssignment.ReadWrite.All',
    'Manage app permission grants and app role assignments',
    'Lets the app grant application permissions of any API and assign app roles of any app, as the signed-in user.',
  ),
  adminScope(
    '4908d5b9-3fb2-4b1e-9336-1888b7937185',
    'Organization.Read.All',
    'Read organization information',
    "Lets the app read the organization's properties, as the signed-in user.",
  ),
  adminScope(
    'b27add92-efb2-4f16-84f5-8108ba77985c',
    'Policy.ReadWrite.ApplicationConfiguration',
    "Read and write your organization's application configuration policies",
    "Lets the app read and change the organization's application policies (such as the app management policy that caps secret lifetimes), as the signed-in user.",
  ),
];

export const GRAPH_ROLES: FirstPartyRole[] = [
  appPermission(
    '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
    'Application.ReadWrite.All',
    'Read and write all applications',
    'Lets the app create, read, change and delete applications and service principals without a signed-in user. Does not include managing consent grants.',
  ),
  appPermission(
    '18a4783c-866b-4cc7-a460-3d5e5662c884',
    'Application.ReadWrite.OwnedBy',
    'Manage apps that this app creates or owns',
    'Lets the app create applications and fully manage the ones it owns, without a signed-in user.',
  ),
  appPermission(
    '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
    'Application.Read.All',
    'Read all applications',
    'Lets the app read all applications and service principals without a signed-in user.',
  ),
  appPermission(
    '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
    'Directory.Read.All',
    'Read directory data',
    'Lets the app read directory objects such as users, groups and applications without a signed-in user.',
  ),
  appPermission(
    '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
    'Directory.ReadWrite.All',
    'Read and write directory data',
    'Lets the app read and change directory objects such as users and groups without a signed-in user. Does not allow deleting users or groups.',
  ),
  appPermission(
    'df021288-bdef-4463-88db-98f22de89214',
    'User.Read.All',
    "Read all users' full profiles",
    'Lets the app read the profiles of all users without a signed-in user.',
  ),
  appPermission(
    '741f803b-c850-494e-b5df-cde7c675a1ca',
    'User.ReadWrite.All',
    "Read and write all users' full profiles",
    'Lets the app read and change the profiles of all users without a signed-in user.',
  ),
  appPermission(
    '5b567255-7703-4780-807c-7be8301ae99b',
    'Group.Read.All',
    'Read all groups',
    'Lets the app read the properties and memberships of all groups without a signed-in user.',
  ),
  appPermission(
    '62a82d76-70ea-41e2-9197-370581804d09',
    'Group.ReadWrite.All',
    'Read and write all groups',
    'Lets the app create, read, change and delete groups and their memberships without a signed-in user.',
  ),
  appPermission(
    '06b708a9-e830-4db3-a914-8e69da51d44f',
    'AppRoleAssignment.ReadWrite.All',
    'Manage app permission grants and app role assignments',
    'Lets the app grant application permissions of any API and assign app roles of any app, without a signed-in user.',
  ),
  appPermission(
    '8e8e4742-1d95-4f68-9d56-6ee75648c72a',
    'DelegatedPermissionGrant.ReadWrite.All',
    'Manage all delegated permission grants',
    'Lets the app grant and revoke delegated permissions of any API without a signed-in user.',
  ),
  appPermission(
    '498476ce-e0fe-48b0-b801-37ba7e2685c6',
    'Organization.Read.All',
    'Read organization information',
    "Lets the app read the organization's properties without a signed-in user.",
  ),
  appPermission(
    'be74164b-cff1-491c-8741-e671cb536e13',
    'Policy.ReadWrite.ApplicationConfiguration',
    "Read and write your organization's application configuration policies",
    "Lets the app read and change the organization's application policies (such as the app management policy that caps secret lifetimes) without a signed-in user.",
  ),
];
