import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeCertificate } from '../../test/support/certificates.js';
import { parseCertificateInput } from './certificate-input.js';

const now = new Date();
const DAY = 86_400_000;

function refused(key: unknown, message: RegExp, at = now): void {
  let error: unknown;
  try {
    parseCertificateInput(key, at);
  } catch (err) {
    error = err;
  }
  expect(error).toMatchObject({ name: 'DirectoryError', kind: 'invalid', target: 'keyCredentials.key' });
  expect((error as Error).message).toMatch(message);
}

describe('parseCertificateInput', () => {
  const cert = makeCertificate({ subject: 'CN=my-app' });

  it('reads base64 DER, PEM text, base64 of PEM and line-wrapped base64 alike', () => {
    const pemBase64 = Buffer.from(cert.certPem).toString('base64');
    const wrapped = cert.base64.match(/.{1,64}/g)!.join('\r\n');
    for (const input of [cert.base64, cert.certPem, pemBase64, wrapped, `  ${cert.certPem}  `]) {
      const parsed = parseCertificateInput(input, now);
      expect(parsed.der.equals(cert.der)).toBe(true);
      expect(parsed.thumbprintSha1).toBe(cert.thumbprintSha1);
      expect(parsed.thumbprintSha256).toBe(cert.thumbprintSha256);
      expect(parsed.subject).toBe('CN=my-app');
    }
  });

  it('takes start and end from the certificate and prints the subject as Windows does', () => {
    const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000 - DAY);
    const multi = makeCertificate({ subject: 'O=Contoso, CN=daemon', notBefore, days: 90 });
    const parsed = parseCertificateInput(multi.certPem, now);
    expect(parsed.subject).toBe('CN=daemon, O=Contoso');
    expect(parsed.start).toBe(notBefore.getTime());
    expect(parsed.end).toBe(notBefore.getTime() + 90 * DAY);
    expect(parsed.publicKey.asymmetricKeyType).toBe('rsa');
  });

  it('accepts EC certificates on P-256 and stronger curves', () => {
    expect(parseCertificateInput(makeCertificate({ curve: 'P-256' }).base64, now).publicKey.asymmetricKeyType).toBe('ec');
    expect(parseCertificateInput(makeCertificate({ curve: 'P-384' }).base64, now).publicKey.asymmetricKeyType).toBe('ec');
  });

  it('refuses a private key sent by mistake, in every encoding', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    refused(cert.keyPem, /private key/);
    refused(Buffer.from(cert.keyPem).toString('base64'), /private key/);
    refused(rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }), /private key/);
    refused(ec.privateKey.export({ type: 'sec1', format: 'pem' }), /private key/);
    refused(rsa.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'), /private key/);
    refused(rsa.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'), /private key/);
    refused(rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' }), /private key/);
    // The PEM `credential reset --create-cert` writes holds certificate and key: never upload it whole.
    refused(cert.certPem + cert.keyPem, /private key/);
  });

  it('refuses a PFX, naming it', () => {
    // The outer shape of PKCS#12 (RFC 7292): SEQUENCE { INTEGER 3, authSafe … }.
    const pfx = Buffer.from([0x30, 0x05, 0x02, 0x01, 0x03, 0x30, 0x00]);
    refused(pfx.toString('base64'), /PFX \(PKCS#12\)/);
  });

  it('refuses garbage, bare public keys and wrong types', () => {
    refused(undefined, /is required/);
    refused('', /is required/);
    refused(42, /is required/);
    refused('not base64!', /Expected an X\.509 certificate/);
    refused(Buffer.from('hello world').toString('base64'), /Expected an X\.509 certificate/);
    refused(cert.base64.slice(0, 200), /Expected an X\.509 certificate/);
    refused('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', /Expected an X\.509 certificate/);
    refused(cert.publicKey.export({ type: 'spki', format: 'pem' }), /bare public key/);
  });

  it('refuses weak keys: RSA under 2048 bits, curves below P-256', () => {
    refused(makeCertificate({ bits: 1024 }).base64, /RSA key has 1024 bits; at least 2048/);
    refused(makeCertificate({ curve: 'secp224r1' }).base64, /curve secp224r1; use P-256/);
  });

  it('refuses a certificate that is expired or not yet valid at upload, with a few minutes of grace', () => {
    refused(makeCertificate({ notBefore: new Date(Date.now() - 10 * DAY), days: 5 }).base64, /expired on/);
    refused(makeCertificate({ notBefore: new Date(Date.now() + DAY) }).base64, /not valid yet/);
    const soon = makeCertificate({ notBefore: new Date(Date.now() + 60_000) });
    expect(parseCertificateInput(soon.base64, now).thumbprintSha1).toBe(soon.thumbprintSha1);
    // Validity is judged at the given instant, so an injected clock decides.
    refused(cert.base64, /expired on/, new Date(Date.now() + 400 * DAY));
  });
});
