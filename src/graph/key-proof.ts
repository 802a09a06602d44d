/**
 * The proof of possession of addKey and removeKey (learn.microsoft.com/graph/application-rollkey-prooftoken):
 * a short JWT signed with the private key of one of the application's current certificates, so that whoever
 * rolls the keys provably holds one already. `aud` is Azure AD Graph's appId, `iss` the application's object id.
 */
import { compactVerify, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { CLOCK_SKEW_SECONDS } from '../access/access-token-verifier.js';
import type { StoredCertificate } from '../directory/key-credentials.js';
import { epochSeconds } from '../lib/clock.js';
import { GraphError, graphErrors } from './errors.js';

export const PROOF_AUDIENCE = '00000002-0000-0000-c000-000000000000';
/** Graph: "the token lifespan should not exceed 10 minutes". */
export const MAX_PROOF_LIFETIME_SECONDS = 600;
const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'ES384', 'ES512'];
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function invalid(reason: string): never {
  throw graphErrors.invalidProof(reason);
}

/** The certificate that signed a valid proof for this application; a GraphError otherwise. */
export async function verifyKeyProof(proof: unknown, applicationId: string, certificates: StoredCertificate[], now: Date): Promise<StoredCertificate> {
  if (typeof proof !== 'string' || proof === '') {
    throw graphErrors.badRequest("Invalid value specified for property 'proof'. It must be a JWT signed with one of the application's current certificates.");
  }
  const at = now.getTime();
  const current = certificates.filter((c) => c.start <= at && at < c.end);
  if (current.length === 0) throw graphErrors.noValidCertificate(applicationId);
  if (proof.length > 16 * 1024 || !COMPACT_JWS.test(proof)) return invalid('it is not a signed JWT');
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    return invalid('its header cannot be read');
  }
  if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg)) {
    return invalid(`the algorithm ${String(header.alg)} is not accepted; sign it with RS256 or PS256`);
  }
  const named = namedCertificates(header, certificates);
  const candidates = named ? named.filter((c) => current.includes(c)) : current;
  if (named && candidates.length === 0) {
    return invalid(named.length > 0 ? 'it is signed with a certificate that is no longer (or not yet) valid'
      : "it names a certificate (x5t, x5t#S256 or kid) that is not one of the application's certificates");
  }
  const signer = await firstVerifying(proof, header.alg, candidates);
  if (!signer) return invalid("its signature does not verify with any of the application's current certificates");
  checkClaims(signer.claims, applicationId, epochSeconds(now));
  return signer.certificate;
}

/** The certificates the header names, or undefined when it names none (then every current one is tried). */
function namedCertificates(header: ProtectedHeaderParameters, all: StoredCertificate[]): StoredCertificate[] | undefined {
  const s256 = header['x5t#S256'];
  if (typeof s256 === 'string') return all.filter((c) => c.thumbprintSha256 === s256);
  if (typeof header.x5t === 'string') return all.filter((c) => c.thumbprintSha1 === header.x5t);
  if (typeof header.kid === 'string') {
    // .NET's X509SigningCredentials puts the hex SHA-1 thumbprint in kid; others use x5t's value or our keyId.
    const kid = header.kid;
    return all.filter((c) => c.thumbprintSha1 === kid || c.thumbprintSha256 === kid || c.keyId === kid.toLowerCase()
      || Buffer.from(c.thumbprintSha1, 'base64url').toString('hex') === kid.toLowerCase());
  }
  return undefined;
}

async function firstVerifying(proof: string, alg: string, candidates: StoredCertificate[]):
  Promise<{ certificate: StoredCertificate; claims: Record<string, unknown> } | undefined> {
  for (const certificate of candidates) {
    try {
      const { payload } = await compactVerify(proof, certificate.publicKey, { algorithms: [alg] });
      const claims: unknown = JSON.parse(Buffer.from(payload).toString('utf8'));
      if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return invalid('its payload is not a JSON object');
      return { certificate, claims: claims as Record<string, unknown> };
    } catch (err) {
      if (err instanceof GraphError) throw err;
      // Not this certificate (wrong key type, bad signature): try the next one.
    }
  }
  return undefined;
}

function checkClaims(claims: Record<string, unknown>, applicationId: string, now: number): void {
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((a) => typeof a === 'string' && a.toLowerCase() === PROOF_AUDIENCE)) {
    invalid(`its aud must be ${PROOF_AUDIENCE}`);
  }
  if (typeof claims.iss !== 'string' || claims.iss.toLowerCase() !== applicationId.toLowerCase()) {
    invalid(`its iss must be the application's object id ${applicationId} (not its appId)`);
  }
  const { nbf: from, exp: to } = claims;
  if (typeof from !== 'number' || typeof to !== 'number') invalid('it must carry nbf and exp');
  if (to <= from || to - from > MAX_PROOF_LIFETIME_SECONDS) invalid('its lifetime (exp - nbf) must be at most 10 minutes');
  if (now < from - CLOCK_SKEW_SECONDS) invalid('it is not valid yet (nbf is in the future)');
  if (now > to + CLOCK_SKEW_SECONDS) invalid('it has expired');
}
