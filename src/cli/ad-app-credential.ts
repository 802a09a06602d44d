/**
 * `entrada ad app credential reset|list|delete`, as az: reset removes every password first (unless
 * --append) and adds one with addPassword; its output is az's {appId, password, tenant}.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { resolveApplication } from './ad-lookup.js';
import { act, type Invocation } from './command.js';
import { CliError } from './errors.js';
import type { GraphObject } from './graph.js';
import type { Runtime } from './runtime.js';

/** az's CREDENTIAL_WARNING, word for word but for the link. */
export const CREDENTIAL_WARNING = 'The output includes credentials that you must protect. Be sure that you do not include'
  + ' these credentials in your code or check the credentials into your source control.'
  + ' For more information, see https://aka.ms/azadsp-cli';

interface ResetOptions {
  id: string;
  displayName?: string;
  endDate?: string;
  years?: number;
  append?: boolean;
  cert?: string;
  createCert?: boolean;
}

function years(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`invalid int value: '${value}'`);
  return Number(value);
}

export function registerAppCredential(app: Command, runtime: Runtime): void {
  const credential = app.command('credential').description("Manage an application's password credentials.");

  act<ResetOptions>(runtime, credential.command('reset')
    .description("Reset an application's password credential: remove the existing ones and add a new one.")
    .requiredOption('--id <id>', 'the appId, object id or identifier URI')
    .option('--display-name <name>', 'a friendly name for the credential')
    .option('--end-date <date>', 'when the credential expires, e.g. 2030-12-31 or 2030-12-31T11:59:59+00:00')
    .option('--years <n>', 'how many years the credential is valid for (default: 1)', years)
    .option('--append', 'add the new credential, keeping the existing ones')
    .option('--cert <cert>', 'certificate credentials are not supported yet')
    .option('--create-cert', 'certificate credentials are not supported yet'),
  reset);

  act<{ id: string; cert?: boolean }>(runtime, credential.command('list')
    .description("List an application's password credentials (their secrets are never shown again).")
    .requiredOption('--id <id>', 'the appId, object id or identifier URI')
    .option('--cert', 'list certificate credentials instead'),
  async (options, invocation) => {
    const application = await resolveApplication(invocation, options.id);
    return application[options.cert ? 'keyCredentials' : 'passwordCredentials'] ?? [];
  });

  act<{ id: string; keyId: string; cert?: boolean }>(runtime, credential.command('delete')
    .description("Delete an application's password credential.")
    .requiredOption('--id <id>', 'the appId, object id or identifier URI')
    .requiredOption('--key-id <keyId>', 'the keyId of the credential')
    .option('--cert', 'delete a certificate credential instead'),
  async (options, invocation) => {
    const application = await resolveApplication(invocation, options.id);
    if (!options.cert) {
      await invocation.graph().post(`/applications/${application.id}/removePassword`, { keyId: options.keyId });
      return;
    }
    const keys = (application.keyCredentials ?? []) as GraphObject[];
    if (!keys.some((k) => k.keyId === options.keyId)) {
      throw new CliError(`No key credential found with keyId as '${options.keyId}' in graph object '${String(application.id)}'.`);
    }
    await invocation.graph().patch(`/applications/${application.id}`, { keyCredentials: keys.filter((k) => k.keyId !== options.keyId) });
  });
}

async function reset(options: ResetOptions, invocation: Invocation): Promise<unknown> {
  if (options.cert !== undefined || options.createCert) {
    throw new CliError('Certificate credentials (--cert, --create-cert) are not supported yet; reset a password instead.');
  }
  if (options.years !== undefined && options.endDate !== undefined) throw new CliError('usage error: --years | --end-date');
  const start = new Date();
  const end = options.endDate !== undefined ? parseEndDate(options.endDate) : addYears(start, options.years ?? 1);
  const application = await resolveApplication(invocation, options.id);
  const graph = invocation.graph();
  if (!options.append) {
    for (const existing of (application.passwordCredentials ?? []) as GraphObject[]) {
      await graph.post(`/applications/${application.id}/removePassword`, { keyId: existing.keyId });
    }
  }
  const added = await graph.post(`/applications/${application.id}/addPassword`, {
    passwordCredential: { displayName: options.displayName ?? null, startDateTime: utc(start), endDateTime: utc(end) },
  });
  invocation.warn(CREDENTIAL_WARNING);
  return { appId: application.appId, password: added?.secretText, tenant: invocation.credentials().account().tenantId };
}

/** Like dateutil's parse as az uses it: a date or date-time without a zone is UTC. */
function parseEndDate(text: string): Date {
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z`
    : /^\d{4}-\d{2}-\d{2}[T ][\d:.]+$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const date = new Date(bare);
  if (Number.isNaN(date.getTime())) throw new CliError(`--end-date: '${text}' is not a date, e.g. 2030-12-31 or 2030-12-31T11:59:59Z`);
  return date;
}

function addYears(date: Date, n: number): Date {
  const end = new Date(date);
  end.setUTCFullYear(end.getUTCFullYear() + n);
  return end;
}

/** az sends whole seconds: %Y-%m-%dT%H:%M:%SZ. */
function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
