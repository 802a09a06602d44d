import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../src/lib/clock.js';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from './support/server.js';
import { codeFixture } from './support/sts-codes.js';
import { CLI_CLIENT_ID, createConfidentialClient, decodeJwt, expectStsError, postToken } from './support/sts.js';

const DAY = 24 * 3600 * 1000;

describe('token endpoint: refresh token', () => {
  let t: TestApp;
  let offset = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  beforeAll(async () => {
    t = await buildTestApp({}, { clock });
  });
  afterAll(async () => t?.close());

  async function signIn(scope = 'https://graph.microsoft.com/.default offline_access openid', clientId = CLI_CLIENT_ID): Promise<string> {
    const res = await postToken(t, { grant_type: 'password', client_id: clientId, username: 'admin@entrada.test', password: ADMIN_PASSWORD, scope });
    expect(res.statusCode).toBe(200);
    return res.json().refresh_token;
  }
  const refresh = (rt: string, extra: Record<string, string> = {}, tenant?: string) =>
    postToken(t, { grant_type: 'refresh_token', client_id: CLI_CLIENT_ID, refresh_token: rt, ...extra }, { tenant });

  it('redeems a refresh token for the same scopes and returns a new one of the same family each time', async () => {
    const rt = await signIn();
    const first = await refresh(rt);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.refresh_token).not.toBe(rt);
    expect(body.id_token).toBeTruthy();
    expect(decodeJwt(body.access_token).payload).toMatchObject({ aud: 'https://graph.microsoft.com', appid: CLI_CLIENT_ID, upn: 'admin@entrada.test' });
    expect((await refresh(body.refresh_token)).statusCode).toBe(200);
  });

  describe('rotation of a public client\'s tokens', () => {
    it('uses the redeemed token up; presenting it again revokes the whole family (50173, bad_token)', async () => {
      const rt = await signIn();
      const next = (await refresh(rt)).json().refresh_token;
      const newest = (await refresh(next)).json().refresh_token;
      const reuse = expectStsError(await refresh(rt), 400, 'invalid_grant', 50173);
      expect(reuse.suberror).toBe('bad_token');
      expect(reuse.error_description).toContain('already redeemed');
      // The thief's copy and the legitimate client's newest token die together.
      expectStsError(await refresh(newest), 400, 'invalid_grant', 50173);
      // Another sign-in's family is not touched.
      expect((await refresh(await signIn())).statusCode).toBe(200);
    });

    it('of two concurrent redemptions of one token, one succeeds and the family is revoked', async () => {
      const rt = await signIn();
      const [a, b] = await Promise.all([refresh(rt), refresh(rt)]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 400]);
      const winner = (a.statusCode === 200 ? a : b).json().refresh_token;
      expectStsError(await refresh(winner), 400, 'invalid_grant', 50173);
    });

    it('a confidential client\'s token stays valid after use, as in Entra', async () => {
      const { client, api } = await codeFixture(t);
      const res = await postToken(t, { grant_type: 'password', client_id: client.appId, client_secret: client.secret, username: 'admin@entrada.test',
        password: ADMIN_PASSWORD, scope: `${api.uri}/.default offline_access` });
      expect(res.statusCode).toBe(200);
      const rt = res.json().refresh_token;
      const again = () => postToken(t, { grant_type: 'refresh_token', client_id: client.appId, client_secret: client.secret, refresh_token: rt });
      expect((await again()).statusCode).toBe(200);
      expect((await again()).statusCode).toBe(200);
      // The family remembers it is confidential: without the secret the client is refused.
      expectStsError(await postToken(t, { grant_type: 'refresh_token', client_id: client.appId, refresh_token: rt }), 401, 'invalid_client', 7000218);
    });
  });

  it('may target another resource the client is pre-authorized for', async () => {
    const rt = await signIn();
    const res = await refresh(rt, { scope: `${t.fhirUrl}/.default` });
    expect(res.json().scope).toBe(`${t.fhirUrl}/user_impersonation`);
    expect(decodeJwt(res.json().access_token).payload).toMatchObject({ aud: t.fhirUrl, scp: 'user_impersonation' });
  });

  it('works on the v1 endpoint with `resource=` and on /common and /organizations', async () => {
    const rt = await signIn();
    const v1 = await postToken(t, { grant_type: 'refresh_token', client_id: CLI_CLIENT_ID, refresh_token: rt, resource: t.fhirUrl }, { version: 1 });
    expect(v1.json()).toMatchObject({ resource: t.fhirUrl, scope: 'user_impersonation', expires_in: '3599' });
    const common = await refresh(v1.json().refresh_token, {}, 'common');
    expect(common.statusCode).toBe(200);
    expect((await refresh(common.json().refresh_token, {}, 'organizations')).statusCode).toBe(200);
  });

  it('70000 unknown token, 9002313 malformed token, 900144 missing token', async () => {
    expectStsError(await refresh('A'.repeat(43)), 400, 'invalid_grant', 70000);
    expectStsError(await refresh('not a refresh token'), 400, 'invalid_grant', 9002313);
    expectStsError(await refresh(''), 400, 'invalid_request', 900144);
  });

  it('70000 when another client redeems it', async () => {
    const rt = await signIn();
    const other = await createConfidentialClient(t, { isFallbackPublicClient: true });
    const body = expectStsError(await postToken(t, { grant_type: 'refresh_token', client_id: other.appId, refresh_token: rt }),
      400, 'invalid_grant', 70000);
    expect(body.error_description).toContain('issued to a different client');
  });

  it('70000 when redeemed against another tenant', async () => {
    const rt = await signIn();
    const other = await t.directory.tenants.create({ displayName: 'Other', domain: `other-${Date.now()}.test` });
    expectStsError(await refresh(rt, {}, other.id), 400, 'invalid_grant', 70000);
  });

  it('700082 after 90 days without use; using it keeps it alive', async () => {
    const rt = await signIn();
    const kept = await signIn();
    offset = 60 * DAY;
    const renewed = (await refresh(kept)).json().refresh_token;
    offset = 91 * DAY;
    const body = expectStsError(await refresh(rt), 400, 'invalid_grant', 700082);
    expect(body.error_description).toMatch(/The token was issued on \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ and was inactive for 91\.00:00:\d\d\./);
    expect(body.suberror).toBe('bad_token');
    expect((await refresh(renewed)).statusCode).toBe(200);
    offset = 0;
  });

  it('50057 once the user is disabled', async () => {
    await t.directory.users.create(t.tenantId, { userPrincipalName: 'temp@entrada.test', displayName: 'Temp', password: 'Sunny-Day-42' });
    const res = await postToken(t, { grant_type: 'password', client_id: CLI_CLIENT_ID, username: 'temp@entrada.test', password: 'Sunny-Day-42', scope: 'User.Read offline_access' });
    const rt = res.json().refresh_token;
    const userId = decodeJwt(res.json().access_token).payload.oid;
    await t.store.tenant(t.tenantId).updateTable('users').set({ account_enabled: 0 }).where('id', '=', userId).execute();
    expectStsError(await refresh(rt), 400, 'invalid_grant', 50057);
  });

  it('keeps only a hash of the token', async () => {
    const rt = await signIn();
    const rows = await t.store.db.selectFrom('refresh_tokens').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(rt);
  });
});
