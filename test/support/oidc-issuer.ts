/**
 * A small external OIDC issuer on loopback HTTPS, as GitHub Actions or a Kubernetes cluster is to Entra: a
 * discovery document, a JWKS with one RSA and one EC key, and tokens signed with them. It has its own
 * development CA, which the token service must be told to trust.
 */
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { ensureDevTls } from '../../src/lib/tls.js';
import { tempDir } from './server.js';

export interface OidcIssuer {
  url: string;
  caPem: string;
  /** How often each document was fetched. */
  hits: { discovery: number; jwks: number };
  /** A token from this issuer: RS256 by default, `exp` ten minutes after `now` (seconds). */
  token(claims: Record<string, unknown>, options?: { alg?: 'RS256' | 'ES256'; kid?: string; now?: number; signWith?: CryptoKey }): Promise<string>;
  close(): Promise<void>;
}

export async function startOidcIssuer(): Promise<OidcIssuer> {
  const dir = tempDir();
  const tls = await ensureDevTls(dir);
  const rsa = await generateKeyPair('RS256');
  const ec = await generateKeyPair('ES256');
  const keys = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  const hits = { discovery: 0, jwks: 0 };
  let url = '';
  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/.well-known/openid-configuration') {
      hits.discovery++;
      send({ issuer: url, jwks_uri: `${url}/keys`, response_types_supported: ['id_token'], id_token_signing_alg_values_supported: ['RS256', 'ES256'] });
    } else if (req.url === '/keys') {
      hits.jwks++;
      send({ keys });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://localhost:${(server.address() as AddressInfo).port}`;
  return {
    url, hits, caPem: fs.readFileSync(tls.caCertPath, 'utf8'),
    async token(claims, options = {}) {
      const alg = options.alg ?? 'RS256';
      const now = options.now ?? Math.floor(Date.now() / 1000);
      const key = options.signWith ?? (alg === 'RS256' ? rsa.privateKey : ec.privateKey);
      return new SignJWT({ iss: url, iat: now, nbf: now, exp: now + 600, ...claims })
        .setProtectedHeader({ alg, typ: 'JWT', kid: options.kid ?? (alg === 'RS256' ? 'rsa-1' : 'ec-1') }).sign(key);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
