/**
 * `entrada ad group create|list|show|delete` and `ad group member add|remove|list|check`, as az ad group over
 * Microsoft Graph /v1.0/groups. `-g/--group` takes an object id or a display name, as az's does.
 */
import type { Command } from 'commander';
import { isGuid } from '../lib/ids.js';
import { act, type Invocation } from './command.js';
import { CliError } from './errors.js';
import { odataString, type GraphObject } from './graph.js';
import type { Runtime } from './runtime.js';

interface CreateOptions { displayName: string; mailNickname: string; description?: string; force?: boolean }
interface MemberOptions { group: string; memberId: string }

/** az's _resolve_group: an object id, or the one group with this display name. */
export async function resolveGroup(invocation: Invocation, identifier: string): Promise<GraphObject> {
  const graph = invocation.graph();
  if (isGuid(identifier)) return graph.get(`/groups/${identifier}`);
  const matches = await graph.list('/groups', { filter: `displayName eq ${odataString(identifier)}` });
  if (matches.length === 0) throw new CliError(`No group matches the name of '${identifier}'`, 3);
  if (matches.length > 1) throw new CliError(`More than one group match the name of '${identifier}', please use the group's object id`);
  return matches[0]!;
}

function groupOption(command: Command): Command {
  return command.requiredOption('-g, --group <group>', "the group's object id or display name");
}

export function registerGroup(ad: Command, runtime: Runtime): void {
  const group = ad.command('group').description('Manage groups.');

  act<CreateOptions>(runtime, group.command('create')
    .description('Create a security group. Like az, without --force an existing group with the same display name and'
      + ' mail nickname is returned instead of creating another.')
    .requiredOption('--display-name <name>', "the group's display name")
    .requiredOption('--mail-nickname <alias>', "the group's mail nickname")
    .option('--description <text>', "the group's description")
    .option('--force', 'always create a new group'),
  async (options, invocation) => {
    if (!options.force) {
      const filter = `displayName eq ${odataString(options.displayName)} and mailNickname eq ${odataString(options.mailNickname)}`;
      const matches = await invocation.graph().list('/groups', { filter });
      if (matches.length > 1) {
        throw new CliError(`There is more than one group with the same display and nick names: "${matches.map((m) => m.id).join(', ')}". Please delete them first.`);
      }
      if (matches.length === 1) {
        invocation.warn('A group with the same display name and mail nickname already exists, returning.');
        return matches[0];
      }
    }
    return invocation.graph().post('/groups', {
      displayName: options.displayName, mailEnabled: false, mailNickname: options.mailNickname, securityEnabled: true,
      ...(options.description !== undefined ? { description: options.description } : {}),
    });
  });

  act<{ displayName?: string; filter?: string }>(runtime, group.command('list')
    .description('List groups.')
    .option('--display-name <name>', 'groups whose display name starts with this')
    .option('--filter <odata>', 'an OData $filter'),
  async (options, invocation) => {
    const filters: string[] = [];
    if (options.filter) filters.push(options.filter);
    if (options.displayName) filters.push(`startswith(displayName,${odataString(options.displayName)})`);
    return invocation.graph().list('/groups', { filter: filters.length > 0 ? filters.join(' and ') : undefined });
  });

  act<{ group: string }>(runtime, groupOption(group.command('show').description('Get the details of a group.')),
    async (options, invocation) => resolveGroup(invocation, options.group));

  act<{ group: string }>(runtime, groupOption(group.command('delete').description('Delete a group.')),
    async (options, invocation) => {
      const found = await resolveGroup(invocation, options.group);
      await invocation.graph().delete(`/groups/${found.id}`);
    });

  const member = group.command('member').description('Manage group membership.');

  act<MemberOptions>(runtime, groupOption(member.command('add').description('Add a member to a group.'))
    .requiredOption('--member-id <id>', 'the object id of the user, group or service principal to add'),
  async (options, invocation) => {
    const found = await resolveGroup(invocation, options.group);
    await invocation.graph().post(`/groups/${found.id}/members/$ref`, {
      '@odata.id': `${invocation.runtime.url}/v1.0/directoryObjects/${options.memberId}`,
    });
  });

  act<MemberOptions>(runtime, groupOption(member.command('remove').description('Remove a member from a group.'))
    .requiredOption('--member-id <id>', 'the object id of the member to remove'),
  async (options, invocation) => {
    const found = await resolveGroup(invocation, options.group);
    await invocation.graph().delete(`/groups/${found.id}/members/${options.memberId}/$ref`);
  });

  act<{ group: string }>(runtime, groupOption(member.command('list').description("List a group's direct members.")),
    async (options, invocation) => {
      const found = await resolveGroup(invocation, options.group);
      return invocation.graph().list(`/groups/${found.id}/members`);
    });

  act<MemberOptions>(runtime, groupOption(member.command('check').description('Check whether an object is a direct member of a group.'))
    .requiredOption('--member-id <id>', 'the object id of the user, group or service principal'),
  async (options, invocation) => {
    const found = await resolveGroup(invocation, options.group);
    const result = await invocation.graph().post(`/directoryObjects/${options.memberId}/checkMemberGroups`, { groupIds: [found.id] }) as
      { value?: string[] } | undefined;
    return { value: (result?.value ?? []).includes(String(found.id)) };
  });
}
