/** Hostile and malformed input: always a 4xx in the AADSTS family, never a 5xx, and nothing stored changes. */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from './support/server.js';
import { CLI_CLIENT_ID, createConfidentialClient, postToken, type TestClient } from './support/sts.js';

const TABLES = ['tenants', 'tenant_domains', 'applications', 'password_credentials', 'service_principals', 'users',
  'app_role_assignments', 'oauth2_permission_grants', 'refresh_tokens', 'signing_keys'] as const;

const HOSTILE = [
  "' OR '1'='1", "'; DROP TABLE users; --", '<script>alert(1)</script>', '../../etc/passwd', '\u0000\u202e', '%00',
  '00000000-0000-0000-0000-00000000000g', '{{7*7}}', '${jndi:ldap://x}', 'x'.repeat(5000),
];

function expectAadsts4xx(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, res.body).toBeLessThan(500);
  const body = res.json();
  expect(body.error_description, res.body).toMatch(/^AADSTS\d+: /);
  expect(body.error_codes).toHaveLength(1);
  expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
}

describe('STS under bad input', () => {
  let t: TestApp;
  let c: TestClient;
  let before: Record<string, unknown[]>;
  const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (name) =>
    [name, await t.store.db.selectFrom(name).selectAll().execute()] as const)));

  beforeAll(async () => {
    t = await buildTestApp();
    c = await createConfidentialClient(t);
    before = await snapshot();
  });
  afterAll(async () => {
    // Nothing any of these requests did may have written anything.
    expect(await snapshot()).toEqual(before);
    await t?.close();
  });

  const url = () => `/${t.tenantId}/oauth2/v2.0/token`;

  it('a 10 MB body is refused with 413 in the AADSTS family', async () => {
    const payload = `grant_type=client_credentials&junk=${'a'.repeat(10 * 1024 * 1024)}`;
    const res = await t.app.inject({ method: 'POST', url: url(), payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(413);
    expectAadsts4xx(res);
  });

  it('wrong or missing content types and unreadable bodies are 400 AADSTS900144', async () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: c.appId, client_secret: c.secret, scope: `${t.fhirUrl}/.default` }).toString();
    for (const [type, payload] of [
      ['text/plain', form], ['multipart/form-data; boundary=x', form], ['application/xml', '<a/>'], ['application/json', '{not json'],
      ['application/json', '[1,2]'], ['application/json', 'null'], ['application/octet-stream', Buffer.from([0, 1, 2])],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: url(), payload, headers: { 'content-type': type } });
      expectAadsts4xx(res);
      expect(res.json().error_codes, `${type}: ${res.body}`).toEqual([900144]);
    }
    const none = await t.app.inject({ method: 'POST', url: url() });
    expectAadsts4xx(none);
  });

  it('SQL, script and junk in every parameter are ordinary 4xx answers', async () => {
    for (const evil of HOSTILE) {
      for (const params of <Record<string, string>[]>[
        { grant_type: evil },
        { grant_type: 'client_credentials', client_id: evil, client_secret: evil, scope: evil },
        // (A wrong secret for a real client is throttled after five tries; test/sts-throttle.test.ts covers that.)
        { grant_type: 'client_credentials', client_id: c.appId, client_secret: c.secret, scope: `${evil}/.default` },
        { grant_type: 'client_credentials', client_id: c.appId, client_secret: c.secret, resource: evil },
        { grant_type: 'password', client_id: CLI_CLIENT_ID, username: evil, password: evil, scope: 'User.Read' },
        { grant_type: 'password', client_id: CLI_CLIENT_ID, username: 'admin@entrada.test', password: ADMIN_PASSWORD, scope: evil },
        { grant_type: 'refresh_token', client_id: CLI_CLIENT_ID, refresh_token: evil, scope: evil },
      ]) {
        const res = await postToken(t, params, { version: params.resource ? 1 : 2 });
        expectAadsts4xx(res);
      }
    }
  });

  it('hostile tenant segments and Basic headers are 4xx', async () => {
    for (const evil of HOSTILE.slice(0, 8)) {
      const tenant = encodeURIComponent(evil);
      expectAadsts4xx(await postToken(t, { grant_type: 'client_credentials' }, { tenant }));
      expectAadsts4xx(await t.app.inject({ method: 'GET', url: `/${tenant}/v2.0/.well-known/openid-configuration` }));
      expectAadsts4xx(await postToken(t, { grant_type: 'client_credentials', scope: `${t.fhirUrl}/.default` },
        { headers: { authorization: `Basic ${Buffer.from(evil).toString('base64')}` } }));
    }
    expectAadsts4xx(await postToken(t, { grant_type: 'client_credentials' }, { headers: { authorization: 'Basic %%%' } }));
    expectAadsts4xx(await postToken(t, { grant_type: 'client_credentials', scope: `${t.fhirUrl}/.default` },
      { headers: { authorization: `Basic ${Buffer.from('%zz:%zz').toString('base64')}` } }));
  });

  it('invalid GUIDs anywhere are 4xx', async () => {
    for (const id of ['00000000-0000-0000-0000-00000000000g', '{00000000-0000-0000-0000-000000000000}', '0', '']) {
      expectAadsts4xx(await postToken(t, { grant_type: 'client_credentials', client_id: id, client_secret: 'x', scope: `${id}/.default` }));
      expectAadsts4xx(await postToken(t, { grant_type: 'client_credentials', client_id: c.appId, client_secret: c.secret, scope: `${id}/.default` }));
    }
  });
});
