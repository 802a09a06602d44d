/** Userinfo: Graph's OIDC endpoint (named by v2 discovery) and the v1 per-tenant one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from './support/server.js';
import { CLI_CLIENT_ID, createConfidentialClient, decodeJwt, postToken } from './support/sts.js';
import { appToken, GRAPH_APPLICATION_READWRITE_ALL } from './support/tokens.js';
import { grantGraphRole } from './support/sts.js';

describe('userinfo', () => {
  let t: TestApp;
  let adminId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    adminId = (await t.directory.users.getByUpn(t.tenantId, `admin@${t.domain}`))!.id;
    await t.directory.users.update(t.tenantId, adminId, { givenName: 'Ada', surname: 'Lovelace', mail: `ada@${t.domain}` });
  });
  afterAll(async () => t?.close());

  async function signIn(scope: string): Promise<{ access_token: string; id_token?: string }> {
    const res = await postToken(t, { grant_type: 'password', client_id: CLI_CLIENT_ID, username: `admin@${t.domain}`, password: ADMIN_PASSWORD, scope });
    expect(res.statusCode).toBe(200);
    return res.json();
  }
  const get = (url: string, token?: string, method: 'GET' | 'POST' = 'GET') =>
    t.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers a Graph token issued with openid profile email, with the ID token\'s sub', async () => {
    const tokens = await signIn('User.Read openid profile email');
    for (const method of ['GET', 'POST'] as const) {
      const res = await get('/oidc/userinfo', tokens.access_token, method);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.json()).toEqual({
        sub: decodeJwt(tokens.id_token!).payload.sub, name: 'Administrator', family_name: 'Lovelace', given_name: 'Ada', email: `ada@${t.domain}`,
      });
    }
  });

  it('gives only sub with openid alone, and serves the v1 path for the token\'s tenant', async () => {
    const tokens = await signIn('openid');
    expect((await get('/oidc/userinfo', tokens.access_token)).json()).toEqual({ sub: decodeJwt(tokens.access_token).payload.sub });
    for (const tenant of [t.tenantId, t.domain, 'common']) {
      expect((await get(`/${tenant}/openid/userinfo`, tokens.access_token)).statusCode).toBe(200);
    }
    const other = await t.directory.tenants.create({ displayName: 'Other', domain: `userinfo-${Date.now()}.test` });
    expect((await get(`/${other.id}/openid/userinfo`, tokens.access_token)).statusCode).toBe(401);
  });

  it('401 with a Bearer challenge: no token, no openid scope, an app-only token, another audience', async () => {
    const daemon = await createConfidentialClient(t);
    await grantGraphRole(t, daemon.spId, GRAPH_APPLICATION_READWRITE_ALL);
    const bearers = [
      undefined,
      (await signIn('https://graph.microsoft.com/.default')).access_token,
      await appToken(t, daemon.appId, daemon.secret),
      (await signIn(`${t.fhirUrl}/.default openid`)).access_token,
      'not-a-token',
    ];
    for (const bearer of bearers) {
      const res = await get('/oidc/userinfo', bearer);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(res.json().error.code).toBe('InvalidAuthenticationToken');
    }
  });
});
