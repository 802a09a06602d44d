/** Every endpoint the discovery documents name is served here (none is a dangling link). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/server.js';

describe('discovery links', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  const path = (url: string) => url.slice(t.publicUrl.length);
  const status = async (method: 'GET' | 'POST', url: string) => (await t.app.inject({ method, url: path(url) })).statusCode;

  it('v2: token, device authorization, keys and userinfo answer at the advertised URLs', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: `/${t.tenantId}/v2.0/.well-known/openid-configuration` })).json();
    expect(doc.userinfo_endpoint).toBe(`${t.publicUrl}/oidc/userinfo`);
    expect(await status('GET', doc.token_endpoint)).toBe(400);
    expect(await status('GET', doc.device_authorization_endpoint)).toBe(400);
    expect(await status('POST', doc.device_authorization_endpoint)).toBe(400);
    expect(await status('GET', doc.jwks_uri)).toBe(200);
    expect(await status('GET', doc.userinfo_endpoint)).toBe(401);
    expect(doc.response_types_supported).toContain('code id_token');
    // As Entra's: no code_challenge_methods_supported (openid-client then leaves PKCE to the app, which still works).
    expect(doc).not.toHaveProperty('code_challenge_methods_supported');
  });

  it('v1: token and userinfo answer at the advertised URLs', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: `/${t.tenantId}/.well-known/openid-configuration` })).json();
    expect(await status('GET', doc.token_endpoint)).toBe(400);
    expect(await status('GET', doc.userinfo_endpoint)).toBe(401);
    expect(await status('POST', doc.userinfo_endpoint)).toBe(401);
    expect(await status('GET', doc.jwks_uri)).toBe(200);
  });
});
