/**
 * Workload identity federation (entra-protocol.md §1.6): a client assertion issued by an external OIDC issuer
 * (GitHub Actions, Kubernetes, another cloud) stands in for a secret when one of the app's federated identity
 * credentials names its exact issuer, subject and audience. Matching comes first and is case-sensitive, as in
 * Entra since 2025; only then is the issuer's key set fetched and the signature and times checked.
 */
import type { Client } from '../directory/clients.js';
import type { FederatedIdentityCredential } from '../directory/federated-credentials.js';
import { checkTimeRange, requiredString, type ParsedAssertion } from './assertion-jwt.js';
import { StsError } from './errors.js';
import { FEDERATED_ALGORITHMS, verifyWithIssuerKeys } from './federation-keys.js';

// Values from the assertion are echoed in error messages; a credential field holds at most 600 characters.
const shown = (value: string) => (value.length > 600 ? `${value.slice(0, 600)}…` : value);

function audiencesOf(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

/** The credential the assertion matches, or the Entra error that says which of issuer, subject, audience failed. */
export function matchFederatedCredential(client: Client, issuer: string, subject: string, audiences: string[]): FederatedIdentityCredential {
  const byIssuer = client.federatedCredentials.filter((f) => f.issuer === issuer);
  if (byIssuer.length === 0) throw new StsError(700211, { issuer: shown(issuer) });
  const bySubject = byIssuer.filter((f) => f.subject === subject);
  if (bySubject.length === 0) {
    const lower = subject.toLowerCase();
    throw new StsError(byIssuer.some((f) => f.subject.toLowerCase() === lower) ? 7002138 : 700213, { subject: shown(subject) });
  }
  const match = bySubject.find((f) => f.audiences.some((a) => audiences.includes(a)));
  if (!match) throw new StsError(700212, { audience: shown(audiences.join(', ')) });
  return match;
}

/** Verify an external issuer's token presented as a client assertion; on success the client authenticated. */
export async function verifyFederatedAssertion(
  client: Client, assertion: ParsedAssertion, issuer: string, ownPublicUrl: string, now: Date,
): Promise<void> {
  // Entra does not take its own tokens here: a token from this server is no proof of an outside workload.
  if (issuer.toLowerCase().startsWith(`${ownPublicUrl.toLowerCase()}/`)) throw new StsError(700222);
  const subject = requiredString(assertion.claims, 'sub');
  matchFederatedCredential(client, issuer, subject, audiencesOf(assertion.claims.aud));
  const alg = assertion.header.alg;
  if (typeof alg !== 'string' || !FEDERATED_ALGORITHMS.includes(alg)) throw new StsError(5002730);
  await verifyWithIssuerKeys(assertion.token, issuer, assertion.header);
  checkTimeRange(assertion.claims, now);
}
