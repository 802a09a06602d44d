import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate, createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface TlsMaterial {
  certPem: string;
  keyPem: string;
  caCertPath?: string;
}

const DAY = 24 * 60 * 60 * 1000;
// RSA rather than P-256: every TLS client and certificate store takes it, and keyEncipherment means something.
const KEY_ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const KEY_GEN = { ...KEY_ALG, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
const CA_NAME = 'CN=Entrada Development CA';
// Browsers reject leaf certificates valid for more than 398 days.
const SERVER_DAYS = 397;
const RENEW_BEFORE = 30 * DAY;

const { subtle } = webcrypto;
const provider = webcrypto;
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

/**
 * The local development CA and its `localhost` server certificate under `{dataDir}/tls`, created on first use.
 * Later calls only read and check the files; the server certificate alone is renewed when needed, so that the
 * CA clients were told to trust stays the same.
 */
export async function ensureDevTls(dataDir: string): Promise<Required<TlsMaterial>> {
  const dir = path.join(dataDir, 'tls');
  const file = (name: string) => path.join(dir, name);
  await mkdir(dir, { recursive: true });

  let ca = await readPair(file('ca.crt'), file('ca.key'));
  if (!ca || !usable(ca.cert)) {
    ca = await createCa();
    // Key before certificate: a certificate on disk always has its key beside it.
    await writeAtomic(file('ca.key'), ca.keyPem, 0o600);
    await writeAtomic(file('ca.crt'), ca.certPem, 0o644);
  }

  let server = await readPair(file('server.crt'), file('server.key'));
  if (!server || !usable(server.cert) || !server.cert.verify(ca.cert.publicKey)) {
    server = await createServer(ca);
    await writeAtomic(file('server.key'), server.keyPem, 0o600);
    await writeAtomic(file('server.crt'), server.certPem, 0o644);
  }

  return { certPem: server.certPem + ca.certPem, keyPem: server.keyPem, caCertPath: file('ca.crt') };
}

/** The operator's own certificate and key when both are configured, else the development ones. */
export async function loadTls(opts: { dataDir: string; tlsCert?: string; tlsKey?: string }): Promise<TlsMaterial> {
  const { tlsCert, tlsKey } = opts;
  if (!tlsCert && !tlsKey) return ensureDevTls(opts.dataDir);
  if (!tlsCert || !tlsKey) {
    throw new Error('ENTRADA_TLS_CERT (--tls-cert) and ENTRADA_TLS_KEY (--tls-key) must be set together');
  }
  const [certPem, keyPem] = await Promise.all([
    readPem(tlsCert, 'ENTRADA_TLS_CERT (--tls-cert)'),
    readPem(tlsKey, 'ENTRADA_TLS_KEY (--tls-key)'),
  ]);
  return { certPem, keyPem };
}

interface Pair {
  cert: X509Certificate;
  certPem: string;
  keyPem: string;
}

async function readPem(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`${what}: cannot read '${file}': ${(err as Error).message}`, { cause: err });
  }
}

/** A certificate and its key from disk, or undefined if either is missing, unparsable or they do not match. */
async function readPair(certFile: string, keyFile: string): Promise<Pair | undefined> {
  try {
    const [certPem, keyPem] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
    const cert = new X509Certificate(certPem);
    return cert.checkPrivateKey(createPrivateKey(keyPem)) ? { cert, certPem, keyPem } : undefined;
  } catch {
    return undefined;
  }
}

function usable(cert: X509Certificate): boolean {
  const now = Date.now();
  return new Date(cert.validFrom).getTime() <= now + DAY && new Date(cert.validTo).getTime() - now > RENEW_BEFORE;
}

async function writeAtomic(file: string, data: string, mode: number): Promise<void> {
  // Rename so a concurrent reader or a crash never sees half a key; a fresh file also gets `mode` for certain.
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, data, { mode });
  await rename(tmp, file);
}

/** A positive 128-bit serial, as CAs use to make serials unpredictable. */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

async function exportKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }) as string;
}

function pem(cert: x509.X509Certificate): string {
  return `${cert.toString('pem').trim()}\n`;
}

async function createCa(): Promise<Pair> {
  const keys = (await subtle.generateKey(KEY_GEN, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: CA_NAME,
    // Backdated a day so clients with a slightly slow clock accept it at once.
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3652 * DAY),
    keys,
    signingAlgorithm: KEY_ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, provider),
    ],
  }, provider);
  const certPem = pem(cert);
  return { cert: new X509Certificate(certPem), certPem, keyPem: await exportKey(keys.privateKey!) };
}

async function createServer(ca: Pair): Promise<Pair> {
  const keys = (await subtle.generateKey(KEY_GEN, true, ['sign', 'verify'])) as CryptoKeyPair;
  const caDer = createPrivateKey(ca.keyPem).export({ type: 'pkcs8', format: 'der' });
  const caKey = await subtle.importKey('pkcs8', caDer, KEY_ALG, false, ['sign']);
  const caCert = new x509.X509Certificate(ca.certPem);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=localhost',
    issuer: caCert.subject,
    // notBefore is backdated an hour for clock skew; the whole span stays within SERVER_DAYS.
    notBefore: new Date(now - 60 * 60 * 1000),
    notAfter: new Date(now + (SERVER_DAYS - 1) * DAY),
    publicKey: keys.publicKey!,
    signingKey: caKey,
    signingAlgorithm: KEY_ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' },
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey!, false, provider),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey, false, provider),
    ],
  }, provider);
  const certPem = pem(cert);
  return { cert: new X509Certificate(certPem), certPem, keyPem: await exportKey(keys.privateKey!) };
}
