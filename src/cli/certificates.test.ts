import 'reflect-metadata';
import * as peculiar from '@peculiar/x509';
import { X509Certificate, createHash, generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificatePem, createSelfSigned, parseCertificate, parseCertificateWithKey, pemBlocks, type SelfSigned } from './certificates.js';

describe('certificates', () => {
  let made: SelfSigned;
  const notBefore = new Date('2025-01-01T00:00:00Z');
  const notAfter = new Date('2035-01-01T00:00:00Z');

  beforeAll(async () => {
    made = await createSelfSigned('my-app, with "quotes"', notBefore, notAfter);
  });

  it('creates a self-signed RSA-2048 certificate in az\'s layout: private key, then certificate', () => {
    expect(pemBlocks(made.pem).map((b) => b.label)).toEqual(['PRIVATE KEY', 'CERTIFICATE']);
    const x509 = new X509Certificate(made.certificate.der);
    // Node prints the name RFC 4514-escaped; the CN itself is the display name as given.
    expect(new peculiar.X509Certificate(made.certificate.der).subjectName.toJSON()).toEqual([{ CN: ['my-app, with "quotes"'] }]);
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(made.certificate.notBefore).toEqual(notBefore);
    expect(made.certificate.notAfter).toEqual(notAfter);
  });

  it('computes upper-case hex SHA-1 and SHA-256 thumbprints of the DER', () => {
    const { der, thumbprint, thumbprintSha256 } = made.certificate;
    expect(thumbprint).toBe(createHash('sha1').update(der).digest('hex').toUpperCase());
    expect(thumbprint).toBe(new X509Certificate(der).fingerprint.replace(/:/g, ''));
    expect(thumbprintSha256).toBe(new X509Certificate(der).fingerprint256.replace(/:/g, ''));
  });

  it('reads a certificate as PEM, DER, base64 of the DER and base64 of the PEM', () => {
    const { der, thumbprint } = made.certificate;
    const pem = certificatePem(der);
    expect(parseCertificate(pem).thumbprint).toBe(thumbprint);
    expect(parseCertificate(Buffer.from(pem)).thumbprint).toBe(thumbprint);
    expect(parseCertificate(der).thumbprint).toBe(thumbprint);
    expect(parseCertificate(der.toString('base64')).thumbprint).toBe(thumbprint);
    expect(parseCertificate(`${der.toString('base64').match(/.{1,76}/g)!.join('\r\n')}\r\n`).thumbprint).toBe(thumbprint);
    expect(parseCertificate(Buffer.from(pem).toString('base64')).thumbprint).toBe(thumbprint);
  });

  it('takes only the certificate of a PEM that also holds the private key', () => {
    const cert = parseCertificate(made.pem);
    expect(cert.thumbprint).toBe(made.certificate.thumbprint);
    expect(cert.der.equals(made.certificate.der)).toBe(true);
  });

  it('refuses a private key alone, other PEM blocks and garbage, naming the source', () => {
    const keyOnly = made.pem.slice(0, made.pem.indexOf('-----BEGIN CERTIFICATE'));
    expect(() => parseCertificate(keyOnly, '--cert key.pem')).toThrow('--cert key.pem holds a private key but no certificate');
    const publicKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(() => parseCertificate(publicKey)).toThrow('has no PEM CERTIFICATE block');
    expect(() => parseCertificate('not a certificate!')).toThrow('is not an X.509 certificate in PEM, DER or base64 form');
    expect(() => parseCertificate('QUJD')).toThrow('is not an X.509 certificate');
    expect(() => parseCertificate('-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n')).toThrow('is not an X.509 certificate');
  });

  it('reads a PEM with key and certificate for signing, in either order, with the chain', () => {
    const parsed = parseCertificateWithKey(made.pem, 'file');
    expect(parsed.certificate.thumbprint).toBe(made.certificate.thumbprint);
    expect(parsed.privateKey.asymmetricKeyType).toBe('rsa');
    const blocks = made.pem.split(/(?=-----BEGIN CERTIFICATE)/);
    const reversed = parseCertificateWithKey(`${blocks[1]}${blocks[0]}`, 'file');
    expect(reversed.certificate.thumbprint).toBe(made.certificate.thumbprint);
    expect(reversed.chain).toHaveLength(1);
  });

  it('says what is wrong with a PEM that cannot sign', async () => {
    const other = await createSelfSigned('other', notBefore, notAfter);
    const otherKey = other.pem.slice(0, other.pem.indexOf('-----BEGIN CERTIFICATE'));
    expect(() => parseCertificateWithKey(certificatePem(made.certificate.der), 'f.pem')).toThrow('f.pem holds no private key');
    expect(() => parseCertificateWithKey(otherKey, 'f.pem')).toThrow('f.pem holds a private key but no certificate');
    expect(() => parseCertificateWithKey(`${otherKey}${certificatePem(made.certificate.der)}`, 'f.pem'))
      .toThrow('f.pem: the private key does not match the certificate');
    expect(() => parseCertificateWithKey('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n', 'f.pem'))
      .toThrow('the private key is encrypted');
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    expect(() => parseCertificateWithKey(`${pkcs1}${certificatePem(made.certificate.der)}`, 'f.pem')).toThrow('does not match');
  });
});
