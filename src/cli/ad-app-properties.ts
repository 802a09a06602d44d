/**
 * The application property flags shared by `ad app create` and `ad app update`, mapped onto Graph's
 * application resource as az's _application_property_map does, and the JSON properties read as az reads
 * them (inline JSON, a file path, or @file; a whole manifest is accepted and the property taken from it).
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseBool } from './command.js';
import { CliError } from './errors.js';

export interface AppPropertyOptions {
  displayName?: string;
  identifierUris?: string[];
  isFallbackPublicClient?: boolean;
  enablePublicClient?: boolean;
  signInAudience?: string;
  webHomePageUrl?: string;
  webRedirectUris?: string[];
  enableIdTokenIssuance?: boolean;
  enableAccessTokenIssuance?: boolean;
  publicClientRedirectUris?: string[];
  appRoles?: string;
  optionalClaims?: string;
  requiredResourceAccesses?: string;
  requestedAccessTokenVersion?: number;
  serviceManagementReference?: string;
}

const AUDIENCES = ['AzureADMyOrg', 'AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount'];

function audience(value: string): string {
  const found = AUDIENCES.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!found) throw new InvalidArgumentError(`invalid choice: '${value}' (choose from ${AUDIENCES.map((a) => `'${a}'`).join(', ')})`);
  return found;
}

function tokenVersion(value: string): number {
  if (value !== '1' && value !== '2') throw new InvalidArgumentError(`invalid choice: '${value}' (choose from '1', '2')`);
  return Number(value);
}

/** Add the property flags (everything but --display-name, which create requires and update allows). */
export function addAppPropertyOptions(command: Command): Command {
  return command
    .option('--identifier-uris <uris...>', 'space-separated identifier URIs (Application ID URIs)')
    .addOption(new Option('--sign-in-audience <audience>', `who may sign in: ${AUDIENCES.join(', ')}`).argParser(audience))
    .addOption(new Option('--is-fallback-public-client <bool>', 'treat the app as a public client (true/false)').argParser(parseBool))
    .addOption(new Option('--enable-public-client <bool>', 'same as --is-fallback-public-client').argParser(parseBool))
    .option('--web-home-page-url <url>', 'home page or landing page of the application')
    .option('--web-redirect-uris <uris...>', 'space-separated web redirect URIs')
    .addOption(new Option('--enable-id-token-issuance <bool>', 'issue ID tokens with the implicit flow').argParser(parseBool))
    .addOption(new Option('--enable-access-token-issuance <bool>', 'issue access tokens with the implicit flow').argParser(parseBool))
    .option('--public-client-redirect-uris <uris...>', 'space-separated redirect URIs of a public client (mobile, desktop)')
    .option('--app-roles <json>', 'app roles as JSON, a JSON file or @file')
    .option('--optional-claims <json>', 'optional claims as JSON, a JSON file or @file')
    .option('--required-resource-accesses <json>', 'required resource access as JSON, a JSON file or @file')
    .addOption(new Option('--requested-access-token-version <version>', 'access token version the API expects (1 or 2)').argParser(tokenVersion))
    .option('--service-management-reference <reference>', 'service or asset management reference');
}

/** The Graph body for the given flags: only what was given, nested where Graph nests it. */
export function applicationBody(options: AppPropertyOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const set = (path: string[], value: unknown) => {
    if (value === undefined) return;
    let target = body;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]!] = value;
  };
  set(['displayName'], options.displayName);
  set(['identifierUris'], options.identifierUris);
  set(['isFallbackPublicClient'], options.isFallbackPublicClient ?? options.enablePublicClient);
  set(['signInAudience'], options.signInAudience);
  set(['web', 'homePageUrl'], options.webHomePageUrl);
  set(['web', 'redirectUris'], options.webRedirectUris);
  set(['web', 'implicitGrantSettings', 'enableIdTokenIssuance'], options.enableIdTokenIssuance);
  set(['web', 'implicitGrantSettings', 'enableAccessTokenIssuance'], options.enableAccessTokenIssuance);
  set(['publicClient', 'redirectUris'], options.publicClientRedirectUris);
  set(['api', 'requestedAccessTokenVersion'], options.requestedAccessTokenVersion);
  set(['serviceManagementReference'], options.serviceManagementReference);
  if (options.appRoles !== undefined) set(['appRoles'], appRoles(jsonArgument(options.appRoles, '--app-roles')));
  if (options.optionalClaims !== undefined) {
    const claims = jsonArgument(options.optionalClaims, '--optional-claims') as Record<string, unknown>;
    set(['optionalClaims'], claims && typeof claims === 'object' && 'optionalClaims' in claims ? claims.optionalClaims : claims);
  }
  if (options.requiredResourceAccesses !== undefined) {
    const rra = jsonArgument(options.requiredResourceAccesses, '--required-resource-accesses');
    set(['requiredResourceAccess'], isObject(rra) ? rra.requiredResourceAccess ?? [] : rra);
  }
  return body;
}

/** az fills in a GUID for app roles given without one. */
function appRoles(value: unknown): unknown {
  const roles = isObject(value) ? value.appRoles ?? [] : value;
  if (!Array.isArray(roles)) throw new CliError('--app-roles must be a JSON array of appRole objects.');
  return roles.map((role) => (isObject(role) && !role.id ? { ...role, id: randomUUID() } : role));
}

/** az's file-or-JSON argument: `@file`, an existing file path, or the JSON text itself. */
export function jsonArgument(value: string, flag: string): unknown {
  let text = value;
  const file = value.startsWith('@') ? value.slice(1) : fs.existsSync(value) ? value : undefined;
  if (file !== undefined) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new CliError(`${flag}: cannot read ${file}: ${(err as Error).message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${flag}: failed to parse string as JSON: ${text}\nThe error was: ${(err as Error).message}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
