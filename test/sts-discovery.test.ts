import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/server.js';
import { expectStsError } from './support/sts.js';

describe('STS discovery, keys and instance discovery', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await buildTestApp();
    base = t.publicUrl;
  });
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('serves the v2 document by tenant GUID with GUID links and the v2 issuer', async () => {
    const res = await get(`/${t.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('max-age=86400, private');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const doc = res.json();
    expect(Object.keys(doc).slice(0, 4)).toEqual(['token_endpoint', 'token_endpoint_auth_methods_supported', 'jwks_uri', 'response_modes_supported']);
    expect(doc).toMatchObject({
      issuer: `${base}/${t.tenantId}/v2.0`,
      token_endpoint: `${base}/${t.tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/${t.tenantId}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/${t.tenantId}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/${t.tenantId}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/${t.tenantId}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      request_uri_parameter_supported: false,
      tenant_region_scope: 'WW',
    });
  });

  it('serves the v1 document with the trailing-slash issuer and the common key set', async () => {
    const doc = (await get(`/${t.tenantId}/.well-known/openid-configuration`)).json();
    expect(doc).toMatchObject({
      issuer: `${base}/${t.tenantId}/`,
      token_endpoint: `${base}/${t.tenantId}/oauth2/token`,
      authorization_endpoint: `${base}/${t.tenantId}/oauth2/authorize`,
      jwks_uri: `${base}/common/discovery/keys`,
      microsoft_multi_refresh_token: true,
      scopes_supported: ['openid'],
    });
  });

  it('answers a domain in UPPER case and mixed-case static parts with GUID links', async () => {
    const res = await get(`/${t.domain.toUpperCase()}/V2.0/.Well-Known/OpenID-Configuration`);
    expect(res.statusCode).toBe(200);
    expect(res.json().issuer).toBe(`${base}/${t.tenantId}/v2.0`);
    expect(res.json().token_endpoint).toBe(`${base}/${t.tenantId}/oauth2/v2.0/token`);
    const v1 = await get(`/${t.domain.toUpperCase()}/.well-known/openid-configuration`);
    expect(v1.json().issuer).toBe(`${base}/${t.tenantId}/`);
  });

  it('keeps common and organizations in links and templates the issuer', async () => {
    for (const alias of ['common', 'organizations', 'Common']) {
      const doc = (await get(`/${alias}/v2.0/.well-known/openid-configuration`)).json();
      const segment = alias.toLowerCase();
      expect(doc.issuer).toBe(`${base}/{tenantid}/v2.0`);
      expect(doc.token_endpoint).toBe(`${base}/${segment}/oauth2/v2.0/token`);
      expect(doc.jwks_uri).toBe(`${base}/${segment}/discovery/v2.0/keys`);
      expect(doc.tenant_region_scope).toBeNull();
    }
    expect((await get('/organizations/.well-known/openid-configuration')).json().issuer).toBe(`${base}/{tenantid}/`);
  });

  it('answers an unknown tenant with AADSTS90002 for discovery and keys', async () => {
    for (const url of ['/nope.example/v2.0/.well-known/openid-configuration', '/00000000-0000-0000-0000-000000000001/.well-known/openid-configuration',
      '/nope.example/discovery/v2.0/keys', '/consumers/discovery/keys']) {
      const body = expectStsError(await get(url), 400, 'invalid_tenant', 90002);
      expect(body.error_description).toMatch(/^AADSTS90002: Tenant '.+' not found\./);
    }
  });

  it('publishes the signing keys: kid = x5t, x5c, and an issuer on v2 keys', async () => {
    const ring = await t.directory.signingKeys.keyRing();
    const v2 = (await get(`/${t.tenantId}/discovery/v2.0/keys`)).json();
    expect(v2.keys).toHaveLength(ring.published.length);
    const [key] = v2.keys;
    expect(key).toMatchObject({ kty: 'RSA', use: 'sig', kid: ring.active.kid, x5t: ring.active.kid, e: 'AQAB', issuer: `${base}/${t.tenantId}/v2.0` });
    expect(key.x5c[0]).toMatch(/^MII/);
    const common = (await get('/common/discovery/v2.0/keys')).json();
    expect(common.keys[0].issuer).toBe(`${base}/{tenantid}/v2.0`);
    for (const url of ['/common/discovery/keys', `/${t.tenantId}/discovery/keys`, `/${t.domain}/Discovery/Keys`]) {
      const v1 = await get(url);
      expect(v1.statusCode).toBe(200);
      expect(v1.json().keys[0]).not.toHaveProperty('issuer');
      expect(v1.json().keys[0].kid).toBe(ring.active.kid);
    }
  });

  it('answers CORS preflight on metadata', async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: `/${t.tenantId}/v2.0/.well-known/openid-configuration` });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-methods']).toBe('GET, OPTIONS');
  });

  it('serves instance discovery naming this host', async () => {
    const host = new URL(base).host;
    const authorize = encodeURIComponent(`${base}/${t.tenantId}/oauth2/v2.0/authorize`);
    const res = await get(`/common/discovery/instance?api-version=1.1&authorization_endpoint=${authorize}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      tenant_discovery_endpoint: `${base}/${t.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
    const other = encodeURIComponent('https://login.microsoftonline.com/common/oauth2/v2.0/authorize');
    expectStsError(await get(`/common/discovery/instance?api-version=1.1&authorization_endpoint=${other}`), 400, 'invalid_instance', 50049);
    expectStsError(await get('/common/discovery/instance?api-version=1.1'), 400, 'invalid_request', 90014);
  });
});
