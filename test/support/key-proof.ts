/** The proof-of-possession JWT of addKey/removeKey, signed with a test certificate's private key. */
import { SignJWT } from 'jose';
import type { TestCertificate } from './certificates.js';

export const PROOF_AUDIENCE = '00000002-0000-0000-c000-000000000000';

export interface ProofOptions {
  /** Default: the PROOF_AUDIENCE. */
  aud?: string;
  /** Default: nbf = now (the given clock's), exp = nbf + 10 minutes, as Graph's sample does. */
  nbf?: number;
  exp?: number;
  now?: Date;
  alg?: 'RS256' | 'PS256' | 'ES256';
  /** Replaces the default header (`x5t` = SHA-1 thumbprint). */
  header?: Record<string, unknown>;
  /** Sign with another key than the certificate's (a forged proof). */
  signWith?: TestCertificate;
}

/** A proof for the application with this object id (`iss`), signed by `cert`. */
export function keyProof(cert: TestCertificate, applicationObjectId: string, options: ProofOptions = {}): Promise<string> {
  const nbf = options.nbf ?? Math.floor((options.now ?? new Date()).getTime() / 1000);
  const alg = options.alg ?? 'RS256';
  return new SignJWT({ aud: options.aud ?? PROOF_AUDIENCE, iss: applicationObjectId, nbf, exp: options.exp ?? nbf + 600 })
    .setProtectedHeader({ alg, typ: 'JWT', ...(options.header ?? { x5t: cert.thumbprintSha1 }) })
    .sign((options.signWith ?? cert).privateKey);
}
