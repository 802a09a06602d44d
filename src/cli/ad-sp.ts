/**
 * `entrada ad sp create|list|show|delete`, as az ad sp over Microsoft Graph /v1.0/servicePrincipals.
 */
import type { Command } from 'commander';
import { directoryRow, listObjects, ownedObjects, resolveApplication, resolveServicePrincipal } from './ad-lookup.js';
import { act } from './command.js';
import { CliError, GraphError } from './errors.js';
import { odataString } from './graph.js';
import type { Runtime } from './runtime.js';

interface ListOptions { spn?: string; displayName?: string; filter?: string; all?: boolean; showMine?: boolean }

export function registerServicePrincipal(ad: Command, runtime: Runtime): void {
  const sp = ad.command('sp').description('Manage service principals.');

  act<{ id: string }>(runtime, sp.command('create')
    .description('Create a service principal for an application.')
    .requiredOption('--id <id>', 'the appId, object id or identifier URI of the application'),
  async (options, invocation) => {
    // As az: resolve the application in this tenant if it is here; otherwise take --id as the appId of an
    // application that lives elsewhere (a multi-tenant or first-party app).
    let appId = options.id;
    try {
      appId = String((await resolveApplication(invocation, options.id)).appId);
    } catch (err) {
      if (!(err instanceof GraphError && err.status === 404) && !(err instanceof CliError && err.exitCode === 3)) throw err;
    }
    return invocation.graph().post('/servicePrincipals', { appId, accountEnabled: true });
  });

  act<ListOptions>(runtime, sp.command('list')
    .description('List service principals. Without a filter, the first 100.')
    .option('--spn <name>', 'the service principal with this servicePrincipalName (appId or identifier URI)')
    .option('--display-name <name>', 'service principals whose display name starts with this')
    .option('--filter <odata>', 'an OData $filter')
    .option('--all', 'list all service principals; may take long')
    .option('--show-mine', 'list the service principals owned by the signed-in user'),
  async (options, invocation) => {
    if (options.showMine) return ownedObjects(invocation, 'servicePrincipal');
    const filters: string[] = [];
    if (options.filter) filters.push(options.filter);
    if (options.spn) filters.push(`servicePrincipalNames/any(c:c eq ${odataString(options.spn)})`);
    if (options.displayName) filters.push(`startswith(displayName,${odataString(options.displayName)})`);
    return listObjects(invocation, '/servicePrincipals', filters, options.all);
  }, directoryRow);

  act<{ id: string }>(runtime, sp.command('show')
    .description('Get the details of a service principal.')
    .requiredOption('--id <id>', 'the appId, object id or a servicePrincipalName'),
  async (options, invocation) => resolveServicePrincipal(invocation, options.id), directoryRow);

  act<{ id: string }>(runtime, sp.command('delete')
    .description('Delete a service principal.')
    .requiredOption('--id <id>', 'the appId, object id or a servicePrincipalName'),
  async (options, invocation) => {
    const servicePrincipal = await resolveServicePrincipal(invocation, options.id);
    await invocation.graph().delete(`/servicePrincipals/${servicePrincipal.id}`);
  });
}
