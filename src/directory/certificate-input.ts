/**
 * Reading the `key` of a keyCredential: what people actually upload. Graph's `key` is Edm.Binary (base64 of the
 * DER), but the portal and scripts also send PEM text, base64 of a PEM file, or a .cer/.crt in either encoding.
 * Everything that is not one usable X.509 certificate is refused with a message that says what was sent and
 * what to send instead; above all a private key, which must never leave its owner.
 */
import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { DirectoryError } from './errors.js';

export interface ParsedCertificate {
  der: Buffer;
  /** Subject in the order Windows and Entra print it ("CN=app, O=Org"). */
  subject: string;
  /** base64url SHA-1 of the DER (`x5t`). */
  thumbprintSha1: string;
  /** base64url SHA-256 of the DER (`x5t#S256`). */
  thumbprintSha256: string;
  publicKey: KeyObject;
  /** Epoch ms. */
  start: number;
  end: number;
}

const TARGET = 'keyCredentials.key';
/** EC curves strong enough for a credential (node names): P-256, P-384, P-521. */
const CURVES = new Map([['prime256v1', 'P-256'], ['secp384r1', 'P-384'], ['secp521r1', 'P-521']]);
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function invalid(message: string): never {
  throw new DirectoryError('invalid', message, TARGET);
}

const PRIVATE_KEY = 'The key is a private key. Upload only the public certificate (.cer, .crt, or a .pem holding '
  + "'BEGIN CERTIFICATE'); the private key must stay with the application.";
const GARBAGE = "Invalid value specified for property 'key' of resource 'KeyCredential'. Expected an X.509 certificate: "
  + 'base64 of its DER encoding, or its PEM text.';

/** The certificate the input carries, or DirectoryError('invalid'). Checks it is fit to authenticate with, at `now`. */
export function parseCertificateInput(key: unknown, now: Date): ParsedCertificate {
  if (typeof key !== 'string' || key.trim() === '') {
    invalid("Invalid value specified for property 'key' of resource 'KeyCredential'. The certificate (base64 DER or PEM) is required.");
  }
  const cert = certificateOf(decode(key.trim()));
  checkKey(cert.publicKey);
  checkValidity(cert, now);
  return cert;
}

/** Read a stored certificate (trusted: it passed parseCertificateInput once). */
export function certificateFromDer(der: Buffer): ParsedCertificate {
  const x509 = new X509Certificate(der);
  return {
    der,
    subject: x509.subject.split('\n').filter(Boolean).reverse().join(', '),
    thumbprintSha1: createHash('sha1').update(der).digest('base64url'),
    thumbprintSha256: createHash('sha256').update(der).digest('base64url'),
    publicKey: x509.publicKey,
    start: Date.parse(x509.validFrom),
    end: Date.parse(x509.validTo),
  };
}

/** DER bytes of the one certificate in the input (raw PEM, base64 of PEM, or base64 of DER). */
function decode(text: string): Buffer {
  if (text.includes('-----BEGIN')) return fromPem(text);
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact)) invalid(GARBAGE);
  const bytes = Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const asText = bytes.toString('latin1');
  if (asText.includes('-----BEGIN')) return fromPem(asText);
  return bytes;
}

function fromPem(text: string): Buffer {
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1]!, body: m[2]! }));
  if (blocks.some((b) => b.label.includes('PRIVATE KEY'))) invalid(PRIVATE_KEY);
  const cert = blocks.find((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE');
  if (!cert) {
    if (blocks.some((b) => b.label.includes('PUBLIC KEY'))) {
      invalid('The key is a bare public key, not a certificate. Upload the X.509 certificate (PEM \'BEGIN CERTIFICATE\', .cer or .crt).');
    }
    invalid(GARBAGE);
  }
  return Buffer.from(cert.body.replace(/\s+/g, ''), 'base64');
}

function certificateOf(der: Buffer): ParsedCertificate {
  try {
    return certificateFromDer(der);
  } catch {
    if (isPkcs12(der)) {
      invalid('The key is a PFX (PKCS#12) file, which holds the private key. Export and upload only the public certificate (.cer).');
    }
    if (isPrivateKey(der)) invalid(PRIVATE_KEY);
    return invalid(GARBAGE);
  }
}

/** PFX: SEQUENCE { INTEGER 3, … } (RFC 7292). */
function isPkcs12(der: Buffer): boolean {
  if (der[0] !== 0x30 || der.length < 5) return false;
  const lengthBytes = der[1]! & 0x80 ? der[1]! & 0x7f : 0;
  const at = 2 + lengthBytes;
  return der[at] === 0x02 && der[at + 1] === 0x01 && der[at + 2] === 0x03;
}

function isPrivateKey(der: Buffer): boolean {
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      return true;
    } catch {
      // not this encoding
    }
  }
  return false;
}

function checkKey(key: KeyObject): void {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    const bits = details.modulusLength ?? 0;
    if (bits < 2048) invalid(`The certificate's RSA key has ${bits} bits; at least 2048 bits are required.`);
    return;
  }
  if (key.asymmetricKeyType === 'ec') {
    if (!CURVES.has(details.namedCurve ?? '')) {
      invalid(`The certificate's EC key uses curve ${details.namedCurve ?? 'unknown'}; use P-256, P-384 or P-521.`);
    }
    return;
  }
  invalid(`The certificate's ${key.asymmetricKeyType ?? 'unknown'} key is not supported; use RSA (2048 bits or more) or EC (P-256 or stronger).`);
}

/** A few minutes of grace on notBefore: a certificate made just now on a machine whose clock runs ahead. */
const NOT_BEFORE_SKEW_MS = 5 * 60_000;

function checkValidity(cert: ParsedCertificate, now: Date): void {
  if (Number.isNaN(cert.start) || Number.isNaN(cert.end)) invalid(GARBAGE);
  if (cert.end <= now.getTime()) {
    invalid(`The certificate expired on ${new Date(cert.end).toISOString()}. Upload a certificate that is currently valid.`);
  }
  if (cert.start > now.getTime() + NOT_BEFORE_SKEW_MS) {
    invalid(`The certificate is not valid yet: its validity starts on ${new Date(cert.start).toISOString()}. Upload a certificate that is currently valid.`);
  }
}
