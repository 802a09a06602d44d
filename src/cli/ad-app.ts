/**
 * `entrada ad app create|list|show|update|delete`, as az ad app over Microsoft Graph /v1.0/applications.
 * Unlike az, create always creates: az patches an existing app with the same display name instead.
 */
import type { Command } from 'commander';
import { registerAppCredential } from './ad-app-credential.js';
import { registerFederatedCredential } from './ad-app-federated.js';
import { registerAppPermission } from './ad-app-permission.js';
import { addAppPropertyOptions, applicationBody, type AppPropertyOptions } from './ad-app-properties.js';
import { directoryRow, listObjects, ownedObjects, resolveApplication } from './ad-lookup.js';
import { act } from './command.js';
import { addGenericUpdateOptions, applyGenericUpdate, hasGenericUpdate, type GenericUpdateOptions } from './generic-update.js';
import { odataString } from './graph.js';
import type { Runtime } from './runtime.js';

interface ListOptions { displayName?: string; appId?: string; identifierUri?: string; filter?: string; all?: boolean; showMine?: boolean }

export function registerApp(ad: Command, runtime: Runtime): void {
  const app = ad.command('app').description('Manage applications.');

  act<AppPropertyOptions>(runtime, addAppPropertyOptions(app.command('create')
    .description('Create an application.')
    .requiredOption('--display-name <name>', 'the display name of the application')),
  async (options, invocation) => invocation.graph().post('/applications', applicationBody(options)));

  act<ListOptions>(runtime, app.command('list')
    .description('List applications. Without a filter, the first 100.')
    .option('--display-name <name>', 'applications whose display name starts with this')
    .option('--app-id <appId>', 'the application with this appId')
    .option('--identifier-uri <uri>', 'the application with this identifier URI')
    .option('--filter <odata>', 'an OData $filter, e.g. "displayName eq \'x\'"')
    .option('--all', 'list all applications; may take long')
    .option('--show-mine', 'list the applications owned by the signed-in user'),
  async (options, invocation) => {
    if (options.showMine) return ownedObjects(invocation, 'application');
    const filters: string[] = [];
    if (options.filter) filters.push(options.filter);
    if (options.appId) filters.push(`appId eq ${odataString(options.appId)}`);
    if (options.displayName) filters.push(`startswith(displayName,${odataString(options.displayName)})`);
    if (options.identifierUri) filters.push(`identifierUris/any(s:s eq ${odataString(options.identifierUri)})`);
    return listObjects(invocation, '/applications', filters, options.all);
  }, directoryRow);

  act<{ id: string }>(runtime, app.command('show')
    .description('Get the details of an application.')
    .requiredOption('--id <id>', 'the appId, object id or identifier URI'),
  async (options, invocation) => resolveApplication(invocation, options.id), directoryRow);

  act<AppPropertyOptions & GenericUpdateOptions & { id: string }>(runtime, addGenericUpdateOptions(addAppPropertyOptions(app.command('update')
    .description('Update an application.')
    .requiredOption('--id <id>', 'the appId, object id or identifier URI')
    .option('--display-name <name>', 'the display name of the application'))),
  async (options, invocation) => {
    const application = await resolveApplication(invocation, options.id);
    const body = applicationBody(options);
    if (hasGenericUpdate(options)) await applyGenericUpdate(body, options, async () => application);
    // Like az: nothing to PATCH is not an error, and a successful update prints nothing.
    if (Object.keys(body).length > 0) await invocation.graph().patch(`/applications/${application.id}`, body);
  });

  act<{ id: string }>(runtime, app.command('delete')
    .description('Delete an application.')
    .requiredOption('--id <id>', 'the appId, object id or identifier URI'),
  async (options, invocation) => {
    const application = await resolveApplication(invocation, options.id);
    await invocation.graph().delete(`/applications/${application.id}`);
  });

  registerAppCredential(app, runtime);
  registerFederatedCredential(app, runtime);
  registerAppPermission(app, runtime);
}
