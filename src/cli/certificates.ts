/**
 * Certificates as the CLI handles them: one given as PEM, DER or base64 (`--cert`), its SHA-1 and SHA-256
 * thumbprints, a self-signed RSA-2048 certificate for `--create-cert`, and the PEM file az writes for it
 * (private key, then certificate) that `login --service-principal` reads back.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate, createHash, createPrivateKey, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import { CliError } from './errors.js';

export interface Certificate {
  der: Buffer;
  /** SHA-1 of the DER, upper-case hex: what the portal and az show, and Graph's customKeyIdentifier. */
  thumbprint: string;
  /** SHA-256 of the DER, upper-case hex: what MSAL's thumbprintSha256 and the x5t#S256 header carry. */
  thumbprintSha256: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

/** A PEM file with a private key and its certificate (and any chain after it), as az login reads it. */
export interface CertificateWithKey {
  privateKey: KeyObject;
  certificate: Certificate;
  /** Every certificate in the file, the key's own first: what x5c sends. */
  chain: Certificate[];
}

const KEY_ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const KEY_GEN = { ...KEY_ALG, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export function certificateFromDer(der: Buffer): Certificate {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    throw new CliError('The data is not an X.509 certificate.');
  }
  return {
    der,
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
    thumbprintSha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
    subject: cert.subject.replace(/\n/g, ', '),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
  };
}

interface PemBlock { label: string; der: Buffer }

export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1]!, der: Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64') }));
}

/**
 * The certificate in what `--cert` gives: PEM text (its first CERTIFICATE; a private key beside it is
 * ignored and never sent), base64 of the DER, or the DER bytes of a .cer file.
 */
export function parseCertificate(input: Buffer | string, source = 'The certificate'): Certificate {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN')) {
    const blocks = pemBlocks(text);
    const cert = blocks.find((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE');
    if (cert) return described(() => certificateFromDer(cert.der), source);
    if (blocks.some((b) => b.label.includes('PRIVATE KEY'))) {
      throw new CliError(`${source} holds a private key but no certificate. Give the certificate (its public part) only.`);
    }
    throw new CliError(`${source} has no PEM CERTIFICATE block.`);
  }
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return described(() => certificateFromDer(bytes), source);
  const decoded = Buffer.from(compact, 'base64');
  // base64 of a whole PEM file, as some pipelines store certificates.
  if (decoded.toString('latin1').includes('-----BEGIN')) return parseCertificate(decoded, source);
  return described(() => certificateFromDer(decoded), source);
}

function described<T>(fn: () => T, source: string): T {
  try {
    return fn();
  } catch {
    throw new CliError(`${source} is not an X.509 certificate in PEM, DER or base64 form.`);
  }
}

/** Read a PEM with a private key and certificate for signing client assertions; the key must match the certificate. */
export function parseCertificateWithKey(text: string, source: string): CertificateWithKey {
  const blocks = pemBlocks(text);
  if (blocks.some((b) => b.label === 'ENCRYPTED PRIVATE KEY')) {
    throw new CliError(`${source}: the private key is encrypted; give a PEM file with an unencrypted key.`);
  }
  const keyBlock = blocks.find((b) => b.label === 'PRIVATE KEY' || b.label === 'RSA PRIVATE KEY' || b.label === 'EC PRIVATE KEY');
  if (!keyBlock) {
    throw new CliError(`${source} holds no private key. Signing in with a certificate needs a PEM file with the private key`
      + ' and the certificate, such as the one `entrada ad app credential reset --create-cert` writes.');
  }
  const chain = blocks.filter((b) => b.label === 'CERTIFICATE').map((b) => described(() => certificateFromDer(b.der), source));
  if (chain.length === 0) throw new CliError(`${source} holds a private key but no certificate; put the certificate after the key.`);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: keyBlock.der, format: 'der', type: keyBlock.label === 'RSA PRIVATE KEY' ? 'pkcs1' : keyBlock.label === 'EC PRIVATE KEY' ? 'sec1' : 'pkcs8' });
  } catch (err) {
    throw new CliError(`${source}: cannot read the private key: ${(err as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw new CliError(`${source}: the private key must be an RSA key.`);
  // The key's own certificate may come first or not; send it first, as MSAL does with x5c.
  const own = chain.find((c) => new X509Certificate(c.der).checkPrivateKey(privateKey));
  if (!own) throw new CliError(`${source}: the private key does not match the certificate.`);
  return { privateKey, certificate: own, chain: [own, ...chain.filter((c) => c !== own)] };
}

export interface SelfSigned {
  certificate: Certificate;
  /** az's layout: `-----BEGIN PRIVATE KEY-----` (PKCS#8) then `-----BEGIN CERTIFICATE-----`. */
  pem: string;
}

/** A self-signed RSA-2048 certificate with CN=`commonName`, signed with SHA-256, for client authentication. */
export async function createSelfSigned(commonName: string, notBefore: Date, notAfter: Date): Promise<SelfSigned> {
  const { subtle } = webcrypto;
  const keys = (await subtle.generateKey(KEY_GEN, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    // An explicit UTF8String: the library's plain-string form mis-parses names with quotes.
    name: new x509.Name([{ CN: [{ utf8String: commonName }] }]),
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: KEY_ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
    ],
  }, webcrypto);
  const der = Buffer.from(cert.rawData);
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }) as string;
  return { certificate: certificateFromDer(der), pem: `${keyPem.trim()}\n${certificatePem(der)}` };
}

export function certificatePem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** A positive 128-bit serial number. */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}
