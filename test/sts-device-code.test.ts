/** The device code flow: the devicecode endpoints, and the token poll through every state (the page is stood in for). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movableClock } from './support/clock.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { codeFixture, type CodeFixture } from './support/sts-codes.js';
import { CLI_CLIENT_ID, decodeJwt, expectStsError, postToken } from './support/sts.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describe('device code flow', () => {
  let t: TestApp;
  let adminId: string;
  const clock = movableClock();
  beforeAll(async () => {
    t = await buildTestApp({}, { clock });
    adminId = (await t.directory.users.getByUpn(t.tenantId, `admin@${t.domain}`))!.id;
  });
  afterAll(async () => t?.close());

  const start = (params: Record<string, string>, options: { version?: 1 | 2; tenant?: string } = {}) =>
    postToken(t, params, { path: `/${options.tenant ?? t.tenantId}/oauth2/${options.version === 1 ? '' : 'v2.0/'}devicecode` });
  async function begin(clientId = CLI_CLIENT_ID, scope = `${t.fhirUrl}/.default openid profile offline_access`) {
    const res = await start({ client_id: clientId, scope });
    expect(res.statusCode).toBe(200);
    return res.json() as { device_code: string; user_code: string };
  }
  const poll = (deviceCode: string, extra: Record<string, string> = {}) =>
    postToken(t, { grant_type: 'device_code', client_id: CLI_CLIENT_ID, device_code: deviceCode, ...extra });
  const approve = (userCode: string, userId = adminId) => t.directory.deviceCodes.approve(userCode, userId, Math.floor(Date.now() / 1000));

  it('hands out a device code and a user code for this server\'s /devicelogin (v2: numbers)', async () => {
    const res = await start({ client_id: CLI_CLIENT_ID, scope: 'User.Read offline_access' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store, no-cache');
    const body = res.json();
    expect(Object.keys(body)).toEqual(['user_code', 'device_code', 'verification_uri', 'expires_in', 'interval', 'message']);
    expect(body).toMatchObject({ verification_uri: `${t.publicUrl}/devicelogin`, expires_in: 900, interval: 5 });
    expect(body.user_code).toMatch(/^[A-Z2-9]{9}$/);
    expect(body.device_code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.message).toBe(`To sign in, use a web browser to open the page ${t.publicUrl}/devicelogin and enter the code ${body.user_code} to authenticate.`);
  });

  it('v1 takes `resource=` and answers in strings with `verification_url`', async () => {
    const res = await start({ client_id: CLI_CLIENT_ID, resource: t.fhirUrl }, { version: 1 });
    expect(res.json()).toMatchObject({ verification_url: `${t.publicUrl}/devicelogin`, expires_in: '900', interval: '5' });
    const { device_code: deviceCode, user_code: userCode } = res.json();
    await approve(userCode);
    // ADAL polls the v1 endpoint with `code=`.
    const token = await postToken(t, { grant_type: 'device_code', client_id: CLI_CLIENT_ID, code: deviceCode, resource: t.fhirUrl }, { version: 1 });
    expect(token.json()).toMatchObject({ resource: t.fhirUrl, scope: 'user_impersonation', expires_in: '3599' });
  });

  it('refuses a bad request at the devicecode endpoint: 900144, 700016, 500011, 900561', async () => {
    expectStsError(await start({ scope: 'User.Read' }), 400, 'invalid_request', 900144);
    expectStsError(await start({ client_id: CLI_CLIENT_ID }), 400, 'invalid_request', 900144);
    expectStsError(await start({ client_id: crypto.randomUUID(), scope: 'User.Read' }), 400, 'unauthorized_client', 700016);
    expectStsError(await start({ client_id: CLI_CLIENT_ID, scope: 'https://nowhere.example/.default' }), 400, 'invalid_resource', 500011);
    expectStsError(await t.app.inject({ method: 'GET', url: `/${t.tenantId}/oauth2/v2.0/devicecode` }), 400, 'invalid_request', 900561);
  });

  it('pending (70016) under both grant_type spellings, then tokens once approved, then invalid_grant', async () => {
    const { device_code: deviceCode, user_code: userCode } = await begin();
    expectStsError(await poll(deviceCode), 400, 'authorization_pending', 70016);
    expectStsError(await poll(deviceCode, { grant_type: DEVICE_GRANT }), 400, 'authorization_pending', 70016);
    expect(await approve(userCode)).toBe(true);
    const res = await poll(deviceCode, { grant_type: DEVICE_GRANT, client_info: '1' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.scope).toBe(`${t.fhirUrl}/user_impersonation`);
    expect(decodeJwt(body.access_token).payload).toMatchObject({ aud: t.fhirUrl, appid: CLI_CLIENT_ID, scp: 'user_impersonation', oid: adminId });
    expect(decodeJwt(body.id_token).payload).toMatchObject({ aud: CLI_CLIENT_ID, oid: adminId });
    expect(typeof decodeJwt(body.id_token).payload.auth_time).toBe('number');
    expect(body.refresh_token).toBeTruthy();
    expectStsError(await poll(deviceCode), 400, 'invalid_grant', 70000);
  });

  it('authorization_declined, expired_token (70020), bad_verification_code (70018)', async () => {
    const declined = await begin();
    await t.directory.deviceCodes.decline(declined.user_code);
    const body = expectStsError(await poll(declined.device_code), 400, 'authorization_declined', 70000);
    expect(body.error_description).toContain('declined');
    const late = await begin();
    clock.offsetMs = 15 * 60 * 1000 + 1000;
    try {
      expectStsError(await poll(late.device_code), 400, 'expired_token', 70020);
    } finally {
      clock.offsetMs = 0;
    }
    expectStsError(await poll('B'.repeat(43)), 400, 'bad_verification_code', 70018);
    expectStsError(await poll(''), 400, 'invalid_request', 900144);
  });

  it('is bound to the client that asked for it', async () => {
    const f = await codeFixture(t, { isFallbackPublicClient: true });
    const { device_code: deviceCode, user_code: userCode } = await begin();
    await approve(userCode);
    const body = expectStsError(await poll(deviceCode, { client_id: f.client.appId }), 400, 'invalid_grant', 70000);
    expect(body.error_description).toContain('different client');
  });

  describe('the public client flows setting', () => {
    let f: CodeFixture;
    beforeAll(async () => {
      f = await codeFixture(t);
    });

    it('7000218 when the app does not allow public client flows and polls without a credential', async () => {
      const { device_code: deviceCode } = await begin(f.client.appId, `${f.api.uri}/.default`);
      expectStsError(await poll(deviceCode, { client_id: f.client.appId }), 401, 'invalid_client', 7000218);
    });

    it('a confidential client polls with its secret', async () => {
      const { device_code: deviceCode, user_code: userCode } = await begin(f.client.appId, `${f.api.uri}/.default offline_access`);
      await approve(userCode);
      const res = await poll(deviceCode, { client_id: f.client.appId, client_secret: f.client.secret });
      expect(res.statusCode).toBe(200);
      expect(decodeJwt(res.json().access_token).payload).toMatchObject({ aud: f.api.appId, azpacr: '1', scp: 'access_as_user' });
    });

    it('an app that allows public client flows polls without one, and needs consent (65001)', async () => {
      const open = await codeFixture(t, { isFallbackPublicClient: true });
      const ok = await begin(open.client.appId, `${open.api.uri}/access_as_user`);
      await approve(ok.user_code);
      const res = await poll(ok.device_code, { client_id: open.client.appId });
      expect(decodeJwt(res.json().access_token).payload).toMatchObject({ azp: open.client.appId, azpacr: '0' });
      const unconsented = await begin(open.client.appId, `${f.api.uri}/access_as_user`);
      await approve(unconsented.user_code);
      const body = expectStsError(await poll(unconsented.device_code, { client_id: open.client.appId }), 400, 'invalid_grant', 65001);
      expect(body.suberror).toBe('consent_required');
    });
  });
});
