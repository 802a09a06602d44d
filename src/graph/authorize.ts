/**
 * Who may do what through Graph. Two gates, as in Entra:
 * 1. the token's permissions: delegated `scp` for user tokens, application `roles` for app-only tokens;
 * 2. for delegated writes, the signed-in user's own rights: owner of the object, or a directory role that
 *    manages every app (APP_ADMIN_ROLES). Any user may register an application and becomes its owner.
 * App-only tokens are not limited by ownership: Application.ReadWrite.All manages every app of the tenant.
 * Every refusal is 403 Authorization_RequestDenied.
 */
import type { Caller } from '../access/caller.js';
import { APP_ADMIN_ROLES } from '../directory/directory-roles.js';
import type { GraphCall } from './context.js';
import { graphErrors } from './errors.js';

const DIRECTORY_READ = ['Directory.Read.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'];
const POLICY_WRITE = 'Policy.ReadWrite.ApplicationConfiguration';
/**
 * Entra reads the app management policy with Policy.Read.*; Entrada also lets whoever may read applications read
 * it, so the CLI and the portal can show the secret lifetime cap to the people who create secrets.
 */
const POLICY_READ = ['Policy.Read.All', 'Policy.Read.ApplicationConfiguration', POLICY_WRITE, 'Application.Read.All', 'Application.ReadWrite.All'];

const SCOPES = {
  read: new Set(['Application.Read.All', 'Application.ReadWrite.All', ...DIRECTORY_READ]),
  // /me and /organization: reading one's own profile and tenant needs no more than User.Read.
  profile: new Set(['User.Read', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Application.Read.All', 'Application.ReadWrite.All', ...DIRECTORY_READ]),
  write: new Set(['Application.ReadWrite.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All']),
  assign: new Set(['AppRoleAssignment.ReadWrite.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All']),
  policyRead: new Set([...POLICY_READ, ...DIRECTORY_READ]),
};

const ROLES = {
  read: new Set(['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']),
  profile: new Set(['Organization.Read.All', 'Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All', 'User.Read.All', 'User.ReadWrite.All']),
  write: new Set(['Application.ReadWrite.All']),
  policyRead: new Set([...POLICY_READ, 'Directory.Read.All', 'Directory.ReadWrite.All']),
};

export const hasAny = (held: ReadonlySet<string>, wanted: ReadonlySet<string>): boolean => [...wanted].some((p) => held.has(p));

/** Refuse with 403 Authorization_RequestDenied unless ok. */
export function demand(ok: boolean): void {
  if (!ok) throw graphErrors.denied();
}

/** The token carries one of these permissions: a delegated scope for user tokens, an app role for app-only ones. */
export function permitted(caller: Caller, scopes: ReadonlySet<string>, roles: ReadonlySet<string>): boolean {
  return caller.kind === 'user' ? hasAny(caller.scopes, scopes) : hasAny(caller.roles, roles);
}

/** Reading applications, service principals and their app role assignments. */
export function authorizeRead(caller: Caller): void {
  demand(permitted(caller, SCOPES.read, ROLES.read));
}

/** Reading the signed-in user and the organization. */
export function authorizeProfileRead(caller: Caller): void {
  demand(permitted(caller, SCOPES.profile, ROLES.profile));
}

/**
 * The permission to write applications and service principals at all. Enough on its own to register an
 * application: any user with a write scope may, and becomes its owner.
 */
export function authorizeWrite(caller: Caller): void {
  demand(permitted(caller, SCOPES.write, ROLES.write));
}

/** Whether the signed-in user holds a directory role that manages every application. */
export async function isApplicationAdministrator(call: GraphCall): Promise<boolean> {
  if (call.caller.kind !== 'user') return false;
  const roles = await call.deps.directory.directoryRoles.rolesOf(call.tenantId, call.caller.oid);
  return roles.some((r) => APP_ADMIN_ROLES.includes(r));
}

async function ownsApplication(call: GraphCall, applicationObjectId: string): Promise<boolean> {
  const owners = await call.deps.directory.applications.owners(call.tenantId, applicationObjectId);
  return owners.includes(call.caller.oid);
}

/** Changing an application (update, delete, credentials): its owners and application administrators. */
export async function authorizeApplicationWrite(call: GraphCall, applicationObjectId: string): Promise<void> {
  authorizeWrite(call.caller);
  if (call.caller.kind === 'app') return;
  demand(await ownsApplication(call, applicationObjectId) || await isApplicationAdministrator(call));
}

/**
 * Creating or deleting the service principal of appId: the owners of that app registration, or application
 * administrators (the only ones who may add a first-party or unknown app to the tenant).
 */
export async function authorizeServicePrincipalWrite(call: GraphCall, appId: string): Promise<void> {
  authorizeWrite(call.caller);
  if (call.caller.kind === 'app') return;
  const application = await call.deps.directory.applications.get(call.tenantId, appId, 'appId');
  demand((application !== undefined && await ownsApplication(call, application.id)) || await isApplicationAdministrator(call));
}

/** Granting or revoking app roles (`appRoleAssignedTo`): administrators only, as it is how admin consent is given. */
export async function authorizeAppRoleAssignmentWrite(call: GraphCall): Promise<void> {
  const { caller } = call;
  if (caller.kind === 'app') {
    demand(caller.roles.has('Application.ReadWrite.All') && caller.roles.has('AppRoleAssignment.ReadWrite.All'));
    return;
  }
  demand(hasAny(caller.scopes, SCOPES.assign));
  demand(await isApplicationAdministrator(call));
}

/**
 * addKey/removeKey: an application rolls its own certificates with nothing but a token of its own (the proof
 * of possession is the real check); anyone else needs the rights to change the application.
 */
export async function authorizeKeyRoll(call: GraphCall, application: { id: string; appId: string }): Promise<void> {
  if (call.caller.kind === 'app' && call.caller.appId === application.appId.toLowerCase()) return;
  await authorizeApplicationWrite(call, application.id);
}

/** Reading the tenant's app management policy. */
export function authorizePolicyRead(caller: Caller): void {
  demand(permitted(caller, SCOPES.policyRead, ROLES.policyRead));
}

/** Changing it: Policy.ReadWrite.ApplicationConfiguration, and for a user also an application administrator role. */
export async function authorizePolicyWrite(call: GraphCall): Promise<void> {
  const { caller } = call;
  if (caller.kind === 'app') {
    demand(caller.roles.has(POLICY_WRITE));
    return;
  }
  demand(caller.scopes.has(POLICY_WRITE));
  demand(await isApplicationAdministrator(call));
}
