import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_APP_ID, HEALTHCARE_APP_ID } from '../src/directory/first-party.js';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from './support/server.js';
import { CLI_CLIENT_ID, createApi, createConfidentialClient, decodeJwt, expectStsError, grantConsent, postToken } from './support/sts.js';

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

describe('token endpoint: password (ROPC)', () => {
  let t: TestApp;
  let adminId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    adminId = (await t.directory.users.getByUpn(t.tenantId, 'admin@entrada.test'))!.id;
  });
  afterAll(async () => t?.close());

  const ropc = (extra: Record<string, string> = {}) => ({
    grant_type: 'password', client_id: CLI_CLIENT_ID, username: 'admin@entrada.test', password: ADMIN_PASSWORD,
    scope: 'https://graph.microsoft.com/.default', ...extra,
  });

  it('gives the CLI a Graph token with every delegated Graph permission (pre-authorized)', async () => {
    const res = await postToken(t, ropc());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['token_type', 'scope', 'expires_in', 'ext_expires_in', 'access_token']);
    const { header, payload } = decodeJwt(body.access_token);
    expect(header.x5t).toBe(header.kid);
    expect(payload).toMatchObject({
      aud: 'https://graph.microsoft.com', iss: `${t.publicUrl}/${t.tenantId}/`, appid: CLI_CLIENT_ID, appidacr: '0', acr: '1', amr: ['pwd'],
      oid: adminId, tid: t.tenantId, upn: 'admin@entrada.test', unique_name: 'admin@entrada.test', name: 'Administrator',
      ver: '1.0', wids: [GLOBAL_ADMIN],
    });
    expect(payload.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(payload.sub).not.toBe(adminId);
    const scp = payload.scp.split(' ');
    expect(scp).toEqual(expect.arrayContaining(['User.Read', 'Application.ReadWrite.All', 'Directory.Read.All']));
    expect(scp).not.toContain('openid');
    expect(body.scope.split(' ')).toContain('https://graph.microsoft.com/Application.ReadWrite.All');
  });

  it('returns id_token, refresh_token and client_info when asked (as MSAL asks)', async () => {
    const res = await postToken(t, ropc({ scope: `${t.fhirUrl}/.default openid profile offline_access`, client_info: '1', response_type: 'token id_token' }));
    const body = res.json();
    expect(Object.keys(body)).toEqual(['token_type', 'scope', 'expires_in', 'ext_expires_in', 'access_token', 'refresh_token', 'id_token', 'client_info']);
    expect(body.scope).toBe(`${t.fhirUrl}/user_impersonation`);
    expect(decodeJwt(body.access_token).payload).toMatchObject({ aud: t.fhirUrl, scp: 'user_impersonation', oid: adminId });
    const id = decodeJwt(body.id_token);
    expect(id.header).not.toHaveProperty('x5t');
    expect(id.payload).toMatchObject({
      aud: CLI_CLIENT_ID, iss: `${t.publicUrl}/${t.tenantId}/v2.0`, oid: adminId, tid: t.tenantId, preferred_username: 'admin@entrada.test', ver: '2.0',
    });
    expect(id.payload.sub).toBe(decodeJwt(body.access_token).payload.sub);
    expect(JSON.parse(Buffer.from(body.client_info, 'base64url').toString())).toEqual({ uid: adminId, utid: t.tenantId });
    expect(body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers the v1 endpoint with `resource=`, strings and a refresh token', async () => {
    const { scope: _s, ...rest } = ropc();
    const res = await postToken(t, { ...rest, resource: t.fhirUrl, scope: 'openid' }, { version: 1 });
    const body = res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'user_impersonation', expires_in: '3599', resource: t.fhirUrl });
    expect(body.refresh_token).toBeTruthy();
    expect(decodeJwt(body.id_token).payload).toMatchObject({ ver: '1.0', iss: `${t.publicUrl}/${t.tenantId}/`, upn: 'admin@entrada.test' });
  });

  it('finds the tenant from the user name on /organizations, and by domain in the path', async () => {
    expect((await postToken(t, ropc(), { tenant: 'organizations' })).statusCode).toBe(200);
    expect((await postToken(t, ropc(), { tenant: 'ENTRADA.TEST' })).statusCode).toBe(200);
    expectStsError(await postToken(t, ropc({ username: 'someone@elsewhere.example' }), { tenant: 'organizations' }), 400, 'invalid_grant', 50034);
  });

  it('gives v2 tokens for an API that asks for them, with azp and preferred_username', async () => {
    const api = await createApi(t, { tokenVersion: 2 });
    const client = await createConfidentialClient(t, { isFallbackPublicClient: true });
    await grantConsent(t, { clientSpId: client.spId, resourceSpId: api.spId, scope: 'access_as_user' });
    const res = await postToken(t, ropc({ client_id: client.appId, scope: `${api.uri}/access_as_user` }));
    expect(res.statusCode).toBe(200);
    expect(decodeJwt(res.json().access_token).payload).toMatchObject({
      aud: api.appId, azp: client.appId, azpacr: '0', ver: '2.0', scp: 'access_as_user', preferred_username: 'admin@entrada.test',
    });
    // The same app with its secret (a confidential ROPC client) gets azpacr 1.
    const confidential = await postToken(t, ropc({ client_id: client.appId, client_secret: client.secret, scope: `${api.uri}/.default` }));
    expect(decodeJwt(confidential.json().access_token).payload.azpacr).toBe('1');
  });

  it('a bare permission means Microsoft Graph', async () => {
    const res = await postToken(t, ropc({ scope: 'User.Read openid' }));
    expect(res.statusCode).toBe(200);
    expect(res.json().scope).toBe('User.Read openid');
    // Graph tokens carry the OpenID Connect scopes they were asked with (Graph's userinfo needs openid), as Entra's do.
    expect(decodeJwt(res.json().access_token).payload).toMatchObject({ aud: GRAPH_APP_ID, scp: 'User.Read openid' });
  });

  describe('AADSTS errors', () => {
    it('9001023 on /common', async () => {
      expectStsError(await postToken(t, ropc(), { tenant: 'common' }), 400, 'invalid_request', 9001023);
    });
    it('50126 bad password, 50034 unknown user, 50057 disabled user', async () => {
      expectStsError(await postToken(t, ropc({ password: 'wrong' })), 400, 'invalid_grant', 50126);
      expectStsError(await postToken(t, ropc({ username: 'nobody@entrada.test' })), 400, 'invalid_grant', 50034);
      await t.directory.users.create(t.tenantId, { userPrincipalName: 'off@entrada.test', displayName: 'Off', password: 'Passw0rd!x', accountEnabled: false });
      expectStsError(await postToken(t, ropc({ username: 'off@entrada.test', password: 'Passw0rd!x' })), 400, 'invalid_grant', 50057);
    });
    it('50055 (suberror user_password_expired) for a user who must change the password; a wrong password is still 50126', async () => {
      await t.directory.users.create(t.tenantId, {
        userPrincipalName: 'renew@entrada.test', displayName: 'Renew', password: 'Sunny-Day-42', forceChangePasswordNextSignIn: true,
      });
      const body = expectStsError(await postToken(t, ropc({ username: 'renew@entrada.test', password: 'Sunny-Day-42' })), 400, 'invalid_grant', 50055);
      expect(body.suberror).toBe('user_password_expired');
      expectStsError(await postToken(t, ropc({ username: 'renew@entrada.test', password: 'Wrong-Day-42' })), 400, 'invalid_grant', 50126);
    });
    it('900144 missing username, password or scope', async () => {
      for (const name of ['username', 'password', 'scope']) {
        const body = expectStsError(await postToken(t, ropc({ [name]: '' })), 400, 'invalid_request', 900144);
        expect(body.error_description).toContain(`'${name}'`);
      }
    });
    it('7000218 an app that does not allow public client flows, without a secret', async () => {
      const client = await createConfidentialClient(t);
      expectStsError(await postToken(t, ropc({ client_id: client.appId })), 401, 'invalid_client', 7000218);
    });
    it('700025 a public client presenting a secret', async () => {
      expectStsError(await postToken(t, ropc({ client_secret: 'anything' })), 401, 'invalid_client', 700025);
    });
    it('65001 consent_required without a permission grant, then works once granted for this user', async () => {
      const api = await createApi(t);
      const client = await createConfidentialClient(t, { isFallbackPublicClient: true });
      for (const scope of [`${api.uri}/.default`, `${api.uri}/access_as_user`, `${t.fhirUrl}/user_impersonation`]) {
        const body = expectStsError(await postToken(t, ropc({ client_id: client.appId, scope })), 400, 'invalid_grant', 65001);
        expect(body.suberror).toBe('consent_required');
      }
      await grantConsent(t, { clientSpId: client.spId, resourceSpId: api.spId, scope: 'access_as_user', principalId: adminId });
      const ok = await postToken(t, ropc({ client_id: client.appId, scope: `${api.uri}/.default` }));
      const payload = decodeJwt(ok.json().access_token).payload;
      expect(payload).toMatchObject({ aud: api.uri, scp: 'access_as_user' });
      expect(payload).not.toHaveProperty('roles');
    });
    it('70011 unknown permission or .default mixed with named ones; 28000 two resources', async () => {
      expectStsError(await postToken(t, ropc({ scope: 'https://graph.microsoft.com/No.Such.Scope' })), 400, 'invalid_scope', 70011);
      expectStsError(await postToken(t, ropc({ scope: 'https://graph.microsoft.com/.default https://graph.microsoft.com/User.Read' })), 400, 'invalid_scope', 70011);
      expectStsError(await postToken(t, ropc({ scope: `User.Read ${t.fhirUrl}/user_impersonation` })), 400, 'invalid_scope', 28000);
    });
    it('500011 unknown resource', async () => {
      expectStsError(await postToken(t, ropc({ scope: 'https://nowhere.example/.default' })), 400, 'invalid_resource', 500011);
    });
  });

  it('the Healthcare pre-authorization covers user_impersonation', async () => {
    const res = await postToken(t, ropc({ scope: `${t.fhirUrl}/user_impersonation` }));
    expect(res.statusCode).toBe(200);
    const sp = await t.directory.servicePrincipals.get(t.tenantId, HEALTHCARE_APP_ID, 'appId');
    expect(sp).toBeDefined();
  });
});
