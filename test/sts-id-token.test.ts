/** ID tokens (entra-protocol.md §4.3), v2 and v1, verified against the published keys as a relying party would. */
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/server.js';
import { codeFixture, issueCode, redeemParams, type CodeFixture } from './support/sts-codes.js';
import { decodeJwt, postToken } from './support/sts.js';

describe('ID tokens', () => {
  let t: TestApp;
  let f: CodeFixture;
  let jwks: ReturnType<typeof createLocalJWKSet>;
  beforeAll(async () => {
    t = await buildTestApp();
    f = await codeFixture(t);
    await t.directory.users.update(t.tenantId, f.userId, { givenName: 'Ada', surname: 'Lovelace', mail: `ada@${t.domain}` });
    jwks = createLocalJWKSet((await t.app.inject({ method: 'GET', url: `/${t.tenantId}/discovery/v2.0/keys` })).json() as JSONWebKeySet);
  });
  afterAll(async () => t?.close());

  async function idToken(scope: string, version: 1 | 2 = 2, nonce = 'nonce-123'): Promise<string> {
    const { code, verifier } = await issueCode(t, f, { scope: `${f.api.uri}/access_as_user ${scope}`, nonce, sessionId: 'sid-42', authTime: 1_700_000_000 });
    const res = await postToken(t, redeemParams(f, code, verifier, version === 1 ? { resource: f.api.uri } : {}), { version });
    expect(res.statusCode).toBe(200);
    return res.json().id_token;
  }

  it('v2: signed, issued by the v2 issuer to the client, with nonce, sid, auth_time, profile and email claims', async () => {
    const token = await idToken('openid profile email');
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: `${t.publicUrl}/${t.tenantId}/v2.0`, audience: f.client.appId });
    expect(protectedHeader).toEqual({ typ: 'JWT', alg: 'RS256', kid: expect.any(String) });
    expect(payload).toMatchObject({
      ver: '2.0', tid: t.tenantId, oid: f.userId, nonce: 'nonce-123', sid: 'sid-42', auth_time: 1_700_000_000,
      name: 'Administrator', preferred_username: `admin@${t.domain}`, email: `ada@${t.domain}`,
    });
    expect(payload.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const claim of ['aio', 'rh', 'uti']) expect(typeof payload[claim]).toBe('string');
    // The user is home in this tenant, so no idp; and no access-token-only claims.
    for (const claim of ['idp', 'scp', 'roles', 'azp', 'c_hash']) expect(payload).not.toHaveProperty(claim);
  });

  it('v2 without profile or email: no name, preferred_username or email', async () => {
    const { payload } = decodeJwt(await idToken('openid'));
    for (const claim of ['name', 'preferred_username', 'email']) expect(payload).not.toHaveProperty(claim);
    expect(payload).toMatchObject({ oid: f.userId, nonce: 'nonce-123' });
  });

  it('v1: the v1 issuer, x5t, unique_name, upn, amr and the names', async () => {
    const token = await idToken('openid', 1);
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: `${t.publicUrl}/${t.tenantId}/`, audience: f.client.appId });
    expect(protectedHeader.x5t).toBe(protectedHeader.kid);
    expect(payload).toMatchObject({
      ver: '1.0', amr: ['pwd'], unique_name: `admin@${t.domain}`, upn: `admin@${t.domain}`, given_name: 'Ada', family_name: 'Lovelace',
      name: 'Administrator', nonce: 'nonce-123', sid: 'sid-42', email: `ada@${t.domain}`,
    });
  });

  it('keeps sub stable per (user, client) and different across clients', async () => {
    const a = decodeJwt(await idToken('openid')).payload.sub;
    expect(decodeJwt(await idToken('openid')).payload.sub).toBe(a);
    const other = await codeFixture(t);
    const { code, verifier } = await issueCode(t, other);
    const res = await postToken(t, redeemParams(other, code, verifier));
    expect(decodeJwt(res.json().id_token).payload.sub).not.toBe(a);
  });
});
