/** Graph `/applications/{id}/federatedIdentityCredentials`: CRUD by id and by name, validation, authorization. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { userToken } from './support/tokens.js';

const GITHUB = 'https://token.actions.githubusercontent.com';
const MAIN = { name: 'main-branch', issuer: GITHUB, subject: 'repo:octo-org/octo-repo:ref:refs/heads/main', description: 'CI on main' };

describe('Graph federatedIdentityCredentials', () => {
  let t: TestApp;
  let admin: GraphClient;
  let root: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = graphClient(t, await userToken(t));
    root = `${t.publicUrl}/v1.0`;
  });
  afterAll(async () => t?.close());

  const newApp = async () => (await admin.post('/applications', { displayName: 'federated app' })).json() as { id: string; appId: string };

  it('creates, lists, reads, updates and deletes, by id and by name', async () => {
    const app = await newApp();
    const base = `/applications/${app.id}/federatedIdentityCredentials`;
    const created = await admin.post(base, MAIN);
    expect(created.statusCode, created.body).toBe(201);
    const fic = created.json();
    expect(fic).toEqual({
      '@odata.context': `${root}/$metadata#applications('${app.id}')/federatedIdentityCredentials/$entity`,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), ...MAIN, audiences: ['api://AzureADTokenExchange'],
    });
    expect(created.headers.location).toBe(`${root}${base}/${fic.id}`);

    const listed = (await admin.get(base)).json();
    expect(listed['@odata.context']).toBe(`${root}/$metadata#applications('${app.id}')/federatedIdentityCredentials`);
    const { '@odata.context': _context, ...plain } = fic;
    expect(listed.value).toEqual([plain]);
    expect((await admin.get(`/applications(appId='${app.appId}')/federatedIdentityCredentials`)).json().value).toHaveLength(1);
    expect((await admin.get(`${base}/${fic.id}`)).json().name).toBe('main-branch');
    expect((await admin.get(`${base}/${fic.id}?$select=subject`)).json()).toEqual({
      '@odata.context': `${root}/$metadata#applications('${app.id}')/federatedIdentityCredentials(subject)/$entity`, subject: MAIN.subject,
    });
    expect((await admin.get(`/applications/${app.id}/federatedIdentityCredentials(name='MAIN-branch')`)).json().id).toBe(fic.id);

    expect((await admin.patch(`${base}/${fic.id}`, { subject: 'repo:octo-org/octo-repo:environment:prod', description: null })).statusCode).toBe(204);
    expect((await admin.get(`${base}/${fic.id}`)).json()).toMatchObject({ subject: 'repo:octo-org/octo-repo:environment:prod', description: null, name: 'main-branch' });
    expectGraphError(await admin.patch(`${base}/${fic.id}`, { name: 'renamed' }), 400, 'Request_BadRequest', /cannot be changed once it is created/);

    expect((await admin.delete(`/applications/${app.id}/federatedIdentityCredentials(name='main-branch')`)).statusCode).toBe(204);
    expectGraphError(await admin.get(`${base}/${fic.id}`), 404, 'Request_ResourceNotFound');
    expectGraphError(await admin.delete(`${base}/${fic.id}`), 404, 'Request_ResourceNotFound');
  });

  it('upserts by name with PATCH on the alternate key', async () => {
    const app = await newApp();
    const byName = `/applications/${app.id}/federatedIdentityCredentials(name='pull-requests')`;
    const created = await admin.patch(byName, { issuer: GITHUB, subject: 'repo:octo-org/octo-repo:pull_request' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'pull-requests', audiences: ['api://AzureADTokenExchange'] });
    expect((await admin.patch(byName, { description: 'PRs' })).statusCode).toBe(204);
    expect((await admin.get(byName)).json().description).toBe('PRs');
    expectGraphError(await admin.patch(`/applications/${app.id}/federatedIdentityCredentials(name='other-name')`, { name: 'x-y-z', issuer: GITHUB, subject: 's' }),
      400, 'Request_BadRequest', /differs from the name in the URL/);
    expectGraphError(await admin.post(byName, {}), 405, 'Request_BadRequest');
    expectGraphError(await admin.get(`/applications/${app.id}/widgets`), 400, 'BadRequest', "Resource not found for the segment 'widgets'.");
  });

  it('enforces the rules: names, issuer and subject unique per app, one audience, at most 20', async () => {
    const app = await newApp();
    const base = `/applications/${app.id}/federatedIdentityCredentials`;
    expect((await admin.post(base, MAIN)).statusCode).toBe(201);
    expectGraphError(await admin.post(base, { ...MAIN, subject: 'other' }), 400, 'Request_BadRequest', /named 'main-branch' already exists/);
    expectGraphError(await admin.post(base, { ...MAIN, name: 'Main-Branch', subject: 'other' }), 400, 'Request_BadRequest', /already exists/);
    expectGraphError(await admin.post(base, { ...MAIN, name: 'again' }), 400, 'Request_BadRequest', 'Issuer and subject combination already exists for this application.');
    expectGraphError(await admin.post(base, { ...MAIN, name: 'a/b' }), 400, 'Request_BadRequest', /Federated Identity Credential name 'a\/b' is invalid/);
    expectGraphError(await admin.post(base, { ...MAIN, name: 'http', issuer: 'http://token.example.com' }), 400, 'Request_BadRequest', /https URL/);
    expectGraphError(await admin.post(base, { ...MAIN, name: 'two', audiences: ['a', 'b'] }), 400, 'Request_BadRequest', 'Federated identity credentials must have exactly one audience.');
    expectGraphError(await admin.post(base, { ...MAIN, name: 'nosub', subject: undefined }), 400, 'Request_BadRequest', /'subject'/);
    expectGraphError(await admin.post(base, [MAIN]), 400, 'Request_BadRequest', /JSON object/);
    for (let i = 1; i < 20; i += 1) expect((await admin.post(base, { ...MAIN, name: `env-${i}`, subject: `s-${i}` })).statusCode).toBe(201);
    expectGraphError(await admin.post(base, { ...MAIN, name: 'env-20', subject: 's-20' }), 400, 'Request_BadRequest', /at most 20 federated identity credentials/);
    // Issuer and subject stay unique on update too.
    const [first, second] = (await admin.get(base)).json().value;
    expectGraphError(await admin.patch(`${base}/${second.id}`, { subject: first.subject }), 400, 'Request_BadRequest', /Issuer and subject combination/);
  });

  it('reads with read rights, writes with the rights to change the application', async () => {
    const app = await newApp();
    const base = `/applications/${app.id}/federatedIdentityCredentials`;
    const fic = (await admin.post(base, MAIN)).json();
    await t.directory.users.create(t.tenantId, { userPrincipalName: `carol@${t.domain}`, displayName: 'Carol', password: 'C4rol-Passw0rd!' });
    const carol = graphClient(t, await userToken(t, { username: `carol@${t.domain}`, password: 'C4rol-Passw0rd!' }));
    expect((await carol.get(base)).statusCode).toBe(200);
    expectGraphError(await carol.post(base, { ...MAIN, name: 'carols', subject: 'c' }), 403, 'Authorization_RequestDenied');
    expectGraphError(await carol.patch(`${base}/${fic.id}`, { description: 'x' }), 403, 'Authorization_RequestDenied');
    expectGraphError(await carol.delete(`${base}/${fic.id}`), 403, 'Authorization_RequestDenied');
    expectGraphError(await admin.get(`/applications/${crypto.randomUUID()}/federatedIdentityCredentials`), 404, 'Request_ResourceNotFound');
  });
});
