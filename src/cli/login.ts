/**
 * `entrada login` and `entrada logout`, as az login/logout: resource owner password (-u -p), device code
 * (--use-device-code) or a service principal (--service-principal) with a client secret or a PEM file,
 * printing az's tenant-level account list.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { clientAuthentication, readCertificateFile } from './client-assertion.js';
import { act, type Invocation } from './command.js';
import { INTERACTIVE_NEEDED } from './credentials.js';
import { CliError, StsError } from './errors.js';
import { listedAccount, tenantLevelAccount, type Account, type ServicePrincipalCredential } from './profile.js';
import type { Runtime } from './runtime.js';
import { CLI_CLIENT_ID, GRAPH_SCOPE, LOGIN_SCOPE, claimsOf, type TokenResponse } from './sts.js';

interface LoginOptions {
  username?: string;
  password?: string;
  tenant?: string;
  servicePrincipal?: boolean;
  certificate?: string;
  useCertSnIssuer?: boolean;
  useDeviceCode?: boolean;
  allowNoSubscriptions?: boolean;
}

export function registerLogin(program: Command, runtime: Runtime): void {
  act<LoginOptions>(runtime, program.command('login')
    .description('Log in to Entrada.')
    .option('-u, --username <username>', 'user name, or the appId of a service principal')
    .option('-p, --password <password>', "the user's password, or the service principal's client secret or PEM file")
    .option('-t, --tenant <tenant>', 'the tenant (GUID or domain); required with --service-principal')
    .option('--service-principal', 'log in as an application: -u APPID -p SECRET|PEM_FILE --tenant TENANT')
    .option('--certificate <file>', 'a PEM file with the private key and the certificate, for --service-principal;'
      + ' only its path is stored')
    .option('--use-cert-sn-issuer', 'send the certificate chain (x5c) with each client assertion')
    .option('--use-device-code', 'log in with the device code flow')
    .option('--allow-no-subscriptions', 'accepted for az compatibility: Entrada accounts are always tenant level'),
  login);

  act<{ username?: string }>(runtime, program.command('logout')
    .description('Log out to remove access to Entrada.')
    .option('--username <username>', 'the account to log out; the current one by default'),
  async (options, invocation) => {
    const profile = invocation.profile();
    const account = options.username
      ? profile.accounts().find((a) => a.user.name.toLowerCase() === options.username!.toLowerCase())
      : profile.current();
    if (!account) throw new CliError(options.username ? `Account ${options.username} was not logged in.` : 'There are no active accounts.');
    profile.removeAccount(account);
  });
}

async function login(options: LoginOptions, invocation: Invocation): Promise<unknown> {
  let account: Account;
  if (options.servicePrincipal) account = await servicePrincipalLogin(options, invocation);
  else if (options.useDeviceCode) account = await deviceCodeLogin(options, invocation);
  else if (options.username && options.password !== undefined) account = await passwordLogin(options, invocation);
  else if (options.username) throw new CliError('usage error: --password PASSWORD is required with --username (there is no password prompt).');
  else {
    throw new CliError('Interactive browser login is not supported yet.', 1,
      'Use: entrada login -u USER -p PASSWORD, or entrada login --use-device-code');
  }
  return [listedAccount(account)];
}

/** Resource owner password credentials, as az login -u -p (MSAL acquire_token_by_username_password). */
async function passwordLogin(options: LoginOptions, invocation: Invocation): Promise<Account> {
  const response = await userToken(invocation, options.tenant, {
    grant_type: 'password', client_id: CLI_CLIENT_ID, username: options.username!, password: options.password!,
    scope: LOGIN_SCOPE, client_info: '1',
  });
  return saveUser(invocation, response, options.username!);
}

async function deviceCodeLogin(options: LoginOptions, invocation: Invocation): Promise<Account> {
  const tenant = options.tenant ?? 'organizations';
  const flow = await invocation.sts().deviceCode(tenant, { client_id: CLI_CLIENT_ID, scope: LOGIN_SCOPE });
  // az prints the instructions as a warning, but they must show even with --only-show-errors.
  invocation.runtime.io.stderr.write(`WARNING: ${flow.message ?? `To sign in, use a web browser to open the page ${flow.verification_uri} and enter the code ${flow.user_code} to authenticate.`}\n`);
  let interval = Math.max(1, Number(flow.interval ?? 5));
  const deadline = Date.now() + Number(flow.expires_in ?? 900) * 1000;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, interval * 1000));
    try {
      const response = await invocation.sts().token(tenant, {
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: CLI_CLIENT_ID,
        device_code: flow.device_code, client_info: '1',
      });
      return saveUser(invocation, response, undefined);
    } catch (err) {
      if (!(err instanceof StsError) || Date.now() > deadline) throw err;
      if (err.error === 'slow_down') interval += 5;
      else if (err.error !== 'authorization_pending') throw err;
    }
  }
}

async function userToken(invocation: Invocation, tenant: string | undefined, params: Record<string, string>): Promise<TokenResponse> {
  try {
    return await invocation.sts().token(tenant ?? 'organizations', params);
  } catch (err) {
    // az's aad_error_handler: the token service's message, then how to sign in interactively.
    if (err instanceof StsError) throw err.withRecommendation(INTERACTIVE_NEEDED);
    throw err;
  }
}

/** The tenant and user come from the tokens' claims (tid, preferred_username), as MSAL reads them. */
function saveUser(invocation: Invocation, response: TokenResponse, username: string | undefined): Account {
  const idClaims = claimsOf(response.id_token);
  const accessClaims = claimsOf(response.access_token);
  const tid = (idClaims.tid ?? accessClaims.tid) as string | undefined;
  if (!tid) throw new CliError('The token service answered without a tenant id (tid) in the tokens.');
  const upn = (idClaims.preferred_username ?? accessClaims.upn ?? accessClaims.unique_name ?? username) as string | undefined;
  const account = tenantLevelAccount(tid, upn ?? '', 'user');
  const profile = invocation.profile();
  profile.saveAccount(account);
  if (response.refresh_token) profile.setRefreshToken(account, response.refresh_token);
  invocation.credentials().remember(account, GRAPH_SCOPE, response);
  return account;
}

/**
 * Client credentials for Graph, to check the credential before storing it (az checks with a token request
 * too). A password that names a file is a PEM file, as az takes it; only its path is stored.
 */
async function servicePrincipalLogin(options: LoginOptions, invocation: Invocation): Promise<Account> {
  const certificate = options.certificate ?? (options.password !== undefined && isFile(options.password) ? options.password : undefined);
  if (!options.username || (options.password === undefined && !certificate) || !options.tenant) {
    throw new CliError('usage error: --service-principal --username NAME --password SECRET --tenant TENANT');
  }
  if (options.certificate && options.password !== undefined) throw new CliError('usage error: --password SECRET | --certificate PEM_FILE');
  const credential: ServicePrincipalCredential = certificate
    ? { certificate: path.resolve(certificate), ...(options.useCertSnIssuer ? { use_cert_sn_issuer: true } : {}) }
    : { client_secret: options.password! };
  // A bad PEM file is reported as such before anything goes to the token service.
  if (credential.certificate) readCertificateFile(credential.certificate);
  const sts = invocation.sts();
  const authentication = await clientAuthentication(options.username, credential, sts.tokenEndpoint(options.tenant));
  const response = await sts.token(options.tenant, {
    grant_type: 'client_credentials', client_id: options.username, scope: GRAPH_SCOPE, ...authentication,
  });
  const tid = claimsOf(response.access_token).tid;
  const account = tenantLevelAccount(typeof tid === 'string' ? tid : options.tenant, options.username, 'servicePrincipal');
  const profile = invocation.profile();
  profile.saveAccount(account);
  profile.setServicePrincipal(account, credential);
  invocation.credentials().remember(account, GRAPH_SCOPE, response);
  return account;
}

function isFile(value: string): boolean {
  try {
    return fs.statSync(value).isFile();
  } catch {
    return false;
  }
}
