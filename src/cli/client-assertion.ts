/**
 * How a service principal proves itself to the token service: its client secret, or a certificate client
 * assertion signed with the private key of a PEM file, as MSAL builds it for @azure/identity's
 * ClientCertificateCredential: PS256 with `x5t#S256`, aud = the token endpoint, iss = sub = the appId.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { parseCertificateWithKey, type CertificateWithKey } from './certificates.js';
import { CliError } from './errors.js';
import type { ServicePrincipalCredential } from './profile.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** MSAL's lifetime for an assertion. */
const LIFETIME_S = 600;

export interface AssertionOptions {
  clientId: string;
  /** The exact URL the assertion is posted to. */
  tokenEndpoint: string;
  /** Send the chain in x5c, for subject name + issuer authentication (az login --use-cert-sn-issuer). */
  sendChain?: boolean;
  now?: number;
}

export async function clientAssertion(material: CertificateWithKey, options: AssertionOptions): Promise<string> {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const header: { alg: 'PS256'; typ: 'JWT'; 'x5t#S256': string; x5c?: string[] } = {
    alg: 'PS256', typ: 'JWT', 'x5t#S256': Buffer.from(material.certificate.thumbprintSha256, 'hex').toString('base64url'),
  };
  if (options.sendChain) header.x5c = material.chain.map((c) => c.der.toString('base64'));
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader(header)
    .setAudience(options.tokenEndpoint)
    .setIssuer(options.clientId)
    .setSubject(options.clientId)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + LIFETIME_S)
    .sign(material.privateKey);
}

/** Read the PEM file named at sign-in; a clear error if it has gone or changed into something unusable. */
export function readCertificateFile(file: string): CertificateWithKey {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`Cannot read the certificate file '${file}': ${(err as Error).message}`);
  }
  return parseCertificateWithKey(text, `The certificate file '${file}'`);
}

/** The token request parameters that authenticate a service principal with its stored credential. */
export async function clientAuthentication(
  clientId: string, credential: ServicePrincipalCredential, tokenEndpoint: string,
): Promise<Record<string, string>> {
  if (credential.certificate) {
    const material = readCertificateFile(credential.certificate);
    const assertion = await clientAssertion(material, { clientId, tokenEndpoint, sendChain: credential.use_cert_sn_issuer });
    return { client_assertion_type: JWT_BEARER, client_assertion: assertion };
  }
  if (credential.client_secret !== undefined) return { client_secret: credential.client_secret };
  throw new CliError(`No secret or certificate is stored for service principal ${clientId}.`);
}
