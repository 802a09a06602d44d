/**
 * Authorize errors: what is not trusted yet (tenant, client, redirect URI) is shown on the error page and never
 * redirected; every other mistake goes back to the app with `error`, `error_description`, `state` and `iss`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizePath, createApp, createUser, newBrowser, signIn, type TestWebApp } from './support/authorize.js';
import { pageOf, redirectOf, type HtmlPage } from './support/browser-less.js';
import { buildTestApp, type TestApp } from './support/server.js';

const REDIRECT = 'http://localhost/callback';

describe('authorize: errors', () => {
  let t: TestApp;
  let app: TestWebApp;
  beforeAll(async () => {
    t = await buildTestApp();
    app = await createApp(t, { web: { redirectUris: ['https://app.example.com/auth'] }, spa: { redirectUris: ['https://spa.example.com/'] } });
    await createUser(t, 'erin');
  });
  afterAll(async () => t?.close());

  const params = (extra: Record<string, string | undefined> = {}) => Object.fromEntries(Object.entries({
    client_id: app.appId, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid profile', state: 'st-1', ...extra,
  }).filter(([, v]) => v !== undefined)) as Record<string, string>;

  /** The STS error page: never a redirect, the code in the text, a correlation id and a timestamp. */
  async function errorPage(path: string, code: number): Promise<HtmlPage> {
    const visit = await newBrowser(t).open(path);
    expect(visit.response.headers.location).toBeUndefined();
    const page = pageOf(visit);
    expect(page.heading).toBe("Sorry, but we're having trouble signing you in.");
    expect(page.text).toContain(`AADSTS${code}:`);
    expect(page.text).toMatch(/Correlation Id [0-9a-f-]{36}/);
    expect(page.text).toMatch(/Timestamp \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ/);
    expect(page.status).toBe(400);
    return page;
  }

  async function appError(path: string, error: string, code: number) {
    const r = redirectOf(await newBrowser(t).open(path));
    expect(r.params.get('error')).toBe(error);
    expect(r.params.get('error_description')).toMatch(new RegExp(`^AADSTS${code}: [\\s\\S]*Trace ID: [\\s\\S]*Correlation ID: [\\s\\S]*Timestamp: `));
    expect(r.params.get('state')).toBe('st-1');
    expect(r.params.get('iss')).toBe(`${t.publicUrl}/${t.tenantId}/v2.0`);
    expect(r.params.get('code')).toBeNull();
    return r;
  }

  it('shows an unknown tenant, a missing or unknown client_id on the error page', async () => {
    await errorPage(authorizePath('no-such-tenant.example', params()), 90002);
    await errorPage(authorizePath(t.tenantId, params({ client_id: undefined })), 900144);
    const page = await errorPage(authorizePath(t.tenantId, params({ client_id: crypto.randomUUID() })), 700016);
    expect(page.text).toContain('was not found in the directory');
    await errorPage(authorizePath(t.tenantId, params({ client_id: 'not-a-guid' })), 700016);
  });

  it('never redirects to an unregistered redirect URI: AADSTS50011 on the page, before any sign-in prompt', async () => {
    const page = await errorPage(authorizePath(t.tenantId, params({ redirect_uri: 'https://evil.example/steal' })), 50011);
    expect(page.text).toContain("The redirect URI 'https://evil.example/steal' specified in the request does not match");
    expect(page.forms).toEqual([]);
    // Even with errors that would otherwise be redirected, and with prompt=none.
    await errorPage(authorizePath(t.tenantId, params({ redirect_uri: 'https://evil.example/', response_type: 'token', prompt: 'none' })), 50011);
  });

  it('matches redirect URIs case-sensitively (path), and refuses malformed ones', async () => {
    await errorPage(authorizePath(t.tenantId, params({ redirect_uri: 'http://localhost/Callback' })), 50011);
    await errorPage(authorizePath(t.tenantId, params({ redirect_uri: 'https://app.example.com/auth/' })), 50011);
    await errorPage(authorizePath(t.tenantId, params({ redirect_uri: 'http://localhost.evil.com/callback' })), 50011);
    await errorPage(authorizePath(t.tenantId, params({ redirect_uri: 'not a uri' })), 90102);
  });

  it('needs redirect_uri when several are registered, and says so when none is', async () => {
    await errorPage(authorizePath(t.tenantId, params({ redirect_uri: undefined })), 900144);
    const bare = await createApp(t, { publicClient: { redirectUris: [] } });
    await errorPage(authorizePath(t.tenantId, params({ client_id: bare.appId, redirect_uri: undefined })), 500113);
  });

  it('refuses a repeated parameter on the page', async () => {
    const path = `${authorizePath(t.tenantId, params())}&redirect_uri=${encodeURIComponent('https://evil.example/')}`;
    await errorPage(path, 9000411);
  });

  it('sends every other mistake back to the app, with state and iss', async () => {
    await appError(authorizePath(t.tenantId, params({ response_type: undefined })), 'invalid_request', 900144);
    await appError(authorizePath(t.tenantId, params({ response_type: 'token' })), 'unsupported_response_type', 70005);
    await appError(authorizePath(t.tenantId, params({ response_type: 'code id_token', response_mode: 'fragment', nonce: 'n' })), 'unsupported_response_type', 700054);
    await appError(authorizePath(t.tenantId, params({ response_mode: 'sideways' })), 'invalid_request', 70007);
    await appError(authorizePath(t.tenantId, params({ prompt: 'maybe' })), 'invalid_request', 90023);
    await appError(authorizePath(t.tenantId, params({ prompt: 'none login' })), 'invalid_request', 90023);
    await appError(authorizePath(t.tenantId, params({ scope: undefined })), 'invalid_request', 900144);
    await appError(authorizePath(t.tenantId, params({ scope: 'api://x/.default api://x/read' })), 'invalid_scope', 70011);
  });

  it('checks PKCE at once: method (50149), size and alphabet (501491), and requires it for SPA redirects (50147)', async () => {
    const good = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
    await appError(authorizePath(t.tenantId, params({ code_challenge: good, code_challenge_method: 'S512' })), 'invalid_request', 50149);
    await appError(authorizePath(t.tenantId, params({ code_challenge: 'short', code_challenge_method: 'S256' })), 'invalid_request', 501491);
    await appError(authorizePath(t.tenantId, params({ code_challenge: `${good}=` , code_challenge_method: 'S256' })), 'invalid_request', 501491);
    await appError(authorizePath(t.tenantId, params({ code_challenge: 'x'.repeat(129) })), 'invalid_request', 501491);
    await appError(authorizePath(t.tenantId, params({ code_challenge: 'has space'.padEnd(50, 'x') })), 'invalid_request', 501491);
    const spa = redirectOf(await newBrowser(t).open(authorizePath(t.tenantId, params({ redirect_uri: 'https://spa.example.com/' }))));
    expect(spa.url.origin + spa.url.pathname).toBe('https://spa.example.com/');
    expect(spa.params.get('error_description')).toMatch(/^AADSTS50147:/);
  });

  it('answers errors after sign-in to the app too (unknown resource, unknown permission)', async () => {
    const b = newBrowser(t);
    const unknownResource = await signIn(b, await b.open(authorizePath(t.tenantId, params({ scope: 'api://nothing-here/read openid' }))), `erin@${t.domain}`);
    const r = redirectOf(unknownResource);
    expect(r.params.get('error')).toBe('invalid_resource');
    expect(r.params.get('error_description')).toMatch(/^AADSTS500011:/);
    const unknownScope = redirectOf(await b.open(authorizePath(t.tenantId, params({ scope: 'User.Fly openid' }))));
    expect(unknownScope.params.get('error')).toBe('invalid_scope');
    expect(unknownScope.params.get('state')).toBe('st-1');
  });
});
