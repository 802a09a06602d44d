import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSelfSigned, parseCertificateWithKey, type SelfSigned } from './certificates.js';
import { JWT_BEARER, clientAssertion, clientAuthentication } from './client-assertion.js';

const ENDPOINT = 'https://localhost:8443/contoso.test/oauth2/v2.0/token';
const CLIENT = '11111111-2222-3333-4444-555555555555';

describe('certificate client assertions', () => {
  let made: SelfSigned;
  beforeAll(async () => {
    made = await createSelfSigned('assertion-app', new Date(Date.now() - 60_000), new Date(Date.now() + 86_400_000));
  });

  it('signs PS256 with x5t#S256, aud = the token endpoint, iss = sub = the client, 10 minutes', async () => {
    const now = Date.now();
    const jwt = await clientAssertion(parseCertificateWithKey(made.pem, 'f'), { clientId: CLIENT, tokenEndpoint: ENDPOINT, now });
    const header = decodeProtectedHeader(jwt);
    expect(header).toEqual({ alg: 'PS256', typ: 'JWT', 'x5t#S256': createHash('sha256').update(made.certificate.der).digest('base64url') });
    const publicKey = createPublicKey(new X509Certificate(made.certificate.der).publicKey.export({ type: 'spki', format: 'pem' }));
    const { payload } = await jwtVerify(jwt, publicKey, { algorithms: ['PS256'], audience: ENDPOINT, issuer: CLIENT, subject: CLIENT });
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.nbf).toBe(Math.floor(now / 1000));
    expect(payload.exp).toBe(Math.floor(now / 1000) + 600);
  });

  it('adds the chain in x5c for subject name + issuer authentication', async () => {
    const jwt = await clientAssertion(parseCertificateWithKey(made.pem, 'f'), { clientId: CLIENT, tokenEndpoint: ENDPOINT, sendChain: true });
    expect(decodeProtectedHeader(jwt).x5c).toEqual([made.certificate.der.toString('base64')]);
  });

  it('authenticates with a stored secret or a fresh assertion from the stored PEM path', async () => {
    expect(await clientAuthentication(CLIENT, { client_secret: 's' }, ENDPOINT)).toEqual({ client_secret: 's' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-assert-'));
    try {
      const file = path.join(dir, 'app.pem');
      fs.writeFileSync(file, made.pem, { mode: 0o600 });
      const params = await clientAuthentication(CLIENT, { certificate: file }, ENDPOINT);
      expect(params.client_assertion_type).toBe(JWT_BEARER);
      expect(decodeProtectedHeader(params.client_assertion!).alg).toBe('PS256');
      fs.rmSync(file);
      await expect(clientAuthentication(CLIENT, { certificate: file }, ENDPOINT)).rejects.toThrow(`Cannot read the certificate file '${file}'`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await expect(clientAuthentication(CLIENT, {}, ENDPOINT)).rejects.toThrow('No secret or certificate is stored');
  });
});
