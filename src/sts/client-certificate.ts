/**
 * Which registered certificate signed a client assertion, and whether its signature holds (entra-protocol.md
 * §3.6, §7.5). The header names the certificate by `x5t#S256` (PS256, current MSAL and Azure Identity), `x5t`
 * (RS256, legacy SHA-1), `kid` as a fallback, or `x5c` alone; any of them may come with any of the two algorithms.
 */
import { createHash } from 'node:crypto';
import { compactVerify, type ProtectedHeaderParameters } from 'jose';
import type { Client } from '../directory/clients.js';
import type { StoredCertificate } from '../directory/key-credentials.js';
import { StsError } from './errors.js';

/** The only algorithms Entra takes for certificate assertions; `none` and HS* never reach a key. */
export const CERTIFICATE_ALGORITHMS = ['RS256', 'PS256'];

interface CertificateIndex { bySha1: Map<string, StoredCertificate>; bySha256: Map<string, StoredCertificate> }

// Clients come from the directory's per-tenant cache and are replaced on any write, so an index hung on the
// Client object is built once per directory change and dies with it: no RSA-free work repeats per request.
const indexes = new WeakMap<Client, CertificateIndex>();

function indexOf(client: Client): CertificateIndex {
  let index = indexes.get(client);
  if (!index) {
    index = { bySha1: new Map(), bySha256: new Map() };
    for (const cert of client.certificates) {
      index.bySha1.set(cert.thumbprintSha1, cert);
      index.bySha256.set(cert.thumbprintSha256, cert);
    }
    indexes.set(client, index);
  }
  return index;
}

/** A thumbprint from the header as bytes: base64url by the JWS spec, but base64 and hex (in `kid`) are seen too. */
function thumbprintBytes(value: unknown): Buffer | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(value)) return Buffer.from(value, 'hex');
  const bytes = Buffer.from(value, 'base64'); // Node's base64 decoder reads both alphabets
  return bytes.length === 20 || bytes.length === 32 ? bytes : undefined;
}

function lookup(index: CertificateIndex, bytes: Buffer): StoredCertificate | undefined {
  const key = bytes.toString('base64url');
  return bytes.length === 20 ? index.bySha1.get(key) : index.bySha256.get(key);
}

/** Entra's "Found key 'Start=…, End=…'" uses .NET's invariant date format, in UTC. */
function foundKey(cert: StoredCertificate): string {
  const f = (ms: number) => {
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  };
  return `, Found key 'Start=${f(cert.start)}, End=${f(cert.end)}'`;
}

function keyError(client: Client, thumbprint: string, summary: string, reason: string, cert?: StoredCertificate): StsError {
  return new StsError(700027, { summary, reason, thumbprint, appId: client.appId, found: cert ? foundKey(cert) : '' });
}

const NOT_REGISTERED = 'The certificate with identifier used to sign the client assertion is not registered on application.';
const INVALID_SIGNATURE = 'Client assertion contains an invalid signature.';

/**
 * The registered certificate the header points at. A thumbprint header wins; `x5c`, when present, must then carry
 * that very certificate first; without a thumbprint the first `x5c` certificate itself identifies the key.
 */
export function findCertificate(client: Client, header: ProtectedHeaderParameters): { cert: StoredCertificate; thumbprint: string } {
  const index = indexOf(client);
  const named = [header['x5t#S256'], header.x5t, header.kid].map(thumbprintBytes).filter((b): b is Buffer => b !== undefined);
  const chain = Array.isArray(header.x5c) && typeof header.x5c[0] === 'string' ? Buffer.from(header.x5c[0], 'base64') : undefined;
  const chainSha256 = chain ? createHash('sha256').update(chain).digest() : undefined;
  if (named.length === 0 && !chainSha256) {
    throw new StsError(50027, { detail: "The client assertion header names no key: it needs 'x5t#S256', 'x5t', 'kid' or 'x5c'." });
  }
  const shown = (named[0] ?? createHash('sha1').update(chain!).digest()).toString('hex').toUpperCase();
  let cert: StoredCertificate | undefined;
  for (const bytes of named) {
    cert = lookup(index, bytes);
    if (cert) break;
  }
  if (named.length === 0) cert = lookup(index, chainSha256!);
  if (!cert) throw keyError(client, shown, NOT_REGISTERED, 'The key was not found.');
  if (chainSha256 && chainSha256.toString('base64url') !== cert.thumbprintSha256) {
    throw keyError(client, shown, INVALID_SIGNATURE, 'The first certificate in the x5c header is not the certificate named by the thumbprint.', cert);
  }
  return { cert, thumbprint: shown };
}

/** The certificate must be within its own validity when used, not only when uploaded. */
export function checkCertificateWindow(client: Client, cert: StoredCertificate, thumbprint: string, now: Date): void {
  const t = now.getTime();
  if (t >= cert.end) throw keyError(client, thumbprint, INVALID_SIGNATURE, 'The key used is expired.', cert);
  if (t < cert.start) throw keyError(client, thumbprint, INVALID_SIGNATURE, 'The key used is not yet valid.', cert);
}

/** One RS256 or PS256 verification with the stored public key: the one cost the certificate path adds. */
export async function verifyCertificateSignature(client: Client, cert: StoredCertificate, thumbprint: string, token: string): Promise<void> {
  const type = cert.publicKey.asymmetricKeyType;
  if (type !== 'rsa' && type !== 'rsa-pss') throw new StsError(5002730);
  try {
    await compactVerify(token, cert.publicKey, { algorithms: CERTIFICATE_ALGORITHMS });
  } catch {
    throw keyError(client, thumbprint, 'Client assertion failed signature validation.',
      'The provided signature value did not match the expected signature value.', cert);
  }
}
