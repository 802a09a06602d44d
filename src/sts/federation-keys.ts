/**
 * Signing keys of external OIDC issuers for workload identity federation: `{iss}/.well-known/openid-configuration`
 * gives `jwks_uri`, jose's remote key set fetches and refreshes the keys. Both are fetched over HTTPS only and
 * cached per issuer, so a hot federated client costs no network round trip. Only issuers an admin registered in a
 * federated credential are ever fetched (the caller matches the credential first), so this is no open fetcher.
 */
import https from 'node:https';
import tls from 'node:tls';
import { compactVerify, createRemoteJWKSet, customFetch, type FetchImplementation, type ProtectedHeaderParameters, type RemoteJWKSet } from 'jose';
import { StsError } from './errors.js';

/** Algorithms external issuers sign with: GitHub, Kubernetes and cloud issuers use RS256; some ES256 or PS256. */
export const FEDERATED_ALGORITHMS = ['RS256', 'PS256', 'ES256'];

const DISCOVERY_TTL_MS = 60 * 60 * 1000;
// A failing issuer is asked again after this, not on every token request.
const FAILURE_TTL_MS = 30 * 1000;
const MAX_ISSUERS = 256;
const MAX_BODY_BYTES = 512 * 1024;
const TIMEOUT_MS = 5000;

interface IssuerEntry { expires: number; keys: Promise<RemoteJWKSet> }
const issuers = new Map<string, IssuerEntry>();
// undefined: Node's global agent, which trusts the system CAs and NODE_EXTRA_CA_CERTS.
let agent: https.Agent | undefined;

/**
 * Trust these CA certificates for issuer discovery, beside the system CAs (tests start their issuer with a
 * private CA; operators can use this or NODE_EXTRA_CA_CERTS). An empty list goes back to the defaults.
 */
export function trustIssuerCertificates(pems: string[]): void {
  agent = pems.length > 0 ? new https.Agent({ ca: [...tls.rootCertificates, ...pems] }) : undefined;
  issuers.clear();
}

/** Forget every cached discovery document and key set. */
export function clearIssuerCache(): void {
  issuers.clear();
}

function httpsGet(url: string, signal?: AbortSignal): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    if (!url.startsWith('https://')) {
      reject(new Error(`not an https URL: ${url}`));
      return;
    }
    const req = https.get(url, { agent, signal, timeout: TIMEOUT_MS, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) req.destroy(new Error('response too large'));
        else chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

// jose fetches the key set through this, so it uses the same agent (and trust) as discovery.
const fetchWithAgent: FetchImplementation = async (url, options) => {
  const res = await httpsGet(url, options.signal);
  return new Response(res.body, { status: res.status, headers: { 'content-type': 'application/json' } });
};

const withoutSlash = (s: string) => (s.endsWith('/') ? s.slice(0, -1) : s);

async function discover(issuer: string): Promise<RemoteJWKSet> {
  const base = withoutSlash(issuer);
  const res = await httpsGet(`${base}/.well-known/openid-configuration`);
  if (res.status !== 200) throw new Error(`discovery answered ${res.status}`);
  const doc = JSON.parse(res.body) as { issuer?: unknown; jwks_uri?: unknown };
  // OIDC Discovery §4.3: the document must be the issuer's own (a trailing slash is forgiven).
  if (typeof doc.issuer !== 'string' || withoutSlash(doc.issuer) !== base) throw new Error('discovery issuer mismatch');
  if (typeof doc.jwks_uri !== 'string' || !doc.jwks_uri.startsWith('https://')) throw new Error('jwks_uri missing or not https');
  return createRemoteJWKSet(new URL(doc.jwks_uri), {
    [customFetch]: fetchWithAgent, timeoutDuration: TIMEOUT_MS, cooldownDuration: 30_000, cacheMaxAge: DISCOVERY_TTL_MS,
  });
}

function issuerKeys(issuer: string): Promise<RemoteJWKSet> {
  const now = Date.now();
  const hit = issuers.get(issuer);
  if (hit && hit.expires > now) return hit.keys;
  issuers.delete(issuer);
  // Bounded: the oldest issuer goes first (Map keeps insertion order).
  if (issuers.size >= MAX_ISSUERS) issuers.delete(issuers.keys().next().value!);
  const entry: IssuerEntry = { expires: now + DISCOVERY_TTL_MS, keys: discover(issuer) };
  entry.keys.catch(() => {
    entry.expires = Date.now() + FAILURE_TTL_MS;
  });
  issuers.set(issuer, entry);
  return entry.keys;
}

// jose codes that mean "could not get the keys" rather than "the token is bad".
const FETCH_FAILURES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

/** Verify an external token's signature with its issuer's published keys, in Entra's error family. */
export async function verifyWithIssuerKeys(token: string, issuer: string, header: ProtectedHeaderParameters): Promise<void> {
  let keys: RemoteJWKSet;
  try {
    keys = await issuerKeys(issuer);
  } catch {
    throw new StsError(50166);
  }
  try {
    await compactVerify(token, keys, { algorithms: FEDERATED_ALGORITHMS });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ERR_JWKS_NO_MATCHING_KEY') throw new StsError(7000272, { kid: String(header.kid ?? header.x5t ?? '').slice(0, 200), issuer });
    if (code === 'ERR_JOSE_ALG_NOT_ALLOWED') throw new StsError(5002730);
    if (typeof code !== 'string' || FETCH_FAILURES.has(code)) throw new StsError(50166);
    throw new StsError(50027, { detail: 'External ID token from issuer failed signature verification.' });
  }
}
