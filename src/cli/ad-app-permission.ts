/**
 * `entrada ad app permission add|delete|list|grant|admin-consent|list-grants`, as az ad app permission: the API
 * permissions an application asks for (requiredResourceAccess) and the consent that makes them effective
 * (oauth2PermissionGrants for delegated permissions, app role assignments for application permissions).
 */
import type { Command } from 'commander';
import { adminConsent } from './ad-app-consent.js';
import { resolveApplication, resolveServicePrincipal } from './ad-lookup.js';
import { act } from './command.js';
import { CliError } from './errors.js';
import { odataString } from './graph.js';
import type { Runtime } from './runtime.js';

interface ResourceAccess { id: string; type: string }
interface RequiredResourceAccess { resourceAppId: string; resourceAccess: ResourceAccess[] }
interface GrantOptions { id: string; api: string; scope: string; consentType: string; principalId?: string }
interface ListGrantsOptions { id?: string; filter?: string; showResourceName?: boolean }

const PERMISSION = /^([0-9a-fA-F-]{36})=(Scope|Role)$/i;

/** `ID=Scope` or `ID=Role`, as the portal's manifest spells the type. */
function parsePermission(text: string): ResourceAccess {
  const match = PERMISSION.exec(text);
  if (!match) throw new CliError(`usage error: --api-permissions takes ID=Scope or ID=Role, not '${text}'`, 2);
  return { id: match[1]!.toLowerCase(), type: match[2]!.toLowerCase() === 'scope' ? 'Scope' : 'Role' };
}

const sameApi = (api: string) => (e: RequiredResourceAccess) => e.resourceAppId.toLowerCase() === api.toLowerCase();

export function registerAppPermission(app: Command, runtime: Runtime): void {
  const permission = app.command('permission').description("Manage an application's API permissions and their consent.");

  act<{ id: string; api: string; apiPermissions: string[] }>(runtime, permission.command('add')
    .description('Add API permissions to an application (they take effect once granted or admin-consented).')
    .requiredOption('--id <id>', 'the appId, object id or identifier URI of the application')
    .requiredOption('--api <appId>', 'the appId of the API, e.g. 00000003-0000-0000-c000-000000000000 for Microsoft Graph')
    .requiredOption('--api-permissions <permissions...>', 'space-separated ID=Scope (delegated) or ID=Role (application) pairs'),
  async (options, invocation) => {
    const wanted = options.apiPermissions.map(parsePermission);
    const application = await resolveApplication(invocation, options.id);
    const required = (application.requiredResourceAccess ?? []) as RequiredResourceAccess[];
    let entry = required.find(sameApi(options.api));
    if (!entry) required.push(entry = { resourceAppId: options.api, resourceAccess: [] });
    for (const access of wanted) {
      if (!entry.resourceAccess.some((a) => a.id.toLowerCase() === access.id && a.type === access.type)) entry.resourceAccess.push(access);
    }
    await invocation.graph().patch(`/applications/${String(application.id)}`, { requiredResourceAccess: required });
    invocation.warn(`Invoking \`entrada ad app permission grant --id ${options.id} --api ${options.api}\` is needed to make the change effective`);
  });

  act<{ id: string; api: string; apiPermissions?: string[] }>(runtime, permission.command('delete')
    .description("Remove an API's permissions (or only some of them) from an application.")
    .requiredOption('--id <id>', 'the appId, object id or identifier URI of the application')
    .requiredOption('--api <appId>', 'the appId of the API')
    .option('--api-permissions <ids...>', 'only these permission ids; all of the API\'s when omitted'),
  async (options, invocation) => {
    const application = await resolveApplication(invocation, options.id);
    const ids = options.apiPermissions?.map((p) => p.split('=')[0]!.toLowerCase());
    const required = ((application.requiredResourceAccess ?? []) as RequiredResourceAccess[])
      .map((e) => (!sameApi(options.api)(e) ? e : { ...e, resourceAccess: ids ? e.resourceAccess.filter((a) => !ids.includes(a.id.toLowerCase())) : [] }))
      .filter((e) => e.resourceAccess.length > 0);
    await invocation.graph().patch(`/applications/${String(application.id)}`, { requiredResourceAccess: required });
  });

  act<{ id: string }>(runtime, permission.command('list')
    .description('List the API permissions an application asks for.')
    .requiredOption('--id <id>', 'the appId, object id or identifier URI of the application'),
  async (options, invocation) => (await resolveApplication(invocation, options.id)).requiredResourceAccess ?? []);

  act<GrantOptions>(runtime, permission.command('grant')
    .description('Grant an application delegated permissions on an API (an oauth2PermissionGrant).')
    .requiredOption('--id <id>', 'the appId or object id of the application (its service principal must exist)')
    .requiredOption('--api <appId>', 'the appId of the API')
    .requiredOption('--scope <scopes>', 'space-separated scope values, e.g. "User.Read Directory.Read.All"')
    .option('--consent-type <type>', 'AllPrincipals (every user) or Principal (one user)', 'AllPrincipals')
    .option('--principal-id <id>', 'the user the grant is for, with --consent-type Principal'),
  async (options, invocation) => {
    const client = await resolveServicePrincipal(invocation, options.id);
    const resource = await resolveServicePrincipal(invocation, options.api);
    return invocation.graph().post('/oauth2PermissionGrants', {
      clientId: client.id, consentType: options.consentType, resourceId: resource.id, scope: options.scope,
      principalId: options.principalId ?? null,
    });
  });

  act<{ id: string }>(runtime, permission.command('admin-consent')
    .description("Grant tenant-wide admin consent to every permission in the application's requiredResourceAccess.")
    .requiredOption('--id <id>', 'the appId, object id or identifier URI of the application'),
  async (options, invocation) => {
    await adminConsent(invocation, await resolveApplication(invocation, options.id));
  });

  act<ListGrantsOptions>(runtime, permission.command('list-grants')
    .description('List oauth2PermissionGrants: those of one application, or all (or filtered) in the tenant.')
    .option('--id <id>', 'the appId or object id of the client application')
    .option('--filter <odata>', "an OData $filter, e.g. \"consentType eq 'AllPrincipals'\"")
    .option('--show-resource-name', "add each grant's API display name as resourceDisplayName"),
  async (options, invocation) => {
    if (options.id && options.filter) throw new CliError('Please only use one of "--id" and "--filter", not both');
    const filter = options.id ? `clientId eq ${odataString(String((await resolveServicePrincipal(invocation, options.id)).id))}` : options.filter;
    const grants = await invocation.graph().list('/oauth2PermissionGrants', { filter });
    if (options.showResourceName) {
      for (const grant of grants) grant.resourceDisplayName = (await invocation.graph().get(`/servicePrincipals/${String(grant.resourceId)}`)).displayName;
    }
    return grants;
  });
}
