/**
 * Client assertions as a client library builds them (msal-node ClientAssertion.ts, entra-protocol.md §7.5),
 * signed with jose: making them is the client's job, so tests do it for real rather than mocking our side.
 */
import { SignJWT } from 'jose';
import type { TestCertificate } from './certificates.js';
import type { TestApp } from './server.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface AssertionOptions {
  cert: TestCertificate;
  clientId: string;
  /** The token endpoint URL (`aud`). */
  aud: string;
  /** PS256 + x5t#S256 (current MSAL) by default; RS256 + x5t is the legacy SHA-1 form. */
  alg?: 'PS256' | 'RS256';
  /** Replace the thumbprint header MSAL would send (pass `{}` with `replaceHeader` for none at all). */
  header?: Record<string, unknown>;
  replaceHeader?: boolean;
  /** Claims merged over MSAL's (use `undefined` values to drop one). */
  claims?: Record<string, unknown>;
  /** Seconds since the epoch used for nbf/exp (default: the real clock). */
  now?: number;
  /** Sign with another key than the certificate's (a forged or mismatched assertion). */
  signWith?: TestCertificate['privateKey'];
}

/** A client assertion: header alg + thumbprint, claims aud/iss/sub/nbf/exp/jti (exp = nbf + 600, as MSAL). */
export async function clientAssertion(o: AssertionOptions): Promise<string> {
  const alg = o.alg ?? 'PS256';
  const thumbprint = alg === 'PS256' ? { 'x5t#S256': o.cert.thumbprintSha256 } : { x5t: o.cert.thumbprintSha1 };
  const header = { alg, typ: 'JWT', ...(o.replaceHeader ? {} : thumbprint), ...o.header };
  const now = o.now ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    aud: o.aud, exp: now + 600, iss: o.clientId, sub: o.clientId, nbf: now, jti: crypto.randomUUID(), ...o.claims,
  };
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(o.signWith ?? o.cert.privateKey);
}

/** The v2 token endpoint of the test tenant, as MSAL puts it in `aud`. */
export function tokenEndpoint(t: TestApp, tenant = t.tenantId, version: 1 | 2 = 2): string {
  return `${t.publicUrl}/${tenant}/oauth2/${version === 2 ? 'v2.0/' : ''}token`;
}

/** Register a certificate on an application, as Graph PATCH keyCredentials or addKey does. */
export async function addCertificate(t: TestApp, applicationObjectId: string, cert: TestCertificate): Promise<void> {
  await t.directory.keyCredentials.add(t.tenantId, applicationObjectId, {
    key: cert.base64, type: 'AsymmetricX509Cert', usage: 'Verify', displayName: 'CN=entrada-test',
  });
}
