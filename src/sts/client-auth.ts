/**
 * Client authentication at the token endpoint: client_secret in the body or HTTP Basic (RFC 6749 §2.3.1),
 * client_assertion (certificates and federated credentials, client-assertion.ts), and the public-client rules of
 * entra-protocol.md §3.7.
 */
import type { Client } from '../directory/clients.js';
import type { Tenant } from '../directory/tenants.js';
import { safeEqual, sha256Hex } from '../lib/crypto.js';
import type { ClientAuthMethod } from './claims.js';
import { verifyClientAssertion } from './client-assertion.js';
import { StsError } from './errors.js';
import type { StsDeps, TokenRequest } from './token-request.js';

export interface AuthenticatedClient { client: Client; acr: ClientAuthMethod }

interface Presented { clientId?: string; secret?: string; assertion?: string; assertionType?: string }

/** Form-decoding of one Basic-auth half: RFC 6749 encodes id and secret as application/x-www-form-urlencoded. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw new StsError(90023, { detail: 'The Authorization header is not valid HTTP Basic credentials.' });
  }
}

function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  const m = authorization ? /^basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization) : null;
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new StsError(90023, { detail: 'The Authorization header is not valid HTTP Basic credentials.' });
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/** What the request presents, after checking that body and header do not contradict each other. */
export function presentedCredentials(params: Record<string, string>, authorization: string | undefined): Presented {
  const basic = basicCredentials(authorization);
  const clientId = params.client_id || undefined;
  const secret = params.client_secret || undefined;
  if (basic && clientId && basic.id.toLowerCase() !== clientId.toLowerCase()) {
    throw new StsError(90023, { detail: "The client_id in the Authorization header does not match the 'client_id' parameter." });
  }
  if (basic && secret && basic.secret !== secret) {
    throw new StsError(90023, { detail: 'The request uses more than one client authentication method.' });
  }
  const presented: Presented = {
    clientId: clientId ?? basic?.id,
    secret: secret ?? basic?.secret,
    assertion: params.client_assertion || undefined,
    assertionType: params.client_assertion_type || undefined,
  };
  if (presented.secret && presented.assertion) {
    throw new StsError(90023, { detail: 'The request uses more than one client authentication method.' });
  }
  return presented;
}

/**
 * Who is calling. `confidential` grants (client credentials, a code from a web redirect) must prove a credential;
 * `public` ones (a code from a spa or mobile/desktop redirect, a public family's refresh token) must not present
 * one (700025); `either` grants (password, device code, refresh token) may come from a public client when the app
 * allows public client flows.
 */
export async function authenticateClient(deps: StsDeps, tenant: Tenant, request: TokenRequest, kind: 'confidential' | 'either' | 'public'):
  Promise<AuthenticatedClient> {
  const presented = presentedCredentials(request.params, request.authorization);
  if (!presented.clientId) throw new StsError(900144, { name: 'client_id' });
  const client = await findClient(deps, tenant, presented.clientId);
  if (kind === 'public') {
    if (presented.secret !== undefined || presented.assertion || presented.assertionType) throw new StsError(700025);
    return { client, acr: '0' };
  }
  if (presented.assertion || presented.assertionType) {
    if (isPublicOnly(client)) throw new StsError(700025);
    return { client, acr: await verifyClientAssertion(deps, tenant, client, presented, request) };
  }
  if (presented.secret !== undefined) {
    if (isPublicOnly(client)) throw new StsError(700025);
    await checkSecret(deps, tenant, client, presented.clientId, presented.secret, request.now);
    return { client, acr: '1' };
  }
  if (kind === 'confidential' || !client.isFallbackPublicClient) throw new StsError(7000218);
  return { client, acr: '0' };
}

/** A public client with no credential of any kind: presenting one is a mistake (700025), not a wrong credential. */
function isPublicOnly(client: Client): boolean {
  return client.isFallbackPublicClient && client.secrets.length === 0 && client.certificates.length === 0
    && client.federatedCredentials.length === 0;
}

/** The client a client_id names in a tenant: 700016 unknown, 7000229 without service principal, 7000112 disabled. */
export async function findClient(deps: StsDeps, tenant: Tenant, clientId: string): Promise<Client> {
  const lookup = await deps.directory.clients.resolve(tenant.id, clientId);
  if (!lookup.found) {
    if (lookup.reason === 'no_service_principal') throw new StsError(7000229, { appId: clientId.toLowerCase(), tenant: tenant.id });
    throw new StsError(700016, { appId: clientId, tenant: tenant.id });
  }
  if (!lookup.client.accountEnabled) throw new StsError(7000112, { appId: lookup.client.appId, name: lookup.client.displayName });
  return lookup.client;
}

/**
 * Compare SHA-256 of the presented secret, in constant time, with every stored secret; several may be valid at
 * once (rotation with overlap). A match outside its validity window, expired or not yet started, is 7000222, as
 * Entra answers for a secret whose start it has not reached (Azure-Samples/active-directory-dotnetcore-daemon-v2#87,
 * dafthack/GraphRunner#28). That tells the caller only what the correct secret already knows, so it is not
 * throttled as a guess.
 */
async function checkSecret(deps: StsDeps, tenant: Tenant, client: Client, clientId: string, secret: string, now: Date): Promise<void> {
  const hash = sha256Hex(secret);
  const t = now.getTime();
  let expired = false;
  for (const stored of client.secrets) {
    if (!safeEqual(stored.hash, hash)) continue;
    if (t >= stored.start && t < stored.end) return;
    expired = true;
  }
  if (expired) throw new StsError(7000222, { appId: client.appId });
  await deps.throttle.failed(tenant.id, clientId);
  throw new StsError(7000215, { appId: client.appId });
}
