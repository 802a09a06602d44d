/**
 * Self-signed X.509 certificates for tests, made synchronously with node:crypto and a tiny DER writer (so a
 * test can call it with or without `await`). Only what Entra reads from an uploaded certificate matters here:
 * subject, validity, public key and a valid self-signature; no extensions.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface TestCertificate {
  certPem: string;
  /** PKCS#8 PEM of the private key. */
  keyPem: string;
  der: Buffer;
  /** Hex SHA-1 thumbprint, upper case as the portal and MSAL's `thumbprint` option show it. */
  thumbprintSha1Hex: string;
  /** base64url SHA-1 thumbprint (`x5t`). */
  thumbprintSha1: string;
  /** base64url SHA-256 thumbprint (`x5t#S256`). */
  thumbprintSha256: string;
  /** Graph's `key` (Edm.Binary): base64 of the DER. */
  base64: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface CertificateOptions {
  /** Validity in days from notBefore (default 365). */
  days?: number;
  /** Default: an hour ago, so a just-made certificate is valid at once. */
  notBefore?: Date;
  /** RSA modulus length (default 2048). Ignored with `curve`. */
  bits?: number;
  /** An EC certificate on this named curve (e.g. 'P-256', 'P-384', 'secp224r1') instead of RSA. */
  curve?: string;
  /** Distinguished name, e.g. "CN=my-app" or "CN=my-app, O=Contoso" (default "CN=entrada-test"). */
  subject?: string;
  /** Reuse a key pair (e.g. to re-issue a certificate for the same key). */
  keys?: { privateKey: KeyObject; publicKey: KeyObject };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function makeCertificate(options: CertificateOptions = {}): TestCertificate {
  const keys = options.keys ?? (options.curve
    ? generateKeyPairSync('ec', { namedCurve: options.curve })
    : generateKeyPairSync('rsa', { modulusLength: options.bits ?? 2048 }));
  const notBefore = options.notBefore ?? new Date(Date.now() - HOUR);
  const notAfter = new Date(notBefore.getTime() + (options.days ?? 365) * DAY);
  const name = distinguishedName(options.subject ?? 'CN=entrada-test');
  const ec = keys.publicKey.asymmetricKeyType === 'ec';
  // sha256WithRSAEncryption (with NULL parameters) or ecdsa-with-SHA256 (without).
  const algorithm = ec ? seq(oid('1.2.840.10045.4.3.2')) : seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const spki = keys.publicKey.export({ type: 'spki', format: 'der' });
  const tbs = seq(
    tlv(0xa0, int(Buffer.from([2]))), // v3
    int(serialNumber()),
    algorithm,
    name,
    seq(time(notBefore), time(notAfter)),
    name,
    spki,
  );
  const signature = sign('sha256', tbs, keys.privateKey);
  const der = seq(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const base64 = der.toString('base64');
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`,
    keyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    der,
    thumbprintSha1Hex: createHash('sha1').update(der).digest('hex').toUpperCase(),
    thumbprintSha1: createHash('sha1').update(der).digest('base64url'),
    thumbprintSha256: createHash('sha256').update(der).digest('base64url'),
    base64,
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
  };
}

const ATTRIBUTES: Record<string, string> = { CN: '2.5.4.3', O: '2.5.4.10', OU: '2.5.4.11', C: '2.5.4.6', L: '2.5.4.7', ST: '2.5.4.8' };

function distinguishedName(dn: string): Buffer {
  const rdns = dn.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const eq = part.indexOf('=');
    const type = ATTRIBUTES[part.slice(0, eq).trim().toUpperCase()];
    if (eq < 0 || !type) throw new Error(`makeCertificate: unsupported subject part "${part}"`);
    return tlv(0x31, seq(oid(type), tlv(0x0c, Buffer.from(part.slice(eq + 1).trim(), 'utf8'))));
  });
  return seq(...rdns);
}

function serialNumber(): Buffer {
  const bytes = createHash('sha256').update(`${Date.now()}-${Math.random()}`).digest().subarray(0, 16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01; // positive and without a leading zero byte
  return bytes;
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  const year = date.getUTCFullYear();
  // RFC 5280: UTCTime up to 2049, GeneralizedTime from 2050.
  return year < 2050 && year >= 1950 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function int(value: Buffer): Buffer {
  return tlv(0x02, value[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
}

function seq(...parts: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(parts));
}

function tlv(tag: number, value: Buffer): Buffer {
  const n = value.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, value]);
}
