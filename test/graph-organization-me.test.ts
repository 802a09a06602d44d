/** Graph `/organization` and `/me`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { userToken } from './support/tokens.js';

describe('Graph organization and me', () => {
  let t: TestApp;
  let admin: GraphClient;
  let root: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = graphClient(t, await userToken(t));
    root = `${t.publicUrl}/v1.0`;
  });
  afterAll(async () => t?.close());

  it('lists the tenant as the one organization', async () => {
    const res = await admin.get('/organization');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body['@odata.context']).toBe(`${root}/$metadata#organization`);
    expect(body.value).toHaveLength(1);
    expect(body.value[0]).toMatchObject({
      id: t.tenantId,
      displayName: 'Default Directory',
      tenantType: 'AAD',
      countryLetterCode: null,
      createdDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      verifiedDomains: [{ capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: true, name: t.domain, type: 'Managed' }],
    });

    const one = (await admin.get(`/organization/${t.tenantId.toUpperCase()}?$select=id,verifiedDomains`)).json();
    expect(one['@odata.context']).toBe(`${root}/$metadata#organization(id,verifiedDomains)/$entity`);
    expect(Object.keys(one)).toEqual(['@odata.context', 'id', 'verifiedDomains']);
    expectGraphError(await admin.get(`/organization/${crypto.randomUUID()}`), 404, 'Request_ResourceNotFound');
    expectGraphError(await admin.get('/organization?$filter=id eq 1'), 400, 'Request_UnsupportedQuery');
  });

  it('shows the signed-in user', async () => {
    const me = (await admin.get('/me')).json();
    const adminUser = (await t.directory.users.getByUpn(t.tenantId, `admin@${t.domain}`))!;
    expect(me).toEqual({
      '@odata.context': `${root}/$metadata#users/$entity`,
      businessPhones: [], displayName: 'Administrator', givenName: null, jobTitle: null, mail: null, mobilePhone: null,
      officeLocation: null, preferredLanguage: null, surname: null, userPrincipalName: `admin@${t.domain}`, id: adminUser.id,
    });
    const selected = (await admin.get('/me?$select=id,accountEnabled')).json();
    expect(selected).toEqual({ '@odata.context': `${root}/$metadata#users(id,accountEnabled)/$entity`, id: adminUser.id, accountEnabled: true });
    expectGraphError(await admin.get('/me?$select=password'), 400, 'BadRequest');
  });
});
