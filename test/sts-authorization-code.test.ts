import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_APP_ID } from '../src/directory/first-party.js';
import { movableClock } from './support/clock.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { codeFixture, issueCode, NATIVE_REDIRECT, redeemParams, WEB_REDIRECT, type CodeFixture } from './support/sts-codes.js';
import { decodeJwt, expectStsError, grantConsent, postToken } from './support/sts.js';

describe('token endpoint: authorization code', () => {
  let t: TestApp;
  let f: CodeFixture;
  const clock = movableClock();
  beforeAll(async () => {
    t = await buildTestApp({}, { clock });
    f = await codeFixture(t);
  });
  afterAll(async () => t?.close());

  it('redeems a web code with the secret: v2 shape, user token, ID token, refresh token, client_info', async () => {
    const { code, verifier } = await issueCode(t, f, { nonce: 'n-0S6_WzA2Mj', sessionId: 'sess-1' });
    const res = await postToken(t, redeemParams(f, code, verifier, { client_info: '1' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store, no-cache');
    const body = res.json();
    expect(Object.keys(body)).toEqual(['token_type', 'scope', 'expires_in', 'ext_expires_in', 'access_token', 'refresh_token', 'id_token', 'client_info']);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: `${f.api.uri}/access_as_user`, expires_in: 3599 });
    const at = decodeJwt(body.access_token).payload;
    expect(at).toMatchObject({ aud: f.api.appId, azp: f.client.appId, azpacr: '1', scp: 'access_as_user', oid: f.userId, tid: t.tenantId, sid: 'sess-1', ver: '2.0' });
    const id = decodeJwt(body.id_token).payload;
    expect(id).toMatchObject({ aud: f.client.appId, nonce: 'n-0S6_WzA2Mj', sid: 'sess-1', oid: f.userId, ver: '2.0', preferred_username: `admin@${t.domain}` });
    expect(id.sub).toBe(at.sub);
    expect(typeof id.auth_time).toBe('number');
    expect(JSON.parse(Buffer.from(body.client_info, 'base64url').toString())).toEqual({ uid: f.userId, utid: t.tenantId });
  });

  it('issues for the first resource of a code whose scope spans several, when /token names none', async () => {
    const { code, verifier } = await issueCode(t, f, { scope: `${f.api.uri}/access_as_user User.Read openid offline_access` });
    const res = await postToken(t, redeemParams(f, code, verifier));
    expect(res.statusCode).toBe(200);
    expect(res.json().scope).toBe(`${f.api.uri}/access_as_user`);
    expect(decodeJwt(res.json().access_token).payload).toMatchObject({ aud: f.api.appId, scp: 'access_as_user' });
  });

  it('answers the v1 endpoint with strings, the resource and always a refresh token', async () => {
    const { code, verifier } = await issueCode(t, f, { scope: `${f.api.uri}/access_as_user openid` });
    const res = await postToken(t, redeemParams(f, code, verifier, { resource: f.api.uri }), { version: 1 });
    expect(res.json()).toMatchObject({ token_type: 'Bearer', expires_in: '3599', resource: f.api.uri, scope: 'access_as_user' });
    expect(res.json().refresh_token).toBeTruthy();
    expect(decodeJwt(res.json().id_token).payload).toMatchObject({ ver: '1.0', upn: `admin@${t.domain}` });
  });

  describe('client type from the redirect URI platform', () => {
    it('a mobile/desktop code is public: no secret (azpacr 0); a secret is 700025', async () => {
      const a = await issueCode(t, f, { platform: 'publicClient' });
      const { client_secret: _s, ...params } = redeemParams(f, a.code, a.verifier, { redirect_uri: NATIVE_REDIRECT });
      const ok = await postToken(t, params);
      expect(ok.statusCode).toBe(200);
      expect(decodeJwt(ok.json().access_token).payload.azpacr).toBe('0');
      const b = await issueCode(t, f, { platform: 'publicClient' });
      expectStsError(await postToken(t, redeemParams(f, b.code, b.verifier, { redirect_uri: NATIVE_REDIRECT })), 401, 'invalid_client', 700025);
    });
    it('a web code without a credential is 7000218', async () => {
      const { code, verifier } = await issueCode(t, f);
      const { client_secret: _s, ...params } = redeemParams(f, code, verifier);
      expectStsError(await postToken(t, params), 401, 'invalid_client', 7000218);
    });
  });

  describe('PKCE', () => {
    it('accepts plain, and a code without a challenge ignores a verifier', async () => {
      const plain = await issueCode(t, f, { codeChallenge: 'a-plain-verifier-of-enough-length-0123456789', codeChallengeMethod: 'plain' });
      expect((await postToken(t, redeemParams(f, plain.code, 'a-plain-verifier-of-enough-length-0123456789'))).statusCode).toBe(200);
      const none = await issueCode(t, f, { codeChallenge: undefined, codeChallengeMethod: undefined });
      expect((await postToken(t, redeemParams(f, none.code, 'anything'))).statusCode).toBe(200);
    });
    it('50148 without the verifier, 501481 with a wrong one', async () => {
      const a = await issueCode(t, f);
      expectStsError(await postToken(t, redeemParams(f, a.code, '')), 400, 'invalid_grant', 50148);
      const b = await issueCode(t, f);
      const wrong = createHash('sha256').update('x').digest('base64url');
      expectStsError(await postToken(t, redeemParams(f, b.code, wrong)), 400, 'invalid_grant', 501481);
    });
  });

  describe('single use, expiry, binding', () => {
    it('54005 on a second redemption, which also revokes the refresh token the first one gave', async () => {
      const { code, verifier } = await issueCode(t, f);
      const first = await postToken(t, redeemParams(f, code, verifier));
      expect(first.statusCode).toBe(200);
      expectStsError(await postToken(t, redeemParams(f, code, verifier)), 400, 'invalid_grant', 54005);
      const refresh = await postToken(t, { grant_type: 'refresh_token', client_id: f.client.appId, client_secret: f.client.secret, refresh_token: first.json().refresh_token });
      expectStsError(refresh, 400, 'invalid_grant', 50173);
    });
    it('70008 after 10 minutes; 70000 for an unknown code', async () => {
      const { code, verifier } = await issueCode(t, f);
      clock.offsetMs = 10 * 60 * 1000 + 1000;
      try {
        expectStsError(await postToken(t, redeemParams(f, code, verifier)), 400, 'invalid_grant', 70008);
      } finally {
        clock.offsetMs = 0;
      }
      expectStsError(await postToken(t, redeemParams(f, 'A'.repeat(43), verifier)), 400, 'invalid_grant', 70000);
    });
    it('700005 at another tenant; /common and /organizations take the code’s tenant', async () => {
      const other = await t.directory.tenants.create({ displayName: 'Other', domain: `other-${Date.now()}.test` });
      const a = await issueCode(t, f);
      expectStsError(await postToken(t, redeemParams(f, a.code, a.verifier), { tenant: other.id }), 400, 'invalid_grant', 700005);
      for (const tenant of ['common', 'organizations', t.domain.toUpperCase()]) {
        const b = await issueCode(t, f);
        expect((await postToken(t, redeemParams(f, b.code, b.verifier), { tenant })).statusCode).toBe(200);
      }
    });
    it('70000 when another client redeems it', async () => {
      const { code, verifier } = await issueCode(t, f);
      const other = await codeFixture(t);
      const body = expectStsError(await postToken(t, { ...redeemParams(f, code, verifier), client_id: other.client.appId, client_secret: other.client.secret }),
        400, 'invalid_grant', 70000);
      expect(body.error_description).toContain("'code' parameter");
    });
    it('500112 for another redirect_uri; a missing one is 900144 and does not use the code up', async () => {
      const { code, verifier } = await issueCode(t, f);
      expectStsError(await postToken(t, redeemParams(f, code, verifier, { redirect_uri: '' })), 400, 'invalid_request', 900144);
      const body = expectStsError(await postToken(t, redeemParams(f, code, verifier, { redirect_uri: `${WEB_REDIRECT}/` })), 400, 'invalid_client', 500112);
      expect(body.error_description).toContain(`'${WEB_REDIRECT}/' does not match the reply address '${WEB_REDIRECT}'`);
    });
  });

  describe('scope at the token request', () => {
    it('may name another resource the client has consent for (like a refresh); else 65001', async () => {
      const graph = (await t.directory.servicePrincipals.get(t.tenantId, GRAPH_APP_ID, 'appId'))!;
      const a = await issueCode(t, f);
      expectStsError(await postToken(t, redeemParams(f, a.code, a.verifier, { scope: 'User.Read openid' })), 400, 'invalid_grant', 65001);
      await grantConsent(t, { clientSpId: f.client.spId, resourceSpId: graph.id, scope: 'User.Read', principalId: f.userId });
      const b = await issueCode(t, f);
      const res = await postToken(t, redeemParams(f, b.code, b.verifier, { scope: 'User.Read' }));
      expect(res.statusCode).toBe(200);
      expect(res.json().scope).toBe('User.Read openid profile offline_access');
      expect(decodeJwt(res.json().access_token).payload).toMatchObject({ aud: GRAPH_APP_ID, scp: 'User.Read openid profile' });
      // The OIDC scopes are the code's: a refresh token and an ID token although the request named neither.
      expect(res.json().refresh_token).toBeTruthy();
      expect(res.json().id_token).toBeTruthy();
    });
  });

  it('puts the user\'s app roles on the resource in the access token', async () => {
    await t.directory.appRoleAssignments.create(t.tenantId, { principalId: f.userId, resourceId: f.api.spId, appRoleId: f.api.roleId });
    const { code, verifier } = await issueCode(t, f);
    const res = await postToken(t, redeemParams(f, code, verifier));
    expect(decodeJwt(res.json().access_token).payload).toMatchObject({ roles: ['Data.Read'], scp: 'access_as_user', oid: f.userId });
  });

  it('50057 when the user was disabled after signing in', async () => {
    const user = await t.directory.users.create(t.tenantId, { userPrincipalName: `gone@${t.domain}`, displayName: 'Gone', password: 'Sunny-Day-42' });
    const { code, verifier } = await issueCode(t, f, { userId: user.id });
    await t.directory.users.update(t.tenantId, user.id, { accountEnabled: false });
    expectStsError(await postToken(t, redeemParams(f, code, verifier)), 400, 'invalid_grant', 50057);
  });
});
