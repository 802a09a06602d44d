/**
 * Successful authorization responses: redirect URI matching (loopback port, trailing slash, the only registered
 * URI), response modes, client_info, iss, state, the code's stored grant, the hybrid ID token, and v1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accept, authorizePath, createApp, createUser, newBrowser, signIn, type TestWebApp } from './support/authorize.js';
import { pageOf, redirectOf, type BrowserLess } from './support/browser-less.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { decodeJwt } from './support/sts.js';

describe('authorize: responses', () => {
  let t: TestApp;
  let app: TestWebApp;
  let browser: BrowserLess;
  let userId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    app = await createApp(t, {
      publicClient: { redirectUris: ['http://localhost/callback', 'msalapp://auth'] },
      web: { redirectUris: ['https://app.example.com', 'https://app.example.com/signin-oidc'], implicitGrantSettings: { enableIdTokenIssuance: true } },
    });
    userId = (await createUser(t, 'rita')).id;
    // Sign in and consent once; later requests use the session.
    browser = newBrowser(t);
    const first = await signIn(browser, await browser.open(authorizePath(t.tenantId, {
      client_id: app.appId, response_type: 'code', redirect_uri: 'http://localhost/callback', scope: 'openid profile email offline_access User.Read',
    })), `rita@${t.domain}`);
    redirectOf(await accept(browser, first));
  });
  afterAll(async () => t?.close());

  const authorize = (params: Record<string, string>, version: 1 | 2 = 2) => browser.open(authorizePath(t.tenantId, {
    client_id: app.appId, response_type: 'code', scope: 'openid profile offline_access User.Read', ...params,
  }, version));

  it('ignores the port of a loopback redirect URI and answers at the port the app listens on', async () => {
    const r = redirectOf(await authorize({ redirect_uri: 'http://localhost:53111/callback', state: 'abc' }));
    expect(r.location).toMatch(/^http:\/\/localhost:53111\/callback\?code=[\w-]{43}&state=abc&iss=/);
    expect(r.params.get('iss')).toBe(`${t.publicUrl}/${t.tenantId}/v2.0`);
    const grant = await t.directory.authorizationCodes.redeem(r.params.get('code')!);
    expect(grant.status).toBe('ok');
    if (grant.status !== 'ok') return;
    expect(grant.grant).toMatchObject({
      tenantId: t.tenantId, tenantSegment: t.tenantId, version: 2, clientId: app.appId, userId, platform: 'publicClient',
      redirectUri: 'http://localhost:53111/callback', scope: 'openid profile offline_access User.Read',
    });
    expect(grant.grant.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(grant.grant.authTime).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it('echoes a path-less redirect URI with a trailing slash; the grant keeps it exactly as sent', async () => {
    const r = redirectOf(await authorize({ redirect_uri: 'https://app.example.com' }));
    expect(r.location.startsWith('https://app.example.com/?code=')).toBe(true);
    const grant = await t.directory.authorizationCodes.redeem(r.params.get('code')!);
    expect(grant.status === 'ok' && grant.grant).toMatchObject({ redirectUri: 'https://app.example.com', platform: 'web' });
    // A registered path-less URI also matches when sent with its slash.
    expect(redirectOf(await authorize({ redirect_uri: 'https://app.example.com/' })).location.startsWith('https://app.example.com/?code=')).toBe(true);
  });

  it('uses the only registered redirect URI when none is sent', async () => {
    const single = await createApp(t, { publicClient: { redirectUris: ['http://127.0.0.1/only'] } });
    await t.directory.permissionGrants.grant(t.tenantId, {
      clientId: single.spId!, resourceId: (await t.directory.resources.resolve(t.tenantId, '00000003-0000-0000-c000-000000000000'))!.servicePrincipalId,
      consentType: 'AllPrincipals', principalId: null, scopes: ['openid', 'profile'],
    });
    const r = redirectOf(await browser.open(authorizePath(t.tenantId, { client_id: single.appId, response_type: 'code', scope: 'openid profile' })));
    expect(r.location.startsWith('http://127.0.0.1/only?code=')).toBe(true);
  });

  it('answers in the fragment, or with an auto-submitting form_post page', async () => {
    const fragment = redirectOf(await authorize({ redirect_uri: 'msalapp://auth', response_mode: 'fragment', state: 'f' }));
    expect(fragment.location).toMatch(/^msalapp:\/\/auth#code=[\w-]{43}&state=f&iss=/);
    const posted = pageOf(await authorize({ redirect_uri: 'https://app.example.com/signin-oidc', response_mode: 'form_post', state: 'p' }));
    const form = posted.forms[0]!;
    expect(form.action).toBe('https://app.example.com/signin-oidc');
    expect(form.method).toBe('post');
    expect(Object.fromEntries(form.fields.map((f) => [f.name, f.value]))).toMatchObject({ state: 'p', iss: `${t.publicUrl}/${t.tenantId}/v2.0` });
    expect(form.fields.find((f) => f.name === 'code')?.value).toMatch(/^[\w-]{43}$/);
    expect(form.buttons.map((b) => b.text)).toEqual(['Continue']);
    const csp = String(posted.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("form-action 'self' https://app.example.com");
    expect(posted.html).toContain('<script>document.forms[0].submit();</script>');
  });

  it('returns client_info when asked', async () => {
    const r = redirectOf(await authorize({ redirect_uri: 'http://localhost/callback', client_info: '1' }));
    expect(JSON.parse(Buffer.from(r.params.get('client_info')!, 'base64url').toString())).toEqual({ uid: userId, utid: t.tenantId });
    expect([...r.params.keys()]).toEqual(['code', 'client_info', 'iss']);
  });

  it('stores the PKCE challenge and nonce with the code', async () => {
    const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
    const r = redirectOf(await authorize({ redirect_uri: 'http://localhost/callback', code_challenge: challenge, code_challenge_method: 'S256', nonce: 'n-1' }));
    const plain = redirectOf(await authorize({ redirect_uri: 'http://localhost/callback', code_challenge: 'a'.repeat(50) }));
    const grants = await Promise.all([r, plain].map((x) => t.directory.authorizationCodes.redeem(x.params.get('code')!)));
    expect(grants[0]!.status === 'ok' && grants[0]!.grant).toMatchObject({ codeChallenge: challenge, codeChallengeMethod: 'S256', nonce: 'n-1' });
    expect(grants[1]!.status === 'ok' && grants[1]!.grant).toMatchObject({ codeChallenge: 'a'.repeat(50), codeChallengeMethod: 'plain' });
  });

  it('returns code and id_token together when the app allows ID tokens (hybrid), with nonce and c_hash', async () => {
    const r = redirectOf(await authorize({ redirect_uri: 'https://app.example.com/signin-oidc', response_type: 'code id_token', nonce: 'hy-1' }));
    expect(r.url.hash).not.toBe('');
    const id = decodeJwt(r.params.get('id_token')!).payload;
    expect(id).toMatchObject({ aud: app.appId, nonce: 'hy-1', oid: userId, tid: t.tenantId, iss: `${t.publicUrl}/${t.tenantId}/v2.0` });
    expect(id.c_hash).toMatch(/^[\w-]{22}$/);
    const bad = redirectOf(await authorize({ redirect_uri: 'https://app.example.com/signin-oidc', response_type: 'code id_token', response_mode: 'query', nonce: 'x' }));
    expect(bad.params.get('error_description')).toMatch(/^AADSTS70007:/);
  });

  it('serves v1 with `resource`, and names the v1 issuer', async () => {
    const r = redirectOf(await authorize({ redirect_uri: 'http://localhost/callback', resource: 'https://graph.microsoft.com', scope: '' }, 1));
    expect(r.params.get('iss')).toBe(`${t.publicUrl}/${t.tenantId}/`);
    const grant = await t.directory.authorizationCodes.redeem(r.params.get('code')!);
    expect(grant.status === 'ok' && grant.grant).toMatchObject({ version: 1, resource: 'https://graph.microsoft.com', scope: 'openid' });
  });

  it('accepts the request as a form POST too', async () => {
    const visit = await browser.post(`/${t.tenantId}/oauth2/v2.0/authorize`, Object.entries({
      client_id: app.appId, response_type: 'code', scope: 'openid profile', redirect_uri: 'http://localhost/callback', state: 'posted',
    }));
    expect(redirectOf(visit).params.get('state')).toBe('posted');
  });

  it('serves the path in any letter case and the tenant by domain', async () => {
    const r = redirectOf(await browser.open(`/${t.domain.toUpperCase()}/OAuth2/V2.0/Authorize?${new URLSearchParams({
      client_id: app.appId, response_type: 'code', scope: 'openid', redirect_uri: 'http://localhost/callback',
    })}`));
    expect(r.params.get('iss')).toBe(`${t.publicUrl}/${t.tenantId}/v2.0`);
    const grant = await t.directory.authorizationCodes.redeem(r.params.get('code')!);
    expect(grant.status === 'ok' && grant.grant.tenantSegment).toBe(t.domain.toUpperCase());
  });
});
