/**
 * Who may read and change users, groups and delegated permission grants through Graph. The same two gates as
 * for applications (authorize.ts): the token's permissions, then for delegated writes the signed-in user's
 * directory role. Any member may read the directory with a read scope, as Entra's default user permissions allow;
 * writes take User, Groups or Global Administrator (users, groups) or an application administrator role (grants,
 * which is how admin consent is recorded).
 */
import type { Caller } from '../access/caller.js';
import { APP_ADMIN_ROLES, DIRECTORY_ROLES, GROUP_ADMIN_ROLES, USER_ADMIN_ROLES } from '../directory/directory-roles.js';
import { demand, permitted } from './authorize.js';
import type { GraphCall } from './context.js';

const DIRECTORY_READ = ['Directory.Read.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'];
const DIRECTORY_WRITE = ['Directory.ReadWrite.All', 'Directory.AccessAsUser.All'];
const APP_DIRECTORY_READ = ['Directory.Read.All', 'Directory.ReadWrite.All'];

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

const USERS = {
  self: set('User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', ...DIRECTORY_READ),
  read: set('User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', ...DIRECTORY_READ),
  write: set('User.ReadWrite.All', ...DIRECTORY_WRITE),
  appRead: set('User.Read.All', 'User.ReadWrite.All', ...APP_DIRECTORY_READ),
  appWrite: set('User.ReadWrite.All', 'Directory.ReadWrite.All'),
};
const GROUPS = {
  read: set('Group.Read.All', 'Group.ReadWrite.All', 'GroupMember.Read.All', 'GroupMember.ReadWrite.All', ...DIRECTORY_READ),
  write: set('Group.ReadWrite.All', ...DIRECTORY_WRITE),
  members: set('Group.ReadWrite.All', 'GroupMember.ReadWrite.All', ...DIRECTORY_WRITE),
  appRead: set('Group.Read.All', 'Group.ReadWrite.All', 'GroupMember.Read.All', 'GroupMember.ReadWrite.All', ...APP_DIRECTORY_READ),
  appWrite: set('Group.ReadWrite.All', 'Directory.ReadWrite.All'),
  appMembers: set('Group.ReadWrite.All', 'GroupMember.ReadWrite.All', 'Directory.ReadWrite.All'),
};
// Directory.ReadWrite.All does not reach permission grants in Entra; acting as an administrator does.
const GRANTS = {
  read: set('DelegatedPermissionGrant.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', ...DIRECTORY_READ),
  write: set('DelegatedPermissionGrant.ReadWrite.All', 'Directory.AccessAsUser.All'),
  appRead: set('DelegatedPermissionGrant.ReadWrite.All', ...APP_DIRECTORY_READ),
  appWrite: set('DelegatedPermissionGrant.ReadWrite.All'),
};

async function holdsRole(call: GraphCall, roles: readonly string[]): Promise<boolean> {
  const held = await call.deps.directory.directoryRoles.rolesOf(call.tenantId, call.caller.oid);
  return held.some((r) => roles.includes(r));
}

/** Reading users; a user may always read their own object with any profile scope (User.Read included). */
export function authorizeUserRead(caller: Caller, userId?: string): void {
  if (caller.kind === 'user' && userId !== undefined && userId === caller.oid && permitted(caller, USERS.self, USERS.appRead)) return;
  demand(permitted(caller, USERS.read, USERS.appRead));
}

/**
 * Creating, changing or deleting users. A Global Administrator's account (its password, its state, the account
 * itself) may be touched only by another Global Administrator: a User Administrator must not be able to take over
 * or lock out the tenant's top role, and neither may an application.
 */
export async function authorizeUserWrite(call: GraphCall, targetUserId?: string): Promise<void> {
  demand(permitted(call.caller, USERS.write, USERS.appWrite));
  const callerIsGlobalAdmin = call.caller.kind === 'user' && await holdsRole(call, [DIRECTORY_ROLES.globalAdministrator.id]);
  if (call.caller.kind === 'user') demand(callerIsGlobalAdmin || await holdsRole(call, USER_ADMIN_ROLES));
  if (targetUserId !== undefined && !callerIsGlobalAdmin) {
    const targetRoles = await call.deps.directory.directoryRoles.rolesOf(call.tenantId, targetUserId);
    demand(!targetRoles.includes(DIRECTORY_ROLES.globalAdministrator.id));
  }
}

export function authorizeGroupRead(caller: Caller): void {
  demand(permitted(caller, GROUPS.read, GROUPS.appRead));
}

/** The groups a user is in: their own with any profile scope, anyone's with a user or group read permission. */
export function authorizeMemberOfRead(caller: Caller, userId: string): void {
  if (caller.kind === 'user' && userId === caller.oid && permitted(caller, USERS.self, USERS.appRead)) return;
  demand(permitted(caller, GROUPS.read, GROUPS.appRead) || permitted(caller, USERS.read, USERS.appRead));
}

export async function authorizeGroupWrite(call: GraphCall): Promise<void> {
  demand(permitted(call.caller, GROUPS.write, GROUPS.appWrite));
  if (call.caller.kind === 'user') demand(await holdsRole(call, GROUP_ADMIN_ROLES));
}

export async function authorizeGroupMemberWrite(call: GraphCall): Promise<void> {
  demand(permitted(call.caller, GROUPS.members, GROUPS.appMembers));
  if (call.caller.kind === 'user') demand(await holdsRole(call, GROUP_ADMIN_ROLES));
}

export function authorizeGrantRead(caller: Caller): void {
  demand(permitted(caller, GRANTS.read, GRANTS.appRead));
}

/** Writing oauth2PermissionGrants is consenting for others: administrators who manage applications only. */
export async function authorizeGrantWrite(call: GraphCall): Promise<void> {
  demand(permitted(call.caller, GRANTS.write, GRANTS.appWrite));
  if (call.caller.kind === 'user') demand(await holdsRole(call, APP_ADMIN_ROLES));
}
