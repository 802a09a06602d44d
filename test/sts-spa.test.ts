/** Single-page apps at the token endpoint: Origin rules, PKCE, CORS, and their 24-hour rotating refresh tokens. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movableClock } from './support/clock.js';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from './support/server.js';
import { codeFixture, issueCode, redeemParams, SPA_ORIGIN, SPA_REDIRECT, type CodeFixture } from './support/sts-codes.js';
import { CLI_CLIENT_ID, expectStsError, postToken } from './support/sts.js';

const HOUR = 3600 * 1000;

describe('token endpoint: single-page apps', () => {
  let t: TestApp;
  let f: CodeFixture;
  const clock = movableClock();
  beforeAll(async () => {
    t = await buildTestApp({}, { clock });
    f = await codeFixture(t);
  });
  afterAll(async () => t?.close());

  const origin = { origin: SPA_ORIGIN };
  /** What MSAL.js sends for a spa code: no secret, the verifier, from the page's origin. */
  function spaParams(code: string, verifier: string): Record<string, string> {
    const { client_secret: _s, ...params } = redeemParams(f, code, verifier, { redirect_uri: SPA_REDIRECT });
    return params;
  }
  async function spaRefreshToken(): Promise<string> {
    const { code, verifier } = await issueCode(t, f, { platform: 'spa' });
    const res = await postToken(t, spaParams(code, verifier), { headers: origin });
    expect(res.statusCode).toBe(200);
    return res.json().refresh_token;
  }
  const refresh = (rt: string, headers: Record<string, string> = origin) =>
    postToken(t, { grant_type: 'refresh_token', client_id: f.client.appId, refresh_token: rt }, { headers });

  it('redeems a spa code cross-origin with PKCE and no secret, and lets the page read the answer', async () => {
    const { code, verifier } = await issueCode(t, f, { platform: 'spa' });
    const res = await postToken(t, spaParams(code, verifier), { headers: origin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    expect(res.headers.vary).toBe('Origin');
    expect(res.json().refresh_token).toBeTruthy();
  });

  it('9002327 for a spa code redeemed without an Origin', async () => {
    const { code, verifier } = await issueCode(t, f, { platform: 'spa' });
    expectStsError(await postToken(t, spaParams(code, verifier)), 400, 'invalid_request', 9002327);
  });

  it('9002326 for a web code, or ROPC, from a browser; errors are readable cross-origin too', async () => {
    const { code, verifier } = await issueCode(t, f);
    const res = await postToken(t, redeemParams(f, code, verifier), { headers: origin });
    const body = expectStsError(res, 400, 'invalid_request', 9002326);
    expect(body.error_description).toContain(`Request origin: '${SPA_ORIGIN}'`);
    expect(res.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    const ropc = await postToken(t, {
      grant_type: 'password', client_id: CLI_CLIENT_ID, username: `admin@${t.domain}`, password: ADMIN_PASSWORD, scope: 'User.Read',
    }, { headers: origin });
    expectStsError(ropc, 400, 'invalid_request', 9002326);
  });

  it('9002325 for a cross-origin redemption of a code issued without PKCE', async () => {
    const { code, verifier } = await issueCode(t, f, { platform: 'spa', codeChallenge: undefined, codeChallengeMethod: undefined });
    expectStsError(await postToken(t, spaParams(code, verifier), { headers: origin }), 400, 'invalid_request', 9002325);
  });

  it('700025 for a spa code presented with a secret', async () => {
    const { code, verifier } = await issueCode(t, f, { platform: 'spa' });
    const params = { ...spaParams(code, verifier), client_secret: f.client.secret };
    expectStsError(await postToken(t, params, { headers: origin }), 401, 'invalid_client', 700025);
  });

  it('answers the CORS preflight on both token endpoints', async () => {
    for (const url of [`/${t.tenantId}/oauth2/v2.0/token`, `/${t.tenantId}/oauth2/token`]) {
      const res = await t.app.inject({
        method: 'OPTIONS', url,
        headers: { origin: SPA_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
      expect(res.headers['access-control-allow-methods']).toBe('POST, OPTIONS');
      expect(res.headers['access-control-allow-headers']).toBe('content-type');
    }
  });

  describe('spa refresh tokens', () => {
    it('rotate: each refresh gives a new token and uses up the old one', async () => {
      const rt = await spaRefreshToken();
      const next = await refresh(rt);
      expect(next.statusCode).toBe(200);
      expect(next.json().refresh_token).not.toBe(rt);
      expect(next.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
      expect((await refresh(next.json().refresh_token)).statusCode).toBe(200);
    });

    it('may only be redeemed cross-origin (9002327) and without a secret (700025)', async () => {
      const rt = await spaRefreshToken();
      expectStsError(await refresh(rt, {}), 400, 'invalid_request', 9002327);
      const withSecret = await postToken(t, { grant_type: 'refresh_token', client_id: f.client.appId, client_secret: f.client.secret, refresh_token: rt },
        { headers: origin });
      expectStsError(withSecret, 401, 'invalid_client', 700025);
      // Refused requests do not use the token up.
      expect((await refresh(rt)).statusCode).toBe(200);
    });

    it('expire 24 hours after the sign-in however recently used (700084)', async () => {
      const rt = await spaRefreshToken();
      clock.offsetMs = 23 * HOUR;
      try {
        const next = await refresh(rt);
        expect(next.statusCode).toBe(200);
        clock.offsetMs = 24 * HOUR + 60_000;
        const body = expectStsError(await refresh(next.json().refresh_token), 400, 'invalid_grant', 700084);
        expect(body.suberror).toBe('bad_token');
        expect(body.error_description).toContain('fixed, limited lifetime of 1.00:00:00');
      } finally {
        clock.offsetMs = 0;
      }
    });
  });
});
