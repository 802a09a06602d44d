import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate, createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDevTls, loadTls } from './tls.js';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-tls-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const tlsFile = (name: string) => path.join(dataDir, 'tls', name);
const read = (name: string) => fs.readFileSync(tlsFile(name), 'utf8');

/** Serves one request with the material and fetches it with the given CA (or only the system's). */
async function roundTrip(material: { certPem: string; keyPem: string }, ca?: Buffer): Promise<string> {
  const server = https.createServer({ cert: material.certPem, key: material.keyPem }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<string>((resolve, reject) => {
      const req = https.get({ host: 'localhost', port, path: '/', ca, agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('ensureDevTls', () => {
  it('creates a CA and a localhost server certificate signed by it', async () => {
    const tls = await ensureDevTls(dataDir);
    expect(tls.caCertPath).toBe(tlsFile('ca.crt'));
    for (const name of ['ca.key', 'server.key']) expect(fs.statSync(tlsFile(name)).mode & 0o777).toBe(0o600);

    const ca = new X509Certificate(read('ca.crt'));
    expect(ca.subject).toBe('CN=Entrada Development CA');
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);

    const server = new X509Certificate(read('server.crt'));
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkIP('::1')).toBe('::1');
    expect(server.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    const days = (Date.parse(server.validTo) - Date.parse(server.validFrom)) / 86_400_000;
    expect(days).toBeLessThanOrEqual(397);
    expect(server.checkPrivateKey(createPrivateKey(tls.keyPem))).toBe(true);

    expect(tls.certPem).toBe(read('server.crt') + read('ca.crt'));
  });

  it('reuses the files on later calls', async () => {
    const first = await ensureDevTls(dataDir);
    const second = await ensureDevTls(dataDir);
    expect(second).toEqual(first);
  });

  it('renews only the server certificate when it is missing, broken or about to expire', async () => {
    const first = await ensureDevTls(dataDir);
    const ca = read('ca.crt');

    fs.rmSync(tlsFile('server.crt'));
    const renewed = await ensureDevTls(dataDir);
    expect(renewed.keyPem).not.toBe(first.keyPem);

    fs.writeFileSync(tlsFile('server.crt'), 'not a certificate');
    const repaired = await ensureDevTls(dataDir);
    expect(repaired.keyPem).not.toBe(renewed.keyPem);

    // A server certificate that expires in ten days, signed by the same CA with the current key.
    const caKey = await webcrypto.subtle.importKey(
      'pkcs8', createPrivateKey(read('ca.key')).export({ type: 'pkcs8', format: 'der' }),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const serverKey = await webcrypto.subtle.importKey(
      'spki', createPublicKey(repaired.keyPem).export({ type: 'spki', format: 'der' }),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
    const expiring = await x509.X509CertificateGenerator.create({
      subject: 'CN=localhost', issuer: 'CN=Entrada Development CA', notBefore: new Date(),
      notAfter: new Date(Date.now() + 10 * 86_400_000), publicKey: serverKey, signingKey: caKey,
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
    }, webcrypto);
    fs.writeFileSync(tlsFile('server.crt'), expiring.toString('pem'));
    const fresh = await ensureDevTls(dataDir);
    expect(Date.parse(new X509Certificate(read('server.crt')).validTo)).toBeGreaterThan(Date.now() + 300 * 86_400_000);

    expect(read('ca.crt')).toBe(ca);
    expect(fresh.certPem.endsWith(ca)).toBe(true);
  });

  it('serves HTTPS that a client trusting the CA accepts and others refuse', async () => {
    const tls = await ensureDevTls(dataDir);
    expect(await roundTrip(tls, fs.readFileSync(tls.caCertPath))).toBe('ok');
    await expect(roundTrip(tls)).rejects.toMatchObject({
      code: expect.stringMatching(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/),
    });
  });
});

describe('loadTls', () => {
  it('uses the development certificate when none is configured', async () => {
    const tls = await loadTls({ dataDir });
    expect(tls.caCertPath).toBe(tlsFile('ca.crt'));
  });

  it('reads configured PEM files', async () => {
    const dev = await ensureDevTls(dataDir);
    const tls = await loadTls({ dataDir: '/nonexistent', tlsCert: tlsFile('server.crt'), tlsKey: tlsFile('server.key') });
    expect(tls).toEqual({ certPem: read('server.crt'), keyPem: dev.keyPem });
  });

  it('refuses half a configuration and missing files', async () => {
    await expect(loadTls({ dataDir, tlsCert: '/x.pem' })).rejects.toThrow(/must be set together/);
    await expect(loadTls({ dataDir, tlsKey: '/x.pem' })).rejects.toThrow(/must be set together/);
    await expect(loadTls({ dataDir, tlsCert: path.join(dataDir, 'nope.crt'), tlsKey: path.join(dataDir, 'nope.key') }))
      .rejects.toThrow(/ENTRADA_TLS_CERT.*nope\.crt/);
  });
});
