/**
 * `entrada ad app credential reset|list|delete`, as az: client secrets (passwordCredentials) by default,
 * certificates (keyCredentials) with --cert / --create-cert, each credential shown with its state; and
 * `list --expiring-within`, a report across the tenant that exits 3 when anything expires, for CI.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { reset, keyCredentials, type ResetOptions } from './ad-app-credential-reset.js';
import { resolveApplication } from './ad-lookup.js';
import { act, type Invocation } from './command.js';
import { credentialRow, expiringCredentials, withStates } from './credential-report.js';
import { describeDuration, parseDuration } from './duration.js';
import { CliError } from './errors.js';
import type { Runtime } from './runtime.js';

export { CREDENTIAL_WARNING } from './ad-app-credential-reset.js';

/** The exit code of `list --expiring-within` when it reports anything. */
export const EXPIRING_EXIT_CODE = 3;

interface ListOptions { id?: string; cert?: boolean; expiringWithin?: number }

function years(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`invalid int value: '${value}'`);
  return Number(value);
}

export function registerAppCredential(app: Command, runtime: Runtime): void {
  const credential = app.command('credential').description("Manage an application's password or certificate credentials.");

  act<ResetOptions>(runtime, credential.command('reset')
    .description("Reset an application's password or certificate credentials: without --append, remove the existing"
      + ' ones of that kind, then add a new one.')
    .requiredOption('--id <id>', 'the appId, object id or identifier URI')
    .option('--display-name <name>', 'a friendly name for the credential')
    .option('--end-date <date>', 'when the credential expires, e.g. 2030-12-31 or 2030-12-31T11:59:59+00:00')
    .option('--years <n>', 'how many years the credential is valid for (default: 1)', years)
    .option('--append', 'add the new credential, keeping the existing ones')
    .option('--cert <cert>', 'upload a certificate: @FILE (.pem, .crt or DER .cer) or its PEM or base64 text;'
      + ' with --create-cert, the common name (CN) of the new certificate')
    .option('--create-cert', 'create a self-signed RSA-2048 certificate, upload it, and write its private key and'
      + ' certificate to {ENTRADA_CONFIG_DIR}/certificates/{appId}-{thumbprint}.pem (mode 0600)')
    .option('--keyvault <name>', 'not available: Entrada has no Key Vault'),
  reset);

  act<ListOptions>(runtime, credential.command('list')
    .description("List an application's password credentials (their secrets are never shown again) or certificate"
      + ' credentials, each with its state (@entrada.credentialState: active, expiringSoon or expired).')
    .option('--id <id>', 'the appId, object id or identifier URI; with --expiring-within, every application when omitted')
    .option('--cert', 'list certificate credentials instead')
    .option('--expiring-within <duration>', 'report the credentials that have expired or expire within this'
      + ' long (30d, 12h, 2w, or a number of days), across every application of the tenant unless --id is given',
    parseDuration)
    .addHelpText('after', ['', 'Exit codes with --expiring-within:',
      '  0     nothing has expired or expires within the window',
      `  ${EXPIRING_EXIT_CODE}     the report lists at least one credential, so a CI job fails on it`,
      '  1, 2  an error, a usage error', '',
      'Example: entrada ad app credential list --expiring-within 30d -o table'].join('\n')),
  async (options, invocation) => {
    if (options.expiringWithin !== undefined) return expiringReport(options, options.expiringWithin, invocation);
    if (options.id === undefined) throw new CliError('usage error: --id ID | --expiring-within DURATION');
    const application = await resolveApplication(invocation, options.id);
    return withStates(application[options.cert ? 'keyCredentials' : 'passwordCredentials']);
  }, credentialRow);

  act<{ id: string; keyId: string; cert?: boolean }>(runtime, credential.command('delete')
    .description("Delete an application's password credential, or with --cert its certificate credential.")
    .requiredOption('--id <id>', 'the appId, object id or identifier URI')
    .requiredOption('--key-id <keyId>', 'the keyId of the credential')
    .option('--cert', 'delete a certificate credential instead'),
  async (options, invocation) => {
    const application = await resolveApplication(invocation, options.id);
    if (!options.cert) {
      await invocation.graph().post(`/applications/${application.id}/removePassword`, { keyId: options.keyId });
      return;
    }
    const keys = keyCredentials(application);
    const same = (k: Record<string, unknown>) => String(k.keyId).toLowerCase() === options.keyId.toLowerCase();
    if (!keys.some(same)) {
      throw new CliError(`No key credential found with keyId as '${options.keyId}' in graph object '${String(application.id)}'.`);
    }
    await invocation.graph().patch(`/applications/${application.id}`, { keyCredentials: keys.filter((k) => !same(k)) });
  });
}

async function expiringReport(options: ListOptions, withinMs: number, invocation: Invocation): Promise<unknown> {
  const select = ['id', 'appId', 'displayName', 'passwordCredentials', 'keyCredentials'];
  const applications = options.id !== undefined
    ? [await resolveApplication(invocation, options.id)]
    : await invocation.graph().list('/applications', { select });
  const rows = expiringCredentials(applications, withinMs, Date.now(), options.cert ? ['certificate'] : undefined);
  if (rows.length > 0) {
    invocation.runtime.exitCode = EXPIRING_EXIT_CODE;
    const n = rows.length;
    invocation.warn(`${n} credential${n === 1 ? ' has' : 's have'} expired or expire${n === 1 ? 's' : ''} within ${describeDuration(withinMs)}.`);
  }
  return rows;
}
