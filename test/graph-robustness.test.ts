/**
 * Hostile and broken input to Graph: every answer is a 4xx in Graph's error shape, never a 5xx, and a request
 * that fails leaves the directory exactly as it was.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { userToken } from './support/tokens.js';

describe('Graph robustness', () => {
  let t: TestApp;
  let admin: GraphClient;
  let app: Record<string, any>;
  let before: string;

  /** Every application (with its credentials) and service principal of the tenant: the "nothing changed" witness. */
  const snapshot = async () => JSON.stringify([
    (await t.directory.applications.list(t.tenantId, { top: 999 })).items,
    (await t.directory.servicePrincipals.list(t.tenantId, { top: 999 })).items,
  ]);
  const raw = (method: 'POST' | 'PATCH', path: string, payload: string | Buffer, contentType?: string): Promise<LightMyRequestResponse> =>
    admin.request(method, path, { payload: payload as string, headers: contentType ? { 'content-type': contentType } : {} });

  beforeAll(async () => {
    t = await buildTestApp();
    admin = graphClient(t, await userToken(t));
    app = (await admin.post('/applications', { displayName: 'Target', identifierUris: [`api://${t.tenantId}/target`] })).json();
  });
  beforeAll(async () => {
    before = await snapshot();
  });
  afterEach(async () => {
    expect(await snapshot()).toBe(before);
  });
  afterAll(async () => t?.close());

  it('refuses a body that is not JSON, or not an object', async () => {
    const unreadable = 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';
    expectGraphError(await raw('POST', '/applications', '{"displayName":', 'application/json'), 400, 'BadRequest', unreadable);
    expectGraphError(await raw('POST', '/applications', 'displayName=Form', 'application/x-www-form-urlencoded'), 415, 'BadRequest', unreadable);
    expectGraphError(await raw('POST', '/applications', 'displayName', 'text/plain'), 415, 'BadRequest');
    expectGraphError(await raw('POST', '/applications', '{"displayName":"x"}'), 415, 'BadRequest');
    expectGraphError(await raw('PATCH', `/applications/${app.id}`, '{"displayName":"x","__proto__":{"isAdmin":true}}', 'application/json'), 400, 'BadRequest');
    for (const body of ['[]', '"text"', 'null', '42']) {
      expectGraphError(await raw('POST', '/applications', body, 'application/json'), 400, 'Request_BadRequest');
      expectGraphError(await raw('PATCH', `/applications/${app.id}`, body, 'application/json'), 400, 'Request_BadRequest');
    }
  });

  it('refuses a 10 MB body with 413', async () => {
    const huge = JSON.stringify({ displayName: 'Huge', notes: 'x'.repeat(10 * 1024 * 1024) });
    expectGraphError(await raw('POST', '/applications', huge, 'application/json'), 413, 'BadRequest', 'Maximum request length exceeded.');
    expectGraphError(await raw('PATCH', `/applications/${app.id}`, huge, 'application/json'), 413, 'BadRequest');
  });

  it('refuses identifiers that are not GUIDs', async () => {
    for (const path of ['/applications/123', "/applications/1' OR '1'='1", '/servicePrincipals/not-a-guid', "/applications(appId='nope')",
      `/servicePrincipals(appId='x')/appRoleAssignedTo`, '/applications/../servicePrincipals/zzz', '/organization/abc']) {
      expectGraphError(await admin.get(path), 400, 'Request_BadRequest', /^Invalid object identifier '.*'\.$/);
    }
    expectGraphError(await admin.patch('/applications/%20', { displayName: 'x' }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post('/applications/not-a-guid/addPassword', {}), 400, 'Request_BadRequest', "Invalid object identifier 'not-a-guid'.");
    expectGraphError(await admin.get(`/applications/${crypto.randomUUID()}`), 404, 'Request_ResourceNotFound');
  });

  it('refuses unknown, read-only and ill-typed properties with the directory message', async () => {
    expectGraphError(await admin.post('/applications', { displayName: 'x', favouriteColour: 'blue' }), 400, 'Request_BadRequest',
      "Property 'favouriteColour' does not exist on type 'microsoft.graph.application'.");
    // Prototype-poisoning shapes never reach the directory: the JSON reader refuses them.
    expectGraphError(await admin.patch(`/applications/${app.id}`, { constructor: { prototype: {} } }), 400, 'BadRequest');
    expectGraphError(await admin.patch(`/applications/${app.id}`, { constructor: 'x' }), 400, 'Request_BadRequest');
    expectGraphError(await admin.patch(`/applications/${app.id}`, { appId: crypto.randomUUID() }), 400, 'Request_BadRequest',
      "Property 'appId' is read-only and cannot be set.");
    expectGraphError(await admin.patch(`/applications/${app.id}`, { displayName: 'Valid', signInAudience: 'Everyone' }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post('/applications', { displayName: 42 }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post('/applications', { displayName: 'x'.repeat(121) }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post('/applications', {}), 400, 'Request_BadRequest');
    expectGraphError(await admin.post('/applications', { displayName: 'Deep', tags: JSON.parse('['.repeat(500) + ']'.repeat(500)) }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post('/applications', { displayName: 'Evil redirect', web: { redirectUris: ['javascript:alert(1)'] } }), 400, 'Request_BadRequest');
  });

  it('refuses broken bodies on service principals, assignments and credential actions', async () => {
    const graphSp = (await admin.get("/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')")).json();
    expectGraphError(await raw('POST', '/servicePrincipals', '[1]', 'application/json'), 400, 'Request_BadRequest');
    expectGraphError(await raw('POST', '/servicePrincipals', `appId=${app.appId}`, 'application/x-www-form-urlencoded'), 415, 'BadRequest');
    expectGraphError(await admin.post(`/servicePrincipals/${graphSp.id}/appRoleAssignedTo`, { principalId: 'x', appRoleId: 'y' }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post(`/servicePrincipals/${graphSp.id}/appRoleAssignedTo`, { principalId: crypto.randomUUID(), appRoleId: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9' }), 404, 'Request_ResourceNotFound');
    expectGraphError(await admin.delete(`/servicePrincipals/${graphSp.id}/appRoleAssignedTo/not-a-guid`), 404, 'Request_ResourceNotFound');
    expectGraphError(await admin.post(`/applications/${app.id}/removePassword`, { keyId: { $ne: null } }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post(`/applications/${app.id}/addPassword`, { passwordCredential: 'weak' }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post(`/applications/${app.id}/addPassword`, { passwordCredential: { displayName: 'x'.repeat(300) } }), 400, 'Request_BadRequest');
  });

  it('answers a duplicate identifier URI as a property conflict and stores nothing', async () => {
    const res = await admin.post('/applications', { displayName: 'Duplicate URI', identifierUris: [`api://${t.tenantId}/target`] });
    const error = expectGraphError(res, 400, 'Request_BadRequest', 'Another object with the same value for property identifierUris already exists.');
    expect(error.details).toEqual([{ code: 'ObjectConflict', target: 'identifierUris' }]);
  });

  describe('input that is valid but hostile-looking', () => {
    afterEach(async () => {
      // These requests succeed by design; undo them so the tenant-wide "unchanged" check still holds.
      for (const a of (await t.directory.applications.list(t.tenantId, { top: 999 })).items) {
        if (a.id !== app.id) await t.directory.applications.delete(t.tenantId, a.id);
      }
      await t.directory.applications.update(t.tenantId, app.id, { displayName: 'Target' });
    });

    it('stores SQL and script text in displayName as plain text', async () => {
      const names = ["Robert'); DROP TABLE applications;--", '<script>alert(1)</script>', '%_\\\'"; --', 'Ünïcødé 🚀 עברית'];
      for (const displayName of names) {
        const created = await admin.post('/applications', { displayName });
        expect(created.statusCode).toBe(201);
        expect(created.json().displayName).toBe(displayName);
        const filter = encodeURIComponent(`displayName eq '${displayName.replace(/'/g, "''")}'`);
        const found = (await admin.get(`/applications?$filter=${filter}`)).json().value;
        expect(found.map((a: any) => a.id)).toEqual([created.json().id]);
      }
      expect((await t.directory.applications.list(t.tenantId, { top: 999 })).items).toHaveLength(names.length + 1);
    });

    it('takes the last of duplicate JSON keys, as JSON.parse does', async () => {
      const res = await raw('PATCH', `/applications/${app.id}`, '{"displayName":"First","displayName":"Second"}', 'application/json');
      expect(res.statusCode).toBe(204);
      expect((await admin.get(`/applications/${app.id}`)).json().displayName).toBe('Second');
    });

    it('treats an empty JSON body as no body', async () => {
      expect((await raw('PATCH', `/applications/${app.id}`, '', 'application/json')).statusCode).toBe(204);
      const made = await raw('POST', `/applications/${app.id}/addPassword`, '', 'application/json');
      expect(made.statusCode).toBe(200);
      await t.directory.passwordCredentials.remove(t.tenantId, app.id, made.json().keyId);
    });
  });
});
