/**
 * The rules of a federatedIdentityCredential (spec §1.6; Entra's "considerations and restrictions for federated
 * identity credentials", whose error table applies to applications too). Input is arbitrary JSON.
 */
import { isLoopback } from './redirect-uri.js';
import { DirectoryError } from './errors.js';

export interface FederatedIdentityCredential {
  id: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description: string | null;
}

export type FederatedCredentialProps = Omit<FederatedIdentityCredential, 'id'>;

/** What Entra expects external tokens to be issued for; the default of a new credential. */
export const DEFAULT_AUDIENCE = 'api://AzureADTokenExchange';
export const MAX_FEDERATED_CREDENTIALS = 20;
const MAX_LENGTH = 600;
/** Entra's rule: 3–120 letters, digits, '-' and '_', starting with a letter or digit (so it is safe in a URL). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/;
const KNOWN = new Set(['id', 'name', 'issuer', 'subject', 'audiences', 'description']);

function fail(target: string, message: string): never {
  throw new DirectoryError('invalid', message, target);
}

function invalidValue(name: string, detail: string): never {
  fail(name, `Invalid value specified for property '${name}' of resource 'FederatedIdentityCredential'. ${detail}`);
}

/** A create body (current undefined) or an update body merged onto the current credential. */
export function readFederatedCredential(input: unknown, current?: FederatedIdentityCredential): FederatedCredentialProps {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail('', 'The request body must be a JSON object.');
  const body = input as Record<string, unknown>;
  for (const name of Object.keys(body)) {
    if (name.includes('@')) continue;
    if (!KNOWN.has(name)) fail(name, `Property '${name}' does not exist on type 'microsoft.graph.federatedIdentityCredential'.`);
  }
  if (body.id !== undefined && body.id !== current?.id) fail('id', "Property 'id' is read-only and cannot be set.");
  if (current && body.name !== undefined && body.name !== current.name) {
    fail('name', "Property 'name' of a federated identity credential cannot be changed once it is created.");
  }
  const has = (name: string): boolean => body[name] !== undefined;
  if (!current) {
    // Missing properties first (Entra: "has empty properties"), then the format of those given.
    const missing = ['name', 'issuer', 'subject'].filter((name) => body[name] === undefined || body[name] === null || body[name] === '');
    if (missing.length > 0) {
      fail(missing[0]!, `A federated identity credential needs ${missing.map((m) => `'${m}'`).join(', ')}: the ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.`);
    }
  }
  const props: FederatedCredentialProps = {
    name: current?.name ?? checkName(body.name),
    issuer: has('issuer') || !current ? checkIssuer(body.issuer) : current.issuer,
    subject: has('subject') || !current ? checkSubject(body.subject) : current.subject,
    audiences: has('audiences') ? checkAudiences(body.audiences) : current?.audiences ?? [DEFAULT_AUDIENCE],
    description: has('description') ? checkDescription(body.description) : current?.description ?? null,
  };
  return props;
}

function checkName(value: unknown): string {
  if (typeof value !== 'string' || !NAME.test(value)) {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    fail('name', `Federated Identity Credential name '${shown}' is invalid. Use 3 to 120 letters, digits, '-' or '_', starting with a letter or digit.`);
  }
  return value;
}

function checkIssuer(value: unknown): string {
  if (typeof value !== 'string' || value === '') invalidValue('issuer', 'The issuer (the URL of the external identity provider) is required.');
  if (value.length > MAX_LENGTH) invalidValue('issuer', `The issuer may have at most ${MAX_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalidValue('issuer', 'The issuer must be an https URL.');
  }
  // Plain http only on this machine: a test or development identity provider, never one reached over a network.
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(value));
  if (!secure || url.username || url.password || url.hash) invalidValue('issuer', 'The issuer must be an https URL.');
  return value;
}

function checkSubject(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') invalidValue('subject', 'The subject (the sub claim of the external token) is required.');
  if (value.length > MAX_LENGTH) invalidValue('subject', `The subject may have at most ${MAX_LENGTH} characters.`);
  return value;
}

function checkAudiences(value: unknown): string[] {
  if (!Array.isArray(value) || value.length !== 1) fail('audiences', 'Federated identity credentials must have exactly one audience.');
  const [audience] = value;
  if (typeof audience !== 'string' || audience.trim() === '' || audience.length > MAX_LENGTH) {
    invalidValue('audiences', `The audience must be a non-empty string of at most ${MAX_LENGTH} characters (usually ${DEFAULT_AUDIENCE}).`);
  }
  return [audience];
}

function checkDescription(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length > MAX_LENGTH) invalidValue('description', `The description may have at most ${MAX_LENGTH} characters.`);
  return value;
}
