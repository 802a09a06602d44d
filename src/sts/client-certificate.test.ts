import { describe, expect, it } from 'vitest';
import { makeCertificate, type TestCertificate } from '../../test/support/certificates.js';
import type { Client } from '../directory/clients.js';
import type { StoredCertificate } from '../directory/key-credentials.js';
import { checkCertificateWindow, findCertificate } from './client-certificate.js';
import { StsError } from './errors.js';

function stored(cert: TestCertificate, start = Date.now() - 1000, end = Date.now() + 86_400_000): StoredCertificate {
  return {
    keyId: crypto.randomUUID(), thumbprintSha1: cert.thumbprintSha1, thumbprintSha256: cert.thumbprintSha256,
    publicKey: cert.publicKey, certificateDer: cert.der, start, end,
  };
}

const a = makeCertificate();
const b = makeCertificate();
const client = { appId: 'c0ffee00-0000-0000-0000-000000000000', certificates: [stored(a), stored(b)] } as unknown as Client;

const found = (header: Record<string, unknown>) => findCertificate(client, { alg: 'RS256', ...header }).cert.thumbprintSha256;
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as StsError;
  }
  throw new Error('expected an StsError');
};

describe('finding the certificate of a client assertion', () => {
  it('by x5t#S256, x5t, kid (base64url, base64 or hex) and x5c alone', () => {
    expect(found({ 'x5t#S256': b.thumbprintSha256 })).toBe(b.thumbprintSha256);
    expect(found({ x5t: b.thumbprintSha1 })).toBe(b.thumbprintSha256);
    expect(found({ kid: Buffer.from(a.thumbprintSha1, 'base64url').toString('base64') })).toBe(a.thumbprintSha256);
    expect(found({ kid: a.thumbprintSha1Hex.toLowerCase() })).toBe(a.thumbprintSha256);
    expect(found({ x5c: [b.base64] })).toBe(b.thumbprintSha256);
    // A kid that is no thumbprint (a GUID) falls through to x5c.
    expect(found({ kid: crypto.randomUUID(), x5c: [a.base64] })).toBe(a.thumbprintSha256);
  });

  it('refuses an unknown thumbprint (700027, shown in hex) and an x5c that contradicts the thumbprint', () => {
    const other = makeCertificate();
    const unknown = failure(() => findCertificate(client, { alg: 'RS256', x5t: other.thumbprintSha1 }));
    expect(unknown.code).toBe(700027);
    expect(unknown.description).toContain(`Thumbprint of key used by client: '${other.thumbprintSha1Hex}'`);
    expect(failure(() => findCertificate(client, { alg: 'RS256', x5t: a.thumbprintSha1, x5c: [b.base64] })).code).toBe(700027);
    expect(failure(() => findCertificate(client, { alg: 'RS256' })).code).toBe(50027);
  });

  it('requires the certificate to be valid when used', () => {
    const cert = stored(a, Date.parse('2030-01-01T00:00:00Z'), Date.parse('2031-01-01T00:00:00Z'));
    expect(failure(() => checkCertificateWindow(client, cert, 'T', new Date('2029-12-31T23:59:59Z'))).description).toContain('not yet valid');
    expect(failure(() => checkCertificateWindow(client, cert, 'T', new Date('2031-01-01T00:00:00Z'))).description)
      .toContain("The key used is expired., Thumbprint of key used by client: 'T', Found key 'Start=01/01/2030 00:00:00, End=01/01/2031 00:00:00'");
    expect(() => checkCertificateWindow(client, cert, 'T', new Date('2030-06-01T00:00:00Z'))).not.toThrow();
  });
});
