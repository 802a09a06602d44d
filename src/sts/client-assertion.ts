/**
 * Client authentication by `client_assertion` (private_key_jwt, entra-protocol.md §3.6): either the app's own
 * certificate-signed JWT (`iss` = `sub` = client_id) or an external issuer's token matched by a federated
 * identity credential. Both count as certificate-strength credentials: appidacr/azpacr "2".
 */
import type { Client } from '../directory/clients.js';
import type { Tenant } from '../directory/tenants.js';
import { checkTimeRange, checkType, parseAssertion, requiredString, type ParsedAssertion } from './assertion-jwt.js';
import type { ClientAuthMethod } from './claims.js';
import { CERTIFICATE_ALGORITHMS, checkCertificateWindow, findCertificate, verifyCertificateSignature } from './client-certificate.js';
import { StsError } from './errors.js';
import { verifyFederatedAssertion } from './federated-assertion.js';
import type { StsDeps, TokenRequest } from './token-request.js';

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const TOKEN_PATHS = new Set(['/oauth2/v2.0/token', '/oauth2/token']);

/**
 * Is `aud` this tenant's v2 or v1 token endpoint? MSAL puts the token endpoint exactly as configured, so the
 * tenant may be named by GUID, by any of its domains, or by the segment the request itself used (organizations,
 * common); letter case and a query string (`?client-request-id=…`) do not matter.
 */
export function isTokenEndpointOf(aud: string, publicUrl: string, tenant: Tenant, segment: string): boolean {
  let url = aud.toLowerCase();
  const cut = url.search(/[?#]/);
  if (cut >= 0) url = url.slice(0, cut);
  const base = `${publicUrl.replace(/\/$/, '').toLowerCase()}/`;
  if (!url.startsWith(base)) return false;
  const rest = url.slice(base.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || !TOKEN_PATHS.has(rest.slice(slash))) return false;
  const alias = rest.slice(0, slash);
  return alias === tenant.id || alias === segment.toLowerCase() || tenant.domains.some((d) => d.name.toLowerCase() === alias);
}

async function verifyCertificateAssertion(
  deps: StsDeps, tenant: Tenant, client: Client, assertion: ParsedAssertion, issuer: string, request: TokenRequest,
): Promise<void> {
  const { header, claims } = assertion;
  checkType(header);
  if (typeof header.alg !== 'string' || !CERTIFICATE_ALGORITHMS.includes(header.alg)) throw new StsError(5002730);
  if (requiredString(claims, 'sub') !== issuer) throw new StsError(50048);
  if (typeof claims.aud !== 'string') throw new StsError(50027, { detail: "The client assertion's 'aud' claim must be one URL." });
  if (!isTokenEndpointOf(claims.aud, deps.publicUrl(), tenant, request.tenant.segment)) throw new StsError(700023);
  const { cert, thumbprint } = findCertificate(client, header);
  checkCertificateWindow(client, cert, thumbprint, request.now);
  await verifyCertificateSignature(client, cert, thumbprint, assertion.token);
  checkTimeRange(claims, request.now);
}

/**
 * Which kind of assertion this is. `iss` = client_id: the app's own (certificate). Otherwise an external token
 * when the app trusts federated issuers or the issuer is a URL; a client-shaped assertion with a wrong `iss`
 * gets the mismatch codes Entra gives (50048 when only `sub` names the client, 700021 when neither does).
 */
async function verify(deps: StsDeps, tenant: Tenant, client: Client, assertion: ParsedAssertion, request: TokenRequest): Promise<void> {
  const issuer = requiredString(assertion.claims, 'iss');
  const clientId = client.appId.toLowerCase();
  if (issuer.toLowerCase() === clientId) return verifyCertificateAssertion(deps, tenant, client, assertion, issuer, request);
  if (typeof assertion.claims.sub === 'string' && assertion.claims.sub.toLowerCase() === clientId) throw new StsError(50048);
  if (client.federatedCredentials.length > 0 || issuer.startsWith('https://')) {
    return verifyFederatedAssertion(client, assertion, issuer, deps.publicUrl(), request.now);
  }
  throw new StsError(700021);
}

/** Verify `client_assertion` for `client`; returns the appidacr value of a certificate-strength credential. */
export async function verifyClientAssertion(
  deps: StsDeps, tenant: Tenant, client: Client, presented: { assertion?: string; assertionType?: string }, request: TokenRequest,
): Promise<ClientAuthMethod> {
  if (!presented.assertion) throw new StsError(900144, { name: 'client_assertion' });
  if (presented.assertionType !== JWT_BEARER_ASSERTION) throw new StsError(900144, { name: 'client_assertion_type' });
  await verify(deps, tenant, client, parseAssertion(presented.assertion), request);
  return '2';
}
