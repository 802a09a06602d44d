/**
 * `entrada ad user create|list|show|update|delete`, as az ad user over Microsoft Graph /v1.0/users. --id takes an
 * object id or a user principal name, as Graph's `/users/{id | userPrincipalName}` does.
 */
import { Option, type Command } from 'commander';
import { act, parseBool } from './command.js';
import { addGenericUpdateOptions, applyGenericUpdate, hasGenericUpdate, type GenericUpdateOptions } from './generic-update.js';
import { odataString } from './graph.js';
import type { Runtime } from './runtime.js';

interface CreateOptions { displayName: string; userPrincipalName: string; password: string; mailNickname?: string; forceChangePasswordNextSignIn?: boolean }
interface UpdateOptions { id: string; displayName?: string; password?: string; accountEnabled?: boolean; mailNickname?: string; forceChangePasswordNextSignIn?: boolean }
interface ListOptions { upn?: string; displayName?: string; filter?: string }

/** az's three-state flag: bare means true, or give true/false. */
function forceChangeOption(): Option {
  return new Option('--force-change-password-next-sign-in [bool]', 'the user must change the password at the next sign-in (true/false)')
    .argParser(parseBool);
}

/** A path segment for a user id or UPN ('#', '/' and the like escaped). */
export function userPath(id: string): string {
  return `/users/${encodeURIComponent(id)}`;
}

export function registerUser(ad: Command, runtime: Runtime): void {
  const user = ad.command('user').description('Manage users.');

  act<CreateOptions>(runtime, user.command('create')
    .description('Create a user.')
    .requiredOption('--display-name <name>', "the user's display name")
    .requiredOption('--user-principal-name <upn>', "the user's sign-in name, in a domain of the tenant, e.g. jane@entrada.test")
    .requiredOption('--password <password>', "the user's password")
    .option('--mail-nickname <alias>', "the user's mail alias (default: the part of the user name before '@')")
    .addOption(forceChangeOption()),
  async (options, invocation) => invocation.graph().post('/users', {
    accountEnabled: true,
    displayName: options.displayName,
    userPrincipalName: options.userPrincipalName,
    mailNickname: options.mailNickname ?? options.userPrincipalName.split('@')[0],
    passwordProfile: { forceChangePasswordNextSignIn: options.forceChangePasswordNextSignIn ?? false, password: options.password },
  }));

  act<ListOptions>(runtime, user.command('list')
    .description('List users.')
    .option('--upn <upn>', 'the user with this user principal name')
    .option('--display-name <name>', 'users whose display name starts with this')
    .option('--filter <odata>', 'an OData $filter, e.g. "accountEnabled eq false"'),
  async (options, invocation) => {
    const filters: string[] = [];
    if (options.filter) filters.push(options.filter);
    if (options.upn) filters.push(`userPrincipalName eq ${odataString(options.upn)}`);
    if (options.displayName) filters.push(`startswith(displayName,${odataString(options.displayName)})`);
    return invocation.graph().list('/users', { filter: filters.length > 0 ? filters.join(' and ') : undefined });
  });

  act<{ id: string }>(runtime, user.command('show')
    .description('Get the details of a user.')
    .requiredOption('--id <id>', "the user's object id or user principal name"),
  async (options, invocation) => invocation.graph().get(userPath(options.id)));

  // --set and friends reach any writable property, e.g. the SMART fhirUser directory extension:
  // --set extension_4f6778d85aef43dca1ffb073724b9495_fhirUser=Patient/123
  act<UpdateOptions & GenericUpdateOptions>(runtime, addGenericUpdateOptions(user.command('update')
    .description("Update a user: profile, account state, or (as an administrator) reset the password.")
    .requiredOption('--id <id>', "the user's object id or user principal name")
    .option('--display-name <name>', "the user's display name")
    .option('--password <password>', 'a new password')
    .addOption(new Option('--account-enabled <bool>', 'enable or disable sign-in (true/false)').argParser(parseBool))
    .option('--mail-nickname <alias>', "the user's mail alias")
    .addOption(forceChangeOption())),
  async (options, invocation) => {
    const body: Record<string, unknown> = {};
    if (options.accountEnabled !== undefined) body.accountEnabled = options.accountEnabled;
    if (options.displayName !== undefined) body.displayName = options.displayName;
    if (options.mailNickname !== undefined) body.mailNickname = options.mailNickname;
    if (options.password !== undefined || options.forceChangePasswordNextSignIn !== undefined) {
      body.passwordProfile = {
        ...(options.forceChangePasswordNextSignIn !== undefined ? { forceChangePasswordNextSignIn: options.forceChangePasswordNextSignIn } : {}),
        ...(options.password !== undefined ? { password: options.password } : {}),
      };
    }
    if (hasGenericUpdate(options)) {
      await applyGenericUpdate(body, options, async () => (await invocation.graph().get(userPath(options.id))) as Record<string, unknown>);
    }
    // As az: nothing to change is not an error, and a successful update prints nothing.
    if (Object.keys(body).length > 0) await invocation.graph().patch(userPath(options.id), body);
  });

  act<{ id: string }>(runtime, user.command('delete')
    .description('Delete a user.')
    .requiredOption('--id <id>', "the user's object id or user principal name"),
  async (options, invocation) => {
    await invocation.graph().delete(userPath(options.id));
  });
}
