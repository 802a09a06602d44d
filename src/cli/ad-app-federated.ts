/**
 * `entrada ad app federated-credential create|list|show|update|delete`, as az over Graph's
 * /applications/{id}/federatedIdentityCredentials. A credential is named by its id or its name, which Graph
 * takes in the same path segment. --parameters is JSON, a JSON file or @file, as az's.
 */
import type { Command } from 'commander';
import { jsonArgument } from './ad-app-properties.js';
import { resolveApplication } from './ad-lookup.js';
import { act, type Invocation } from './command.js';
import { CliError } from './errors.js';
import type { Runtime } from './runtime.js';

interface Options { id: string; federatedCredentialId?: string; parameters?: string }

const ID_OPTION = ['--id <id>', "the application's appId, identifier URI or object id"] as const;
const CREDENTIAL_OPTION = ['--federated-credential-id <idOrName>', 'the id or name of the federated identity credential'] as const;
const PARAMETERS_OPTION = ['--parameters <json>', 'the credential as JSON, a JSON file or @file, e.g. {"name": "ci",'
  + ' "issuer": "https://token.actions.githubusercontent.com", "subject": "repo:org/repo:ref:refs/heads/main",'
  + ' "audiences": ["api://AzureADTokenExchange"]}'] as const;

export function registerFederatedCredential(app: Command, runtime: Runtime): void {
  const fic = app.command('federated-credential').description('Manage application federated identity credentials.');

  act<Options>(runtime, fic.command('create')
    .description('Create an application federated identity credential.')
    .requiredOption(...ID_OPTION)
    .requiredOption(...PARAMETERS_OPTION),
  async (options, invocation) => invocation.graph().post(await collection(invocation, options), parameters(options)));

  act<Options>(runtime, fic.command('list')
    .description('List application federated identity credentials.')
    .requiredOption(...ID_OPTION),
  async (options, invocation) => invocation.graph().list(await collection(invocation, options)), row);

  act<Options>(runtime, fic.command('show')
    .description('Show an application federated identity credential.')
    .requiredOption(...ID_OPTION)
    .requiredOption(...CREDENTIAL_OPTION),
  async (options, invocation) => invocation.graph().get(await member(invocation, options)), row);

  act<Options>(runtime, fic.command('update')
    .description('Update an application federated identity credential.')
    .requiredOption(...ID_OPTION)
    .requiredOption(...CREDENTIAL_OPTION)
    .requiredOption(...PARAMETERS_OPTION),
  async (options, invocation) => {
    // Graph answers 204 and az prints nothing.
    await invocation.graph().patch(await member(invocation, options), parameters(options));
  });

  act<Options>(runtime, fic.command('delete')
    .description('Delete an application federated identity credential.')
    .requiredOption(...ID_OPTION)
    .requiredOption(...CREDENTIAL_OPTION),
  async (options, invocation) => {
    await invocation.graph().delete(await member(invocation, options));
  });
}

async function collection(invocation: Invocation, options: Options): Promise<string> {
  const application = await resolveApplication(invocation, options.id);
  return `/applications/${application.id}/federatedIdentityCredentials`;
}

async function member(invocation: Invocation, options: Options): Promise<string> {
  return `${await collection(invocation, options)}/${encodeURIComponent(options.federatedCredentialId!)}`;
}

function parameters(options: Options): Record<string, unknown> {
  const value = jsonArgument(options.parameters!, '--parameters');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError('--parameters must be a JSON object such as {"name": …, "issuer": …, "subject": …, "audiences": […]}.');
  }
  return value as Record<string, unknown>;
}

function row(item: Record<string, unknown>): Record<string, unknown> {
  return { Name: item.name, Issuer: item.issuer, Subject: item.subject, Audiences: Array.isArray(item.audiences) ? item.audiences.join(', ') : item.audiences };
}
