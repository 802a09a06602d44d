/**
 * The storage contract for users, groups and delegated grants (part of store.contract.ts, run on both databases):
 * round trips through the directory, the queries Graph's filters become, cascades and tenant isolation.
 */
import { expect, it } from 'vitest';
import type { Directory } from '../directory/directory.js';
import { GRAPH_APP_ID } from '../directory/first-party.js';
import type { Store } from './store.js';

export interface PeopleContext { directory: Directory; store: Store; tenantA: string; tenantB: string }

export function peopleContract(ctx: () => PeopleContext): void {
  it('keeps users with their profile and password state, and finds them by Graph\'s filters', async () => {
    const { directory, tenantA, tenantB } = ctx();
    const created = await directory.users.create(tenantA, {
      userPrincipalName: 'Zoe@A.test', displayName: 'Ärger Zoë', password: 'Str0ng-Secret', forceChangePasswordNextSignIn: true,
    });
    expect(created).toMatchObject({ userPrincipalName: 'zoe@a.test', mailNickname: 'Zoe', forceChangePasswordNextSignIn: true });
    expect(created.passwordLastChanged).toMatch(/^\d{4}-/);
    const byName = await directory.users.query(tenantA, { displayNameStartsWith: 'ärger', top: 10 }, true);
    expect(byName.items.map((u) => u.id)).toEqual([created.id]);
    expect(byName.count).toBe(1);
    expect((await directory.users.query(tenantA, { userPrincipalName: 'ZOE@a.test', top: 10 })).items).toHaveLength(1);
    expect((await directory.users.query(tenantB, { displayNameStartsWith: 'ärger', top: 10 })).items).toEqual([]);
    expect(await directory.users.get(tenantB, created.id)).toBeUndefined();

    await directory.users.update(tenantA, created.id, { accountEnabled: false, usageLocation: 'NL' });
    const disabled = await directory.users.query(tenantA, { accountEnabled: false, top: 10 });
    expect(disabled.items.map((u) => u.id)).toEqual([created.id]);
    expect(disabled.items[0]!.profile.usageLocation).toBe('NL');
  });

  it('sets and changes passwords under the policy, revoking the user\'s refresh tokens', async () => {
    const { directory, tenantA } = ctx();
    const user = await directory.users.create(tenantA, { userPrincipalName: 'pat@a.test', displayName: 'Pat', password: 'First-Passw0rd' });
    const token = await directory.refreshTokens.issue(tenantA, { clientId: GRAPH_APP_ID, userId: user.id, scope: 'x', resource: 'y', clientType: 'public' } as any);
    await expect(directory.users.setPassword(tenantA, user.id, 'short', false)).rejects.toMatchObject({ kind: 'invalid' });
    await directory.users.setPassword(tenantA, user.id, 'Second-Passw0rd', true);
    expect((await directory.refreshTokens.find(token))?.revoked).toBe(true);
    expect(await directory.users.authenticate(tenantA, 'pat@a.test', 'First-Passw0rd')).toBe('bad');
    expect(await directory.users.authenticate(tenantA, 'pat@a.test', 'Second-Passw0rd')).toMatchObject({ forceChangePasswordNextSignIn: true });
    await expect(directory.users.changePassword(tenantA, user.id, 'wrong', 'Third-Passw0rd')).rejects.toMatchObject({ target: 'currentPassword' });
    const changed = await directory.users.changePassword(tenantA, user.id, 'Second-Passw0rd', 'Third-Passw0rd');
    expect(changed.forceChangePasswordNextSignIn).toBe(false);
    expect(typeof await directory.users.authenticate(tenantA, 'pat@a.test', 'Third-Passw0rd')).toBe('object');
  });

  it('keeps groups and direct memberships, and deletes a user with everything that names it', async () => {
    const { directory, store, tenantA, tenantB } = ctx();
    const user = await directory.users.create(tenantA, { userPrincipalName: 'member@a.test', displayName: 'Member', password: 'Str0ng-Secret!' });
    const inner = await directory.groups.create(tenantA, { displayName: 'Inner', mailNickname: 'inner', mailEnabled: false, securityEnabled: true });
    const outer = await directory.groups.create(tenantA, {
      displayName: 'Outer Ünits', mailNickname: 'Outer', mailEnabled: false, securityEnabled: true, description: 'd',
    }, [user.id, inner.id]);
    expect(await directory.groups.members(tenantA, outer.id)).toEqual(expect.arrayContaining([{ id: user.id, type: 'User' }, { id: inner.id, type: 'Group' }]));
    await directory.groups.addMember(tenantA, inner.id, user.id);
    await expect(directory.groups.addMember(tenantA, inner.id, user.id)).rejects.toMatchObject({ kind: 'conflict' });
    expect((await directory.groups.groupsOf(tenantA, user.id)).sort()).toEqual([inner.id, outer.id].sort());
    expect((await directory.groups.list(tenantA, { mailNickname: 'OUTER', top: 10 })).items.map((g) => g.id)).toEqual([outer.id]);
    expect((await directory.groups.list(tenantA, { displayNameStartsWith: 'outer ü', top: 10 })).items).toHaveLength(1);
    expect(await directory.groups.get(tenantB, outer.id)).toBeUndefined();
    await expect(directory.groups.addMember(tenantB, outer.id, user.id)).rejects.toMatchObject({ kind: 'not_found' });

    await directory.users.delete(tenantA, user.id);
    expect(await directory.groups.groupsOf(tenantA, user.id)).toEqual([]);
    expect(await store.tenant(tenantA).selectFrom('group_members').selectAll().where('member_id', '=', user.id).execute()).toEqual([]);
    await directory.groups.delete(tenantA, inner.id);
    expect(await directory.groups.members(tenantA, outer.id)).toEqual([]);
  });

  it('keeps delegated grants, merges consent into one per key, and scopes them to the tenant', async () => {
    const { directory, tenantA, tenantB } = ctx();
    const app = await directory.applications.create(tenantA, { displayName: 'grantee' });
    const client = await directory.servicePrincipals.create(tenantA, { appId: app.appId });
    const graph = (await directory.servicePrincipals.get(tenantA, GRAPH_APP_ID, 'appId'))!;
    const user = await directory.users.create(tenantA, { userPrincipalName: 'grantor@a.test', displayName: 'Grantor', password: 'Str0ng-Secret!' });
    const key = { clientId: client.id, resourceId: graph.id };
    const first = await directory.permissionGrants.grant(tenantA, { ...key, consentType: 'AllPrincipals', principalId: null, scopes: ['user.read'] });
    const merged = await directory.permissionGrants.grant(tenantA, { ...key, consentType: 'AllPrincipals', principalId: null, scopes: ['User.Read', 'openid'] });
    expect(merged).toEqual({ ...first, scope: 'User.Read openid' });
    await directory.permissionGrants.grant(tenantA, { ...key, consentType: 'Principal', principalId: user.id, scopes: ['Directory.Read.All'] });
    expect(await directory.permissionGrants.list(tenantA, { clientId: client.id })).toHaveLength(2);
    expect(await directory.permissionGrants.grantedScopes(tenantA, client.id, graph.id, user.id)).toEqual(new Set(['User.Read', 'openid', 'Directory.Read.All']));
    expect(await directory.permissionGrants.list(tenantB, { clientId: client.id })).toEqual([]);
    await expect(directory.permissionGrants.delete(tenantB, first.id)).rejects.toMatchObject({ kind: 'not_found' });
    await directory.permissionGrants.update(tenantA, first.id, { scope: 'openid' });
    expect((await directory.permissionGrants.get(tenantA, first.id))?.scope).toBe('openid');
    await directory.users.delete(tenantA, user.id);
    expect(await directory.permissionGrants.list(tenantA, { clientId: client.id })).toHaveLength(1);
  });
}
