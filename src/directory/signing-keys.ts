import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { createPrivateKey, createPublicKey, randomBytes, scryptSync, webcrypto, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { decrypt, encrypt, sha1 } from '../lib/crypto.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/store.js';

/** A public signing key as published in JWKS (kid = x5t = base64url SHA-1 of its certificate). */
export interface PublicSigningKey { kid: string; publicKey: KeyObject; jwk: Record<string, unknown> }
export interface KeyRing {
  active: { kid: string; privateKey: KeyObject };
  /** Every published key: the active one first, then the previous ones still valid for verification. */
  published: PublicSigningKey[];
  byKid: Map<string, PublicSigningKey>;
}

const KEY_LIFETIME_MS = 5 * 365 * 24 * 3600 * 1000;

/**
 * Token signing keys, kept in the store with their private halves encrypted (AES-256-GCM). Several keys are
 * published; one signs. Rotation adds a key and demotes the old one to 'previous', which stays published.
 */
export class SigningKeys {
  private ring: Promise<KeyRing> | undefined;

  constructor(private readonly store: Store, private readonly encryptionKey: Buffer, private readonly clock: Clock) {}

  /** The key ring, loaded once and cached until rotation. */
  keyRing(): Promise<KeyRing> {
    this.ring ??= this.load();
    this.ring.catch(() => (this.ring = undefined));
    return this.ring;
  }

  /** Make sure an active key exists (first start). */
  async ensureActive(): Promise<void> {
    const row = await this.store.db.selectFrom('signing_keys').select('kid').where('status', '=', 'active').executeTakeFirst();
    if (!row) await this.add();
  }

  /** Add a new active key; the old active key stays published as 'previous'. */
  async rotate(): Promise<string> {
    return this.add();
  }

  private async add(): Promise<string> {
    const { kid, certificate, pkcs8 } = await generateSigningKey(this.clock.now());
    const now = this.clock.now();
    await this.store.transaction(async (trx) => {
      await trx.updateTable('signing_keys').set({ status: 'previous' }).where('status', '=', 'active').execute();
      await trx.insertInto('signing_keys').values({
        kid, status: 'active', created_at: now.toISOString(), not_after: new Date(now.getTime() + KEY_LIFETIME_MS).toISOString(),
        certificate: certificate.toString('base64'), private_key: encrypt(this.encryptionKey, pkcs8),
      }).execute();
    });
    this.ring = undefined;
    return kid;
  }

  private async load(): Promise<KeyRing> {
    const rows = await this.store.db.selectFrom('signing_keys').selectAll().where('status', 'in', ['active', 'previous'])
      .orderBy('created_at', 'desc').execute();
    const activeRow = rows.find((r) => r.status === 'active');
    if (!activeRow) throw new Error('no active signing key');
    const published = rows.map((r) => publicKeyOf(r.kid, Buffer.from(r.certificate, 'base64')));
    published.sort((a, b) => (a.kid === activeRow.kid ? -1 : b.kid === activeRow.kid ? 1 : 0));
    let sealed: Buffer;
    try {
      sealed = decrypt(this.encryptionKey, activeRow.private_key);
    } catch {
      throw new Error('The signing keys cannot be decrypted: ENTRADA_KEY (or the data dir\'s signing-keys.key) is not the key they were stored with.');
    }
    const privateKey = createPrivateKey({ key: sealed, format: 'der', type: 'pkcs8' });
    return { active: { kid: activeRow.kid, privateKey }, published, byKid: new Map(published.map((k) => [k.kid, k])) };
  }
}

function publicKeyOf(kid: string, certDer: Buffer): PublicSigningKey {
  const cert = new x509.X509Certificate(certDer);
  const publicKey = createPublicKey({ key: Buffer.from(cert.publicKey.rawData), format: 'der', type: 'spki' });
  const { n, e } = publicKey.export({ format: 'jwk' });
  return { kid, publicKey, jwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n, e, x5c: [certDer.toString('base64')] } };
}

async function generateSigningKey(now: Date): Promise<{ kid: string; certificate: Buffer; pkcs8: Buffer }> {
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(16).toString('hex').replace(/^[89a-f]/, '1'),
    name: 'CN=Entrada token signing',
    notBefore: now,
    notAfter: new Date(now.getTime() + KEY_LIFETIME_MS),
    keys: keys as any,
    signingAlgorithm: alg,
  }, webcrypto as any);
  const certificate = Buffer.from(cert.rawData);
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { kid: sha1(certificate).toString('base64url'), certificate, pkcs8 };
}

/**
 * The key that encrypts signing keys at rest: ENTRADA_KEY if set (any string; stretched with scrypt), else a
 * random key kept in `{dataDir}/signing-keys.key` with mode 0600, created on first start.
 */
export function loadEncryptionKey(dataDir: string, configured: string | undefined): Buffer {
  if (configured) return scryptSync(configured, 'entrada signing-key encryption', 32);
  const file = path.join(dataDir, 'signing-keys.key');
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
