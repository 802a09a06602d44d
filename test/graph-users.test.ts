/** Graph `/users`: create, read, filter, update (password resets included), delete, and who may do each. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTORY_ROLES } from '../src/directory/directory-roles.js';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { createConfidentialClient, decodeJwt, grantGraphRole, postToken } from './support/sts.js';
import { appToken, CLI_CLIENT_ID, userToken } from './support/tokens.js';

const PASSWORD = 'Str0ng-Secret!';
const USER_READ_ALL_ROLE = 'df021288-bdef-4463-88db-98f22de89214';

describe('Graph users', () => {
  let t: TestApp;
  let admin: GraphClient;
  let root: string;

  const newUser = (name: string, extra: Record<string, unknown> = {}) => ({
    accountEnabled: true, displayName: name, mailNickname: name.toLowerCase(), userPrincipalName: `${name.toLowerCase()}@${t.domain}`,
    passwordProfile: { password: PASSWORD, forceChangePasswordNextSignIn: false }, ...extra,
  });
  const signIn = (username: string, password = PASSWORD) => postToken(t, {
    grant_type: 'password', client_id: CLI_CLIENT_ID, username, password, scope: 'https://graph.microsoft.com/.default',
  });

  beforeAll(async () => {
    t = await buildTestApp();
    admin = graphClient(t, await userToken(t));
    root = `${t.publicUrl}/v1.0`;
  });
  afterAll(async () => t?.close());

  it('creates a user who can sign in, and shows Graph\'s default properties', async () => {
    const res = await admin.post('/users', newUser('Carla', { jobTitle: 'Nurse', usageLocation: 'NL' }));
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(res.headers.location).toBe(`${root}/users/${user.id}`);
    expect(user).toEqual({
      '@odata.context': `${root}/$metadata#users/$entity`, businessPhones: [], displayName: 'Carla', givenName: null, jobTitle: 'Nurse',
      mail: null, mobilePhone: null, officeLocation: null, preferredLanguage: null, surname: null, userPrincipalName: `carla@${t.domain}`, id: user.id,
    });
    const token = await signIn(`carla@${t.domain}`);
    expect(token.statusCode).toBe(200);
    expect(decodeJwt(token.json().access_token).payload.oid).toBe(user.id);

    const byUpn = (await admin.get(`/users/${encodeURIComponent(`CARLA@${t.domain}`)}?$select=id,accountEnabled,usageLocation,passwordProfile,mailNickname`)).json();
    expect(byUpn).toEqual({
      '@odata.context': `${root}/$metadata#users(id,accountEnabled,usageLocation,passwordProfile,mailNickname)/$entity`, id: user.id,
      accountEnabled: true, usageLocation: 'NL', mailNickname: 'carla',
      passwordProfile: { password: null, forceChangePasswordNextSignIn: false, forceChangePasswordNextSignInWithMfa: false },
    });
  });

  it('refuses what Entra refuses on create', async () => {
    const { mailNickname: _m, ...noNickname } = newUser('Nonick');
    expectGraphError(await admin.post('/users', noNickname), 400, 'Request_BadRequest', /'mailNickname'/);
    expectGraphError(await admin.post('/users', newUser('Weak', { passwordProfile: { password: 'password' } })), 400, 'Request_BadRequest',
      'The specified password does not comply with password complexity requirements. Please provide a different password.');
    expectGraphError(await admin.post('/users', newUser('Elsewhere', { userPrincipalName: 'x@elsewhere.test' })), 400, 'Request_BadRequest', /domain portion/);
    expectGraphError(await admin.post('/users', newUser('Typed', { accountEnabled: 'yes' })), 400, 'Request_BadRequest', /'accountEnabled'/);
    expectGraphError(await admin.post('/users', newUser('Readonly', { id: crypto.randomUUID() })), 400, 'Request_BadRequest', /read-only/);
    await admin.post('/users', newUser('Twice'));
    expectGraphError(await admin.post('/users', newUser('Twice')), 400, 'Request_BadRequest', /userPrincipalName already exists/);
  });

  it('lists with $filter, $select, $top and next links', async () => {
    for (const name of ['Dana', 'Dario', 'Dirk']) await admin.post('/users', newUser(name));
    await admin.post('/users', newUser('Dormant', { accountEnabled: false }));
    const page = (await admin.get("/users?$filter=startswith(displayName,'d')&$select=displayName&$top=2")).json();
    expect(page['@odata.context']).toBe(`${root}/$metadata#users(displayName)`);
    expect(page.value).toHaveLength(2);
    const rest = (await admin.get(page['@odata.nextLink'].slice(root.length))).json();
    expect([...page.value, ...rest.value].map((u: any) => u.displayName).sort()).toEqual(['Dana', 'Dario', 'Dirk', 'Dormant']);
    const upn = (await admin.get(`/users?$filter=userPrincipalName eq 'DANA@${t.domain}'`)).json().value;
    expect(upn.map((u: any) => u.displayName)).toEqual(['Dana']);
    const disabled = (await admin.get('/users?$filter=accountEnabled eq false')).json().value;
    expect(disabled.map((u: any) => u.displayName)).toEqual(['Dormant']);
    const counted = await admin.get("/users?$filter=startswith(displayName,'D')&$count=true", { ConsistencyLevel: 'eventual' });
    expect(counted.json()['@odata.count']).toBe(4);
    expectGraphError(await admin.get("/users?$filter=accountEnabled eq 'false'"), 400, 'Request_UnsupportedQuery');
    expectGraphError(await admin.get("/users?$filter=jobTitle eq 'x'"), 400, 'Request_UnsupportedQuery');
  });

  it('updates a profile, resets a password (forcing a change by default) and disables an account', async () => {
    const user = (await admin.post('/users', newUser('Erin'))).json();
    expect((await admin.patch(`/users/${user.id}`, { displayName: 'Erin E.', department: 'Lab' })).statusCode).toBe(204);
    expect((await admin.get(`/users/${user.id}?$select=displayName,department`)).json()).toMatchObject({ displayName: 'Erin E.', department: 'Lab' });

    expect((await admin.patch(`/users/${user.id}`, { passwordProfile: { password: 'Res3t-Secret!' } })).statusCode).toBe(204);
    expect(await t.directory.users.get(t.tenantId, user.id)).toMatchObject({ forceChangePasswordNextSignIn: true });
    expect((await signIn(`erin@${t.domain}`)).statusCode).toBe(400);
    expectGraphError(await admin.patch(`/users/${user.id}`, { passwordProfile: { password: 'short' } }), 400, 'Request_BadRequest');
    await admin.patch(`/users/${user.id}`, { passwordProfile: { password: 'Res3t-Again!', forceChangePasswordNextSignIn: false } });
    expect((await t.directory.users.get(t.tenantId, user.id))?.forceChangePasswordNextSignIn).toBe(false);

    expect((await admin.patch(`/users/${encodeURIComponent(`erin@${t.domain}`)}`, { accountEnabled: false })).statusCode).toBe(204);
    expect((await t.directory.users.get(t.tenantId, user.id))?.accountEnabled).toBe(false);
    expectGraphError(await admin.patch(`/users/${user.id}`, { userPrincipalName: 'erin@elsewhere.test' }), 400, 'Request_BadRequest');
  });

  it('deletes a user', async () => {
    const user = (await admin.post('/users', newUser('Gone'))).json();
    expect((await admin.delete(`/users/${user.id}`)).statusCode).toBe(204);
    expectGraphError(await admin.get(`/users/${user.id}`), 404, 'Request_ResourceNotFound');
    expectGraphError(await admin.delete(`/users/${user.id}`), 404, 'Request_ResourceNotFound');
  });

  describe('authorization', () => {
    let member: GraphClient;
    let memberId: string;

    beforeAll(async () => {
      memberId = (await admin.post('/users', newUser('Member'))).json().id;
      member = graphClient(t, await userToken(t, { username: `member@${t.domain}`, password: PASSWORD }));
    });

    it('lets any member read users and themselves, but only administrators write', async () => {
      expect((await member.get('/users')).statusCode).toBe(200);
      expect((await member.get(`/users/${memberId}`)).statusCode).toBe(200);
      expectGraphError(await member.post('/users', newUser('Nope')), 403, 'Authorization_RequestDenied');
      expectGraphError(await member.patch(`/users/${memberId}`, { displayName: 'Me' }), 403, 'Authorization_RequestDenied');
      const narrow = graphClient(t, await userToken(t, { username: `member@${t.domain}`, password: PASSWORD, scope: 'User.Read' }));
      expect((await narrow.get(`/users/${memberId}`)).statusCode).toBe(200);
      expectGraphError(await narrow.get('/users'), 403, 'Authorization_RequestDenied');
    });

    it("lets a User Administrator manage users, but not a Global Administrator's account", async () => {
      const helper = (await admin.post('/users', newUser('Helper'))).json();
      await t.directory.directoryRoles.assign(t.tenantId, helper.id, DIRECTORY_ROLES.userAdministrator.id);
      const asHelper = graphClient(t, await userToken(t, { username: `helper@${t.domain}`, password: PASSWORD }));
      expect((await asHelper.post('/users', newUser('Hired'))).statusCode).toBe(201);
      expect((await asHelper.patch(`/users/${memberId}`, { passwordProfile: { password: 'N3w-Secret!' } })).statusCode).toBe(204);
      const adminId = (await t.directory.users.getByUpn(t.tenantId, `admin@${t.domain}`))!.id;
      expectGraphError(await asHelper.patch(`/users/${adminId}`, { passwordProfile: { password: 'Tak3over-Secret!' } }), 403, 'Authorization_RequestDenied');
      expectGraphError(await asHelper.delete(`/users/${adminId}`), 403, 'Authorization_RequestDenied');
    });

    it('lets applications read users with User.Read.All and nothing more', async () => {
      const daemon = await createConfidentialClient(t);
      await grantGraphRole(t, daemon.spId, USER_READ_ALL_ROLE);
      const app = graphClient(t, await appToken(t, daemon.appId, daemon.secret));
      expect((await app.get(`/users/${memberId}`)).statusCode).toBe(200);
      expectGraphError(await app.post('/users', newUser('Robot')), 403, 'Authorization_RequestDenied');
      expectGraphError(await app.get('/me'), 400, 'Request_BadRequest');
    });
  });
});
