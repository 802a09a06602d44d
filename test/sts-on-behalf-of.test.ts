/** The on-behalf-of flow: a middle-tier API trades the user's token it was called with for a downstream token. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movableClock } from './support/clock.js';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from './support/server.js';
import { createApi, createConfidentialClient, decodeJwt, expectStsError, grantConsent, postToken, type TestApi, type TestClient } from './support/sts.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** A confidential app that is also an API (a middle tier): a secret, an App ID URI and a delegated scope. */
async function createMiddleTier(t: TestApp, tokenVersion: 1 | 2 | null): Promise<TestClient & { uri: string }> {
  const uri = `api://middle-${crypto.randomUUID()}`;
  const client = await createConfidentialClient(t, {
    displayName: 'middle tier', identifierUris: [uri],
    api: {
      requestedAccessTokenVersion: tokenVersion,
      oauth2PermissionScopes: [{ id: crypto.randomUUID(), value: 'access_as_user', type: 'User', isEnabled: true, adminConsentDisplayName: 'a', adminConsentDescription: 'a' }],
    },
  });
  return { ...client, uri };
}

describe('token endpoint: on-behalf-of', () => {
  let t: TestApp;
  let front: TestClient;
  let middle: TestClient & { uri: string };
  let down: TestApi;
  let adminId: string;
  const clock = movableClock();
  beforeAll(async () => {
    t = await buildTestApp({}, { clock });
    adminId = (await t.directory.users.getByUpn(t.tenantId, `admin@${t.domain}`))!.id;
    front = await createConfidentialClient(t, { isFallbackPublicClient: true });
    middle = await createMiddleTier(t, 2);
    down = await createApi(t, { tokenVersion: 2 });
    await grantConsent(t, { clientSpId: front.spId, resourceSpId: middle.spId, scope: 'access_as_user' });
    await grantConsent(t, { clientSpId: middle.spId, resourceSpId: down.spId, scope: 'access_as_user' });
  });
  afterAll(async () => t?.close());

  /** The token the front end calls the middle tier with (ROPC stands in for its sign-in). */
  async function userToken(scope = `${middle.uri}/access_as_user`, clientId = front.appId): Promise<string> {
    const res = await postToken(t, { grant_type: 'password', client_id: clientId, username: `admin@${t.domain}`, password: ADMIN_PASSWORD, scope });
    expect(res.statusCode).toBe(200);
    return res.json().access_token;
  }
  const obo = (assertion: string, extra: Record<string, string> = {}) => postToken(t, {
    grant_type: JWT_BEARER, client_id: middle.appId, client_secret: middle.secret, assertion, scope: `${down.uri}/access_as_user offline_access`,
    requested_token_use: 'on_behalf_of', ...extra,
  });

  it('gives the middle tier a downstream token for the same user', async () => {
    const incoming = await userToken();
    expect(decodeJwt(incoming).payload.aud).toBe(middle.appId);
    const res = await obo(incoming, { client_info: '1' });
    expect(res.statusCode).toBe(200);
    expect(res.json().scope).toBe(`${down.uri}/access_as_user`);
    expect(res.json().refresh_token).toBeTruthy();
    expect(decodeJwt(res.json().access_token).payload).toMatchObject({
      aud: down.appId, azp: middle.appId, azpacr: '1', oid: adminId, scp: 'access_as_user', tid: t.tenantId, ver: '2.0',
    });
  });

  it('accepts an assertion addressed to the middle tier by its App ID URI (v1 token)', async () => {
    const v1Middle = await createMiddleTier(t, null);
    await grantConsent(t, { clientSpId: front.spId, resourceSpId: v1Middle.spId, scope: 'access_as_user' });
    await grantConsent(t, { clientSpId: v1Middle.spId, resourceSpId: down.spId, scope: 'access_as_user' });
    const incoming = await userToken(`${v1Middle.uri}/access_as_user`);
    expect(decodeJwt(incoming).payload.aud).toBe(v1Middle.uri);
    const res = await obo(incoming, { client_id: v1Middle.appId, client_secret: v1Middle.secret });
    expect(res.statusCode).toBe(200);
    expect(decodeJwt(res.json().access_token).payload).toMatchObject({ aud: down.appId, azp: v1Middle.appId, oid: adminId });
  });

  describe('refusals', () => {
    it('50013 for an app-only assertion', async () => {
      const daemon = await createConfidentialClient(t);
      const app = await postToken(t, { grant_type: 'client_credentials', client_id: daemon.appId, client_secret: daemon.secret, scope: `${middle.appId}/.default` });
      expect(app.statusCode).toBe(200);
      const body = expectStsError(await obo(app.json().access_token), 400, 'invalid_grant', 50013);
      expect(body.error_description).toContain('not a user token');
    });

    it('500131 when the assertion is addressed to another app', async () => {
      await grantConsent(t, { clientSpId: front.spId, resourceSpId: down.spId, scope: 'access_as_user' });
      const body = expectStsError(await obo(await userToken(`${down.uri}/access_as_user`)), 400, 'invalid_grant', 500131);
      expect(body.error_description).toContain(`The audience in the assertion was '${down.appId}'`);
    });

    it('65001 consent_required without the middle tier\'s consent for the downstream API', async () => {
      const other = await createApi(t);
      const body = expectStsError(await obo(await userToken(), { scope: `${other.uri}/access_as_user` }), 400, 'invalid_grant', 65001);
      expect(body.suberror).toBe('consent_required');
    });

    it('7000218 without the middle tier\'s credential (confidential only)', async () => {
      const { client_secret: _s, ...params } = {
        grant_type: JWT_BEARER, client_id: middle.appId, client_secret: '', assertion: await userToken(), scope: `${down.uri}/access_as_user`,
        requested_token_use: 'on_behalf_of',
      };
      expectStsError(await postToken(t, params), 401, 'invalid_client', 7000218);
    });

    it('500133 for an expired assertion, 50013 for a forged one', async () => {
      const incoming = await userToken();
      clock.offsetMs = 2 * 3600 * 1000;
      try {
        expectStsError(await obo(incoming), 400, 'invalid_grant', 500133);
      } finally {
        clock.offsetMs = 0;
      }
      const [h, p, s] = incoming.split('.');
      const forged = `${h}.${p}.${s!.slice(0, -4)}${s!.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      expectStsError(await obo(forged), 400, 'invalid_grant', 50013);
    });

    it('900144 without requested_token_use or assertion; 90023 for another requested_token_use', async () => {
      const incoming = await userToken();
      expectStsError(await obo(incoming, { requested_token_use: '' }), 400, 'invalid_request', 900144);
      expectStsError(await obo(incoming, { requested_token_use: 'something_else' }), 400, 'invalid_request', 90023);
      expectStsError(await obo(''), 400, 'invalid_request', 900144);
    });

    it('50013 for an assertion from another tenant\'s endpoint', async () => {
      const other = await t.directory.tenants.create({ displayName: 'Other', domain: `obo-${Date.now()}.test` });
      const res = await postToken(t, {
        grant_type: JWT_BEARER, client_id: middle.appId, client_secret: middle.secret, assertion: await userToken(),
        scope: `${down.uri}/access_as_user`, requested_token_use: 'on_behalf_of',
      }, { tenant: other.id });
      expectStsError(res, 400, 'invalid_grant', 50013);
    });
  });
});
