/**
 * `entrada account show|list|get-access-token`, as az account: the signed-in accounts in az's shape, and
 * access tokens for any resource or scope, printed as az prints them.
 */
import type { Command } from 'commander';
import { act } from './command.js';
import { CliError } from './errors.js';
import { listedAccount } from './profile.js';
import type { Runtime } from './runtime.js';
import { GRAPH_SCOPE } from './sts.js';

interface TokenOptions {
  resource?: string;
  resourceType?: string;
  scope?: string[];
  tenant?: string;
}

export function registerAccount(program: Command, runtime: Runtime): void {
  const account = program.command('account').description('Manage the signed-in accounts.');

  act(runtime, account.command('show').description('Get the details of the current account.'),
    async (_options, invocation) => invocation.credentials().account());

  act(runtime, account.command('list').description('Get the list of signed-in accounts.'),
    async (_options, invocation) => invocation.profile().accounts().map(listedAccount));

  act<TokenOptions>(runtime, account.command('get-access-token')
    .description('Get a token for utilities to access Entrada and its resources (Microsoft Graph by default).')
    .option('--resource <url>', 'the resource (identifier URI) the token is for, e.g. a FHIR service URL')
    .option('--resource-type <type>', "a known resource: 'ms-graph'")
    .option('--scope <scopes...>', 'space-separated scopes (v2.0), e.g. https://graph.microsoft.com/.default')
    .option('-t, --tenant <tenant>', "the tenant to get the token in (default: the account's tenant)"),
  async (options, invocation) => {
    const token = await invocation.credentials().token(scopeOf(options), { tenant: options.tenant });
    return {
      accessToken: token.accessToken,
      expiresOn: localTime(token.expiresOn),
      expires_on: token.expiresOn,
      tenant: token.tenant,
      tokenType: 'Bearer',
    };
  });
}

/** az's resource_to_scopes: `{resource}/.default`, keeping a trailing slash as Entra expects for v1 resources. */
function scopeOf(options: TokenOptions): string {
  const given = [options.resource, options.resourceType, options.scope].filter((x) => x !== undefined).length;
  if (given > 1) throw new CliError('usage error: --resource | --resource-type | --scope');
  if (options.resource) return `${options.resource}/.default`;
  if (options.scope) return options.scope.join(' ');
  if (options.resourceType && options.resourceType !== 'ms-graph') {
    throw new CliError(`--resource-type '${options.resourceType}' is not available in Entrada; use 'ms-graph' or --resource.`);
  }
  // az defaults to Azure Resource Manager; Entrada has none, so Microsoft Graph is the default resource.
  return GRAPH_SCOPE;
}

/** az's expiresOn: local time as `YYYY-MM-DD HH:MM:SS.ffffff` (Python's datetime.fromtimestamp). */
export function localTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
    + `.${p(d.getMilliseconds() * 1000, 6)}`;
}
