/**
 * Certificate client assertions that must work (entra-protocol.md §3.6, §7.5, §10): every header form MSAL and
 * Azure Identity send, every audience form, on every confidential grant, with appidacr/azpacr "2".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, type TestCertificate } from './support/certificates.js';
import { addCertificate, clientAssertion, JWT_BEARER, tokenEndpoint } from './support/client-assertions.js';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from './support/server.js';
import { createApi, createConfidentialClient, decodeJwt, grantConsent, postToken, type TestClient } from './support/sts.js';

describe('token endpoint: certificate client assertions', () => {
  let t: TestApp;
  let c: TestClient;
  let cert: TestCertificate;
  beforeAll(async () => {
    t = await buildTestApp();
    c = await createConfidentialClient(t);
    cert = makeCertificate({ subject: 'CN=sts-certificate-test' });
    await addCertificate(t, c.objectId, cert);
  });
  afterAll(async () => t?.close());

  const cc = (assertion: string, extra: Record<string, string> = {}) => ({
    grant_type: 'client_credentials', client_id: c.appId, scope: `${t.fhirUrl}/.default`,
    client_assertion_type: JWT_BEARER, client_assertion: assertion, ...extra,
  });
  const ok = async (assertion: string, options: Parameters<typeof postToken>[2] = {}) => {
    const res = await postToken(t, cc(assertion), options);
    expect(res.statusCode, res.body).toBe(200);
    return decodeJwt(res.json().access_token).payload;
  };

  it('PS256 + x5t#S256 (MSAL thumbprintSha256, Azure Identity) gives a token with appidacr "2"', async () => {
    const payload = await ok(await clientAssertion({ cert, clientId: c.appId, aud: tokenEndpoint(t) }));
    expect(payload).toMatchObject({ aud: t.fhirUrl, appid: c.appId, appidacr: '2', oid: c.spId, ver: '1.0' });
  });

  it('RS256 + x5t (legacy SHA-1 thumbprint), and the crossed pairs RS256 + x5t#S256 and PS256 + x5t', async () => {
    expect((await ok(await clientAssertion({ cert, clientId: c.appId, aud: tokenEndpoint(t), alg: 'RS256' }))).appidacr).toBe('2');
    const aud = tokenEndpoint(t);
    await ok(await clientAssertion({ cert, clientId: c.appId, aud, alg: 'RS256', replaceHeader: true, header: { 'x5t#S256': cert.thumbprintSha256 } }));
    await ok(await clientAssertion({ cert, clientId: c.appId, aud, alg: 'PS256', replaceHeader: true, header: { x5t: cert.thumbprintSha1 } }));
  });

  it('takes the thumbprint from kid (base64url or hex) when there is no x5t', async () => {
    const aud = tokenEndpoint(t);
    await ok(await clientAssertion({ cert, clientId: c.appId, aud, alg: 'RS256', replaceHeader: true, header: { kid: cert.thumbprintSha1 } }));
    await ok(await clientAssertion({ cert, clientId: c.appId, aud, alg: 'RS256', replaceHeader: true, header: { kid: cert.thumbprintSha1Hex } }));
  });

  it('accepts x5c: with a matching thumbprint, and alone (the certificate identifies itself)', async () => {
    const aud = tokenEndpoint(t);
    await ok(await clientAssertion({ cert, clientId: c.appId, aud, header: { x5c: [cert.base64] } }));
    await ok(await clientAssertion({ cert, clientId: c.appId, aud, replaceHeader: true, header: { x5c: [cert.base64] } }));
  });

  it('accepts aud by GUID or domain, v2 or v1 endpoint, any case, with a query string (spec §10)', async () => {
    const base = t.publicUrl;
    for (const aud of [
      tokenEndpoint(t, t.domain), tokenEndpoint(t, t.tenantId, 1), tokenEndpoint(t, t.domain.toUpperCase(), 1),
      `${base.toUpperCase()}/${t.tenantId.toUpperCase()}/OAuth2/V2.0/Token`, `${tokenEndpoint(t)}?client-request-id=${crypto.randomUUID()}`,
    ]) {
      await ok(await clientAssertion({ cert, clientId: c.appId, aud }));
    }
    // The request may name the tenant by domain too, on either endpoint.
    await ok(await clientAssertion({ cert, clientId: c.appId, aud: tokenEndpoint(t, t.domain, 1) }), { tenant: t.domain, version: 1 });
  });

  it('accepts the same assertion again (MSAL reuses one for ten minutes): jti is not a replay key', async () => {
    const assertion = await clientAssertion({ cert, clientId: c.appId, aud: tokenEndpoint(t) });
    for (let i = 0; i < 3; i++) await ok(assertion);
  });

  it('accepts a client_id in upper case and an iss in upper case (GUIDs compare without case)', async () => {
    const upper = c.appId.toUpperCase();
    const assertion = await clientAssertion({ cert, clientId: upper, aud: tokenEndpoint(t) });
    const res = await postToken(t, { ...cc(assertion), client_id: upper });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('works with two certificates side by side (rotation), each by its own thumbprint', async () => {
    const next = makeCertificate({ subject: 'CN=sts-certificate-next' });
    await addCertificate(t, c.objectId, next);
    await ok(await clientAssertion({ cert: next, clientId: c.appId, aud: tokenEndpoint(t) }));
    await ok(await clientAssertion({ cert, clientId: c.appId, aud: tokenEndpoint(t), alg: 'RS256' }));
  });

  it('authenticates a confidential ROPC client and its refresh: azpacr/appidacr "2", amr still pwd', async () => {
    const api = await createApi(t);
    const app = await createConfidentialClient(t);
    const appCert = makeCertificate();
    await addCertificate(t, app.objectId, appCert);
    await grantConsent(t, { clientSpId: app.spId, resourceSpId: api.spId, scope: 'access_as_user' });
    const assertion = () => clientAssertion({ cert: appCert, clientId: app.appId, aud: tokenEndpoint(t) });
    const ropc = await postToken(t, {
      grant_type: 'password', client_id: app.appId, username: 'admin@entrada.test', password: ADMIN_PASSWORD,
      scope: `${api.uri}/access_as_user offline_access`, client_assertion_type: JWT_BEARER, client_assertion: await assertion(),
    });
    expect(ropc.statusCode, ropc.body).toBe(200);
    expect(decodeJwt(ropc.json().access_token).payload).toMatchObject({ appid: app.appId, appidacr: '2', amr: ['pwd'] });
    const refreshed = await postToken(t, {
      grant_type: 'refresh_token', client_id: app.appId, refresh_token: ropc.json().refresh_token,
      client_assertion_type: JWT_BEARER, client_assertion: await assertion(),
    });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    expect(decodeJwt(refreshed.json().access_token).payload).toMatchObject({ appid: app.appId, appidacr: '2', amr: ['pwd'] });
  });

  it('v2 resources get azpacr "2"', async () => {
    const api = await createApi(t, { tokenVersion: 2 });
    const res = await postToken(t, cc(await clientAssertion({ cert, clientId: c.appId, aud: tokenEndpoint(t) }), { scope: `${api.uri}/.default` }));
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeJwt(res.json().access_token).payload).toMatchObject({ azp: c.appId, azpacr: '2', ver: '2.0' });
  });
});
