import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/server.js';
import {
  CLI_CLIENT_ID, createApi, createConfidentialClient, decodeJwt, expectStsError, grantGraphRole, postToken, type TestClient,
} from './support/sts.js';

const GRAPH_APPLICATION_READ_ALL = '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30';

describe('token endpoint: client credentials', () => {
  let t: TestApp;
  let c: TestClient;
  let fhirScope: string;
  beforeAll(async () => {
    t = await buildTestApp();
    c = await createConfidentialClient(t);
    fhirScope = `${t.fhirUrl}/.default`;
  });
  afterAll(async () => t?.close());

  const cc = (extra: Record<string, string> = {}) => ({ grant_type: 'client_credentials', client_id: c.appId, client_secret: c.secret, scope: fhirScope, ...extra });

  it('issues a v1 FHIR token on the v2 endpoint with Entra\'s response shape and headers', async () => {
    const res = await postToken(t, cc());
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store, no-cache');
    expect(res.headers.pragma).toBe('no-cache');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['token_type', 'expires_in', 'ext_expires_in', 'access_token']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    const { header, payload } = decodeJwt(body.access_token);
    const ring = await t.directory.signingKeys.keyRing();
    expect(header).toEqual({ typ: 'JWT', alg: 'RS256', x5t: ring.active.kid, kid: ring.active.kid });
    expect(payload).toMatchObject({
      aud: t.fhirUrl, iss: `${t.publicUrl}/${t.tenantId}/`, idp: `${t.publicUrl}/${t.tenantId}/`, appid: c.appId, appidacr: '1',
      oid: c.spId, sub: c.spId, tid: t.tenantId, ver: '1.0', idtyp: 'app',
    });
    expect(payload).not.toHaveProperty('roles');
    expect(payload.exp - payload.iat).toBeGreaterThanOrEqual(3599);
    for (const k of ['aio', 'rh', 'uti']) expect(typeof payload[k]).toBe('string');
  });

  it('takes `resource=` and any-case grant_type on the v1 endpoint and answers with strings', async () => {
    const res = await postToken(t, { grant_type: 'Client_Credentials', client_id: c.appId, client_secret: c.secret, resource: t.fhirUrl }, { version: 1 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['token_type', 'expires_in', 'ext_expires_in', 'expires_on', 'not_before', 'resource', 'access_token']);
    expect(body).toMatchObject({ expires_in: '3599', ext_expires_in: '3599', resource: t.fhirUrl });
    const payload = decodeJwt(body.access_token).payload;
    expect(body.expires_on).toBe(String(payload.exp));
    expect(body.not_before).toBe(String(payload.nbf));
    expect(payload.aud).toBe(t.fhirUrl);
  });

  it('puts the assigned app roles in `roles` (Graph, requested by URI)', async () => {
    const graphClient = await createConfidentialClient(t);
    await grantGraphRole(t, graphClient.spId, GRAPH_APPLICATION_READ_ALL);
    const res = await postToken(t, { grant_type: 'client_credentials', client_id: graphClient.appId, client_secret: graphClient.secret, scope: 'https://graph.microsoft.com/.default' });
    expect(decodeJwt(res.json().access_token).payload).toMatchObject({ aud: 'https://graph.microsoft.com', roles: ['Application.Read.All'] });
  });

  it('issues v2 tokens for a resource that asks for them: aud = appId, azp/azpacr, kid only', async () => {
    const api = await createApi(t, { tokenVersion: 2 });
    await t.directory.appRoleAssignments.create(t.tenantId, { principalId: c.spId, resourceId: api.spId, appRoleId: api.roleId });
    const res = await postToken(t, cc({ scope: `${api.uri}/.default` }));
    const { header, payload } = decodeJwt(res.json().access_token);
    expect(header).not.toHaveProperty('x5t');
    expect(payload).toMatchObject({ aud: api.appId, iss: `${t.publicUrl}/${t.tenantId}/v2.0`, azp: c.appId, azpacr: '1', ver: '2.0', roles: ['Data.Read'] });
    expect(payload).not.toHaveProperty('appid');
    // By appId too.
    expect((await postToken(t, cc({ scope: `${api.appId}/.default` }))).statusCode).toBe(200);
  });

  it('accepts HTTP Basic client authentication with url-encoded id and secret', async () => {
    const basic = Buffer.from(`${encodeURIComponent(c.appId)}:${encodeURIComponent(c.secret)}`).toString('base64');
    const res = await postToken(t, { grant_type: 'client_credentials', scope: fhirScope }, { headers: { authorization: `Basic ${basic}` } });
    expect(res.statusCode).toBe(200);
    // Same client_id in the body as well is fine.
    expect((await postToken(t, { grant_type: 'client_credentials', scope: fhirScope, client_id: c.appId }, { headers: { authorization: `Basic ${basic}` } })).statusCode).toBe(200);
    const other = Buffer.from(`${crypto.randomUUID()}:${encodeURIComponent(c.secret)}`).toString('base64');
    expectStsError(await postToken(t, { grant_type: 'client_credentials', scope: fhirScope, client_id: c.appId }, { headers: { authorization: `Basic ${other}` } }),
      400, 'invalid_request', 90023);
    const secretMismatch = Buffer.from(`${c.appId}:${encodeURIComponent(c.secret)}`).toString('base64');
    expectStsError(await postToken(t, { grant_type: 'client_credentials', scope: fhirScope, client_secret: 'other' }, { headers: { authorization: `Basic ${secretMismatch}` } }),
      400, 'invalid_request', 90023);
    expectStsError(await postToken(t, cc({ client_assertion: 'a.b.c', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' })),
      400, 'invalid_request', 90023);
    const wrong = Buffer.from(`${c.appId}:nope`).toString('base64');
    expectStsError(await postToken(t, { grant_type: 'client_credentials', scope: fhirScope }, { headers: { authorization: `Basic ${wrong}` } }),
      401, 'invalid_client', 7000215);
  });

  it('echoes client-request-id as correlation_id (header, body or query) and shapes errors as Entra', async () => {
    // Its own client, so these failures do not count towards c's secret-guessing throttle.
    const c = await createConfidentialClient(t);
    const cc = (extra: Record<string, string> = {}) => ({ grant_type: 'client_credentials', client_id: c.appId, client_secret: c.secret, scope: fhirScope, ...extra });
    const id = crypto.randomUUID();
    const body = expectStsError(await postToken(t, cc({ client_secret: 'wrong' }), { headers: { 'client-request-id': id } }), 401, 'invalid_client', 7000215);
    expect(Object.keys(body)).toEqual(['error', 'error_description', 'error_codes', 'timestamp', 'trace_id', 'correlation_id', 'error_uri']);
    expect(body.correlation_id).toBe(id);
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(body.error_uri).toBe(`${t.publicUrl}/error?code=7000215`);
    expect(body.error_description).toBe(`AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${c.appId}'.\r\nTrace ID: ${body.trace_id}\r\nCorrelation ID: ${id}\r\nTimestamp: ${body.timestamp}`);
    const fromBody = expectStsError(await postToken(t, cc({ client_secret: 'wrong', 'client-request-id': 'abc' })), 401, 'invalid_client', 7000215);
    expect(fromBody.correlation_id).toBe('abc');
    const fromQuery = expectStsError(await postToken(t, cc({ client_secret: 'wrong' }), { path: `/${t.tenantId}/oauth2/v2.0/token?client-request-id=q1` }), 401, 'invalid_client', 7000215);
    expect(fromQuery.correlation_id).toBe('q1');
  });

  describe('AADSTS errors', () => {
    it('90002 unknown tenant', async () => {
      expectStsError(await postToken(t, cc(), { tenant: 'unknown.example' }), 400, 'invalid_request', 90002);
      expectStsError(await postToken(t, cc(), { tenant: crypto.randomUUID() }), 400, 'invalid_request', 90002);
    });
    it('900561 GET on the token endpoint', async () => {
      expectStsError(await t.app.inject({ method: 'GET', url: `/${t.tenantId}/oauth2/v2.0/token?grant_type=client_credentials` }), 400, 'invalid_request', 900561);
      expectStsError(await t.app.inject({ method: 'GET', url: `/${t.tenantId}/oauth2/token` }), 400, 'invalid_request', 900561);
    });
    it('900144 JSON body, query-string parameters, missing grant_type', async () => {
      const json = await t.app.inject({ method: 'POST', url: `/${t.tenantId}/oauth2/v2.0/token`, payload: cc() });
      expect(expectStsError(json, 400, 'invalid_request', 900144).error_description).toMatch(/^AADSTS900144: The request body must contain the following parameter: 'grant_type'\./);
      const query = new URLSearchParams(cc()).toString();
      expectStsError(await t.app.inject({ method: 'POST', url: `/${t.tenantId}/oauth2/v2.0/token?${query}` }), 400, 'invalid_request', 900144);
      expectStsError(await postToken(t, { client_id: c.appId }), 400, 'invalid_request', 900144);
    });
    it('900144 missing client_id, scope (v2) and resource (v1)', async () => {
      expect(expectStsError(await postToken(t, { grant_type: 'client_credentials', scope: fhirScope }), 400, 'invalid_request', 900144).error_description).toContain("'client_id'");
      expect(expectStsError(await postToken(t, cc({ scope: '' })), 400, 'invalid_request', 900144).error_description).toContain("'scope'");
      expect(expectStsError(await postToken(t, cc({ scope: '' }), { version: 1 }), 400, 'invalid_request', 900144).error_description).toContain("'resource'");
    });
    it('9000411 duplicated parameter', async () => {
      const payload = `${new URLSearchParams(cc()).toString()}&scope=${encodeURIComponent(fhirScope)}`;
      const res = await t.app.inject({ method: 'POST', url: `/${t.tenantId}/oauth2/v2.0/token`, payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(expectStsError(res, 400, 'invalid_request', 9000411).error_description).toContain("The parameter 'scope' is duplicated.");
    });
    it('70003 unsupported grant type', async () => {
      expectStsError(await postToken(t, cc({ grant_type: 'magic' })), 400, 'unsupported_grant_type', 70003);
    });
    it('9001023 client credentials on common and organizations', async () => {
      expectStsError(await postToken(t, cc(), { tenant: 'common' }), 400, 'invalid_request', 9001023);
      expectStsError(await postToken(t, cc(), { tenant: 'organizations' }), 400, 'invalid_request', 9001023);
    });
    it('700016 unknown or non-GUID client_id', async () => {
      expectStsError(await postToken(t, cc({ client_id: crypto.randomUUID() })), 400, 'unauthorized_client', 700016);
      expectStsError(await postToken(t, cc({ client_id: 'not-a-guid' })), 400, 'unauthorized_client', 700016);
    });
    it('7000229 app without a service principal', async () => {
      const noSp = await createConfidentialClient(t, {}, false);
      const body = expectStsError(await postToken(t, cc({ client_id: noSp.appId, client_secret: noSp.secret })), 400, 'invalid_client', 7000229);
      expect(body.error_description).toContain(`The client application ${noSp.appId} is missing service principal in the tenant ${t.tenantId}.`);
    });
    it('7000112 disabled service principal', async () => {
      const app = await t.directory.applications.create(t.tenantId, { displayName: 'disabled' });
      const secret = (await t.directory.passwordCredentials.add(t.tenantId, app.id, {})).secretText!;
      await t.directory.servicePrincipals.create(t.tenantId, { appId: app.appId, accountEnabled: false });
      expectStsError(await postToken(t, cc({ client_id: app.appId, client_secret: secret })), 400, 'unauthorized_client', 7000112);
    });
    it('7000215 wrong secret, 7000218 no secret, 7000222 expired secret', async () => {
      expectStsError(await postToken(t, cc({ client_secret: 'x'.repeat(40) })), 401, 'invalid_client', 7000215);
      const { client_secret: _omit, ...noSecret } = cc();
      expectStsError(await postToken(t, noSecret), 401, 'invalid_client', 7000218);
      const expired = await t.directory.passwordCredentials.add(t.tenantId, c.objectId, {
        startDateTime: '2020-01-01T00:00:00Z', endDateTime: '2021-01-01T00:00:00Z',
      });
      expectStsError(await postToken(t, cc({ client_secret: expired.secretText! })), 401, 'invalid_client', 7000222);
      // A secret that has not started yet is answered like an expired one (see sts-secret-lifecycle.test.ts).
      const future = await t.directory.passwordCredentials.add(t.tenantId, c.objectId, { startDateTime: '2999-01-01T00:00:00Z', endDateTime: '2999-06-01T00:00:00Z' });
      expectStsError(await postToken(t, cc({ client_secret: future.secretText! })), 401, 'invalid_client', 7000222);
      // The current secret still works beside them.
      expect((await postToken(t, cc())).statusCode).toBe(200);
    });
    it('7000218 public client (no secret) asking for client credentials', async () => {
      expectStsError(await postToken(t, { grant_type: 'client_credentials', client_id: CLI_CLIENT_ID, scope: fhirScope }), 401, 'invalid_client', 7000218);
    });
    it('50027 a client assertion that is not a JWT (the certificate cases are in sts-certificate-errors.test.ts)', async () => {
      const { client_secret: _omit, ...noSecret } = cc();
      const res = await postToken(t, { ...noSecret, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: 'a.b.c' });
      expect(expectStsError(res, 400, 'invalid_request', 50027).error_description).toContain('JWT token is invalid or malformed.');
    });
    it('1002012 scope without /.default, 70011 several scopes', async () => {
      expectStsError(await postToken(t, cc({ scope: `${t.fhirUrl}/user_impersonation` })), 400, 'invalid_scope', 1002012);
      expectStsError(await postToken(t, cc({ scope: 'User.Read' })), 400, 'invalid_scope', 1002012);
      expectStsError(await postToken(t, cc({ scope: `${fhirScope} https://graph.microsoft.com/.default` })), 400, 'invalid_scope', 70011);
    });
    it('500011 unknown resource', async () => {
      const body = expectStsError(await postToken(t, cc({ scope: 'https://nowhere.example/.default' })), 400, 'invalid_resource', 500011);
      expect(body.error_description).toContain('The resource principal named https://nowhere.example was not found');
      expectStsError(await postToken(t, cc({ resource: 'api://nothing' }), { version: 1 }), 400, 'invalid_resource', 500011);
    });
    it('90009 an app asking for itself by its App ID URI (by appId is fine)', async () => {
      const uri = `api://self-${crypto.randomUUID()}`;
      const self = await createConfidentialClient(t, { identifierUris: [uri] });
      expectStsError(await postToken(t, { grant_type: 'client_credentials', client_id: self.appId, client_secret: self.secret, scope: `${uri}/.default` }),
        400, 'invalid_request', 90009);
      const ok = await postToken(t, { grant_type: 'client_credentials', client_id: self.appId, client_secret: self.secret, scope: `${self.appId}/.default` });
      expect(ok.statusCode).toBe(200);
      expect(decodeJwt(ok.json().access_token).payload.aud).toBe(self.appId);
    });
    it('501051 resource requires an app role assignment the client lacks', async () => {
      const api = await createApi(t, { spProps: { appRoleAssignmentRequired: true } });
      expectStsError(await postToken(t, cc({ scope: `${api.uri}/.default` })), 400, 'invalid_grant', 501051);
      await t.directory.appRoleAssignments.create(t.tenantId, { principalId: c.spId, resourceId: api.spId, appRoleId: api.roleId });
      expect((await postToken(t, cc({ scope: `${api.uri}/.default` }))).statusCode).toBe(200);
    });
  });
});
