/**
 * One `keyCredential` as a client sends it (addKey's `keyCredential`, or an item of PATCH `keyCredentials`):
 * arbitrary JSON, checked property by property. Start, end, thumbprint and display name come from the
 * certificate itself, so what a client says about them is not trusted (it is accepted, to let a client send
 * back what it read).
 */
import { isGuid } from '../lib/ids.js';
import { parseCertificateInput, type ParsedCertificate } from './certificate-input.js';
import { DirectoryError } from './errors.js';

export interface KeyCredentialInput {
  key: unknown;
  type?: unknown;
  usage?: unknown;
  displayName?: unknown;
  keyId?: unknown;
  [property: string]: unknown;
}

/** A checked entry: a new certificate (`certificate` set) or a reference to a credential the app already has. */
export interface KeyEntry { keyId?: string; displayName?: string; certificate?: ParsedCertificate }

const KNOWN = new Set(['customKeyIdentifier', 'displayName', 'endDateTime', 'key', 'keyId', 'startDateTime', 'type', 'usage']);
const SAML = 'Key credentials of type X509CertAndPassword or usage Sign are SAML token-signing certificates, which Entrada does not '
  + "support. For client authentication upload the public certificate with type 'AsymmetricX509Cert' and usage 'Verify'.";

function fail(target: string, message: string): never {
  throw new DirectoryError('invalid', message, target);
}

function invalidValue(target: string, name: string, detail = ''): never {
  fail(target, `Invalid value specified for property '${name}' of resource 'KeyCredential'.${detail ? ` ${detail}` : ''}`);
}

/**
 * Check an entry. With `requireKey` (addKey) the certificate must be there; otherwise an entry without `key`
 * names an existing credential by keyId. `now` decides whether a new certificate is valid.
 */
export function readKeyEntry(input: unknown, now: Date, options: { requireKey: boolean; path?: string }): KeyEntry {
  const path = options.path ?? 'keyCredential';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) invalidValue(path, 'keyCredential', 'Expected an object.');
  const body = input as Record<string, unknown>;
  for (const name of Object.keys(body)) {
    // `@odata.type` and our own `@entrada.credentialState` come back from clients that send what they read.
    if (name.includes('@')) continue;
    if (!KNOWN.has(name)) fail(`${path}.${name}`, `Property '${name}' does not exist on type 'microsoft.graph.keyCredential'.`);
  }
  checkKind(body, path);
  const entry: KeyEntry = {};
  if (body.keyId !== undefined && body.keyId !== null) {
    if (!isGuid(body.keyId)) invalidValue(`${path}.keyId`, 'keyId', 'The keyId must be a GUID.');
    entry.keyId = body.keyId.toLowerCase();
  }
  if (body.displayName !== undefined && body.displayName !== null) {
    if (typeof body.displayName !== 'string' || body.displayName.length > 256) {
      invalidValue(`${path}.displayName`, 'displayName', 'The displayName must be a string of at most 256 characters.');
    }
    if (body.displayName.trim() !== '') entry.displayName = body.displayName;
  }
  const hasKey = body.key !== undefined && body.key !== null;
  if (hasKey) entry.certificate = parseCertificateInput(body.key, now);
  else if (options.requireKey || !entry.keyId) {
    fail(`${path}.key`, "The certificate is required: set 'key' to the base64 DER (or PEM) of the public certificate.");
  }
  return entry;
}

/** type AsymmetricX509Cert with usage Verify is the only client-authentication credential. */
function checkKind(body: Record<string, unknown>, path: string): void {
  const type = body.type ?? 'AsymmetricX509Cert';
  const usage = body.usage ?? 'Verify';
  if (typeof type !== 'string') invalidValue(`${path}.type`, 'type');
  if (typeof usage !== 'string') invalidValue(`${path}.usage`, 'usage');
  const t = (type as string).toLowerCase();
  const u = (usage as string).toLowerCase();
  if (t === 'x509certandpassword' || u === 'sign') fail(`${path}.usage`, SAML);
  if (u === 'encrypt') {
    fail(`${path}.usage`, 'Key credentials with usage Encrypt (token encryption) are not supported by Entrada; use usage Verify to authenticate the application.');
  }
  if (t !== 'asymmetricx509cert') {
    invalidValue(`${path}.type`, 'type', "Entrada supports certificates only: type 'AsymmetricX509Cert'.");
  }
  if (u !== 'verify') invalidValue(`${path}.usage`, 'usage', "Certificates that authenticate the application have usage 'Verify'.");
}
