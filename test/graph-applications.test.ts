/** Graph `/applications`: the whole lifecycle, OData query options and password credentials, over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { userToken } from './support/tokens.js';

const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

describe('Graph applications', () => {
  let t: TestApp;
  let admin: GraphClient;
  let root: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = graphClient(t, await userToken(t));
    root = `${t.publicUrl}/v1.0`;
  });
  afterAll(async () => t?.close());

  it('creates, reads, updates and deletes an application', async () => {
    const created = await admin.post('/applications', { displayName: 'Lifecycle app', signInAudience: 'AzureADMyOrg' });
    expect(created.statusCode).toBe(201);
    expect(created.headers['content-type']).toBe(ODATA_JSON);
    expect(created.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const app = created.json();
    expect(created.headers.location).toBe(`${root}/applications/${app.id}`);
    expect(app['@odata.context']).toBe(`${root}/$metadata#applications/$entity`);
    expect(app).toMatchObject({ displayName: 'Lifecycle app', signInAudience: 'AzureADMyOrg', passwordCredentials: [], identifierUris: [] });
    expect(app.appId).toMatch(/^[0-9a-f-]{36}$/);

    // Entra creates no service principal for a Graph-created app.
    const sps = await admin.get(`/servicePrincipals?$filter=appId eq '${app.appId}'`);
    expect(sps.json().value).toEqual([]);

    const byId = await admin.get(`/applications/${app.id}`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual(app);
    const byAppId = await admin.get(`/applications(appId='${app.appId}')`);
    expect(byAppId.json().id).toBe(app.id);
    const upper = await admin.get(`/applications/${app.id.toUpperCase()}`);
    expect(upper.json().id).toBe(app.id);

    const patched = await admin.patch(`/applications/${app.id}`, { displayName: 'Renamed', web: { redirectUris: ['https://app.example.com/cb'] } });
    expect(patched.statusCode).toBe(204);
    expect(patched.body).toBe('');
    const after = (await admin.get(`/applications(appId='${app.appId}')`)).json();
    expect(after).toMatchObject({ displayName: 'Renamed', web: { redirectUris: ['https://app.example.com/cb'] } });

    expect((await admin.delete(`/applications(appId='${app.appId}')`)).statusCode).toBe(204);
    expectGraphError(await admin.get(`/applications/${app.id}`), 404, 'Request_ResourceNotFound',
      `Resource '${app.id}' does not exist or one of its queried reference-property objects are not present.`);
    expectGraphError(await admin.delete(`/applications/${app.id}`), 404, 'Request_ResourceNotFound');
  });

  it('adds a password once and never shows it again', async () => {
    const app = (await admin.post('/applications', { displayName: 'Secret app' })).json();
    const res = await admin.post(`/applications/${app.id}/addPassword`, { passwordCredential: { displayName: 'ci' } });
    expect(res.statusCode).toBe(200);
    const credential = res.json();
    expect(credential['@odata.context']).toBe(`${root}/$metadata#microsoft.graph.passwordCredential`);
    expect(credential.secretText).toHaveLength(40);
    expect(credential.secretText.slice(3, 6)).toBe('8Q~');
    expect(credential.secretText).toMatch(/^[A-Za-z0-9_~.-]+$/);
    expect(credential.hint).toBe(credential.secretText.slice(0, 3));
    expect(credential).toMatchObject({ displayName: 'ci', customKeyIdentifier: null });
    expect(Date.parse(credential.endDateTime) - Date.parse(credential.startDateTime)).toBeGreaterThan(700 * 86400_000);

    const stored = (await admin.get(`/applications/${app.id}`)).json();
    const { '@odata.context': _context, ...shown } = credential;
    expect(stored.passwordCredentials).toEqual([{ ...shown, secretText: null }]);
    const listed = (await admin.get(`/applications?$filter=appId eq '${app.appId}'`)).json();
    expect(JSON.stringify(listed)).not.toContain(credential.secretText);

    // The alternate key works for actions too; removing leaves no credential.
    const second = (await admin.post(`/applications(appId='${app.appId}')/addPassword`, {})).json();
    expect(second.displayName).toBeNull();
    expect((await admin.post(`/applications(appId='${app.appId}')/removePassword`, { keyId: credential.keyId })).statusCode).toBe(204);
    expect((await admin.post(`/applications/${app.id}/removePassword`, { keyId: second.keyId })).statusCode).toBe(204);
    expect((await admin.get(`/applications/${app.id}`)).json().passwordCredentials).toEqual([]);
    expectGraphError(await admin.post(`/applications/${app.id}/removePassword`, { keyId: second.keyId }), 404, 'Request_ResourceNotFound');
    expectGraphError(await admin.post(`/applications/${app.id}/removePassword`, { keyId: 'nope' }), 400, 'Request_BadRequest');
    expectGraphError(await admin.post(`/applications/${app.id}/addPassword`, { passwordCredential: { endDateTime: 'soon' } }), 400, 'Request_BadRequest');
  });

  it('refuses passwordCredentials on create and update, as Graph does', async () => {
    const res = await admin.post('/applications', { displayName: 'x', passwordCredentials: [{ secretText: 'abc' }] });
    expectGraphError(res, 400, 'Request_BadRequest', /addPassword/);
  });

  describe('queries', () => {
    const names = ['Query Alpha', 'Query Beta', "Query O'Brien", 'Query Gamma', 'Other thing'];
    const apps: Record<string, { id: string; appId: string }> = {};

    beforeAll(async () => {
      for (const displayName of names) apps[displayName] = (await admin.post('/applications', { displayName })).json();
    });

    it('filters by appId, displayName and startswith, joined by and', async () => {
      const alpha = apps['Query Alpha']!;
      let res = await admin.get(`/applications?$filter=appId eq '${alpha.appId}'`);
      expect(res.json()).toMatchObject({ '@odata.context': `${root}/$metadata#applications`, value: [{ id: alpha.id }] });
      res = await admin.get(`/applications?$filter=${encodeURIComponent("displayName eq 'Query O''Brien'")}`);
      expect(res.json().value.map((a: any) => a.displayName)).toEqual(["Query O'Brien"]);
      res = await admin.get(`/applications?$filter=startswith(displayName,'Query')`);
      expect(res.json().value.map((a: any) => a.displayName).sort()).toEqual(names.filter((n) => n.startsWith('Query')).sort());
      res = await admin.get(`/applications?$filter=startswith(displayName,'query') and appId eq '${alpha.appId}'`);
      expect(res.json().value.map((a: any) => a.id)).toEqual([alpha.id]);
      res = await admin.get(`/applications?$filter=appId eq '${alpha.appId}' and displayName eq 'Query Beta'`);
      expect(res.json().value).toEqual([]);
      // LIKE wildcards in the prefix are literal text.
      res = await admin.get(`/applications?$filter=${encodeURIComponent("startswith(displayName,'Query%_')")}`);
      expect(res.json().value).toEqual([]);
    });

    it('refuses filters it does not support, with Graph wording', async () => {
      expectGraphError(await admin.get(`/applications?$filter=notes eq 'x'`), 400, 'Request_UnsupportedQuery',
        "Unsupported or invalid query filter clause specified for property 'notes' of resource 'Application'.");
      expectGraphError(await admin.get(`/applications?$filter=displayName ne 'x'`), 400, 'Request_UnsupportedQuery',
        "Unsupported property filter clause operator 'NotEqualsMatch'.");
      expectGraphError(await admin.get(`/applications?$filter=startswith(appId,'1')`), 400, 'Request_UnsupportedQuery');
      expectGraphError(await admin.get(`/applications?$filter=displayName eq 'a' or displayName eq 'b'`), 400, 'Request_UnsupportedQuery');
      expectGraphError(await admin.get(`/applications?$filter=displayName eq 'unterminated`), 400, 'BadRequest');
      expectGraphError(await admin.get('/applications?$orderby=displayName'), 400, 'Request_UnsupportedQuery');
      expectGraphError(await admin.get('/applications?$top=1&$top=2'), 400, 'BadRequest');
    });

    it('selects properties', async () => {
      const res = await admin.get(`/applications?$filter=startswith(displayName,'Query')&$select=displayName,appId`);
      const body = res.json();
      expect(body['@odata.context']).toBe(`${root}/$metadata#applications(displayName,appId)`);
      for (const item of body.value) expect(Object.keys(item)).toEqual(['displayName', 'appId']);
      const one = (await admin.get(`/applications/${apps['Query Beta']!.id}?$select=id,web`)).json();
      expect(one['@odata.context']).toBe(`${root}/$metadata#applications(id,web)/$entity`);
      expect(Object.keys(one)).toEqual(['@odata.context', 'id', 'web']);
      expectGraphError(await admin.get('/applications?$select=displayName,nope'), 400, 'BadRequest',
        "Parsing OData Select and Expand failed: Could not find a property named 'nope' on type 'microsoft.graph.application'.");
    });

    it('pages with $top and a next link that keeps the other options', async () => {
      const seen: string[] = [];
      let url: string | undefined = `/applications?$filter=startswith(displayName,'Query')&$select=displayName&$top=2`;
      let pages = 0;
      while (url) {
        const body: any = (await admin.get(url)).json();
        expect(body.value.length).toBeLessThanOrEqual(2);
        seen.push(...body.value.map((a: any) => a.displayName));
        url = body['@odata.nextLink']?.slice(root.length);
        if (url) expect(url).toMatch(/^\/applications\?\$filter=.*&\$select=displayName&\$top=2&\$skiptoken=/);
        pages++;
      }
      expect(pages).toBe(2);
      expect(seen.sort()).toEqual(names.filter((n) => n.startsWith('Query')).sort());
      expectGraphError(await admin.get('/applications?$top=0'), 400, 'Request_BadRequest', "Invalid page size specified: '0'. Must be between 1 and 999 inclusive.");
      expectGraphError(await admin.get('/applications?$top=1000'), 400, 'Request_BadRequest');
      expectGraphError(await admin.get('/applications?$skiptoken=garbage'), 400, 'Request_BadRequest');
    });

    it('counts with ConsistencyLevel: eventual', async () => {
      const eventual = { consistencylevel: 'eventual' };
      const res = await admin.get(`/applications?$filter=startswith(displayName,'Query')&$count=true&$top=1`, eventual);
      expect(res.json()['@odata.count']).toBe(4);
      expect(res.json().value).toHaveLength(1);
      expectGraphError(await admin.get('/applications?$count=true'), 400, 'Request_BadRequest');

      const raw = await admin.get(`/applications/$count?$filter=startswith(displayName,'Query')`, eventual);
      expect(raw.statusCode).toBe(200);
      expect(raw.headers['content-type']).toMatch(/^text\/plain/);
      expect(raw.body).toBe('4');
      expectGraphError(await admin.get('/applications/$count'), 400, 'Request_UnsupportedQuery', /ConsistencyLevel:eventual/);
    });
  });

  it('answers unknown paths and methods in the Graph error family', async () => {
    expectGraphError(await admin.get('/widgets'), 400, 'BadRequest', "Resource not found for the segment 'widgets'.");
    expectGraphError(await admin.request('PUT', '/applications'), 405, 'Request_BadRequest');
    const app = (await admin.post('/applications', { displayName: 'Methods' })).json();
    expectGraphError(await admin.request('PUT', `/applications/${app.id}`, { body: {} }), 405, 'Request_BadRequest');
    expectGraphError(await admin.get(`/applications/${app.id}/addPassword`), 405, 'Request_BadRequest');
    expectGraphError(await admin.get(`/users(appId='${app.appId}')`), 400, 'BadRequest');
    expectGraphError(await admin.request('OPTIONS', '/applications'), 405, 'Request_BadRequest');
    expect((await admin.request('HEAD', '/applications')).statusCode).toBe(200);
  });

  it('echoes client-request-id', async () => {
    const res = await admin.get('/applications?$top=1', { 'client-request-id': 'my-correlation-1' });
    expect(res.headers['client-request-id']).toBe('my-correlation-1');
    const err = await admin.get('/applications/not-a-guid', { 'client-request-id': 'my-correlation-2' });
    expect(expectGraphError(err, 400, 'Request_BadRequest', "Invalid object identifier 'not-a-guid'.").innerError['client-request-id']).toBe('my-correlation-2');
  });
});
