/**
 * Healthcare APIs records on a real database: global names, the URL segment, deleting workspaces, services and
 * role assignments, and finding an assignee as `az role assignment create --assignee` does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { bootstrap } from './bootstrap.js';
import { Directory } from './directory.js';

export function healthcareContract(name: string, open: () => Promise<{ store: Store; cleanup(): Promise<void> }>): void {
  describe(`healthcare records: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let directory: Directory;
    let a: string;
    let b: string;
    beforeAll(async () => {
      ({ store, cleanup } = await open());
      directory = new Directory({ store, encryptionKey: Buffer.alloc(32, 5), publicUrl: () => 'https://localhost:8443' });
      a = (await bootstrap(directory, { tenantDomain: 'a.test', adminPassword: 'Passw0rd!a', fhirService: 'local/fhir' })).tenant.id;
      b = (await directory.tenants.create({ displayName: 'B', domain: 'b.test' })).id;
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    const hc = () => directory.healthcare;
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { kind?: string; code?: string }) => e.code ?? e.kind);

    it('keeps workspace names and URL segments unique across tenants', async () => {
      expect(await code(hc().createWorkspace(b, 'local'))).toBe('conflict');
      expect(await code(hc().createWorkspace(a, 'local'))).toBe('conflict');
      await hc().createWorkspace(a, 'one-two');
      await hc().createFhirService(a, 'one-two', 'three');
      await hc().createWorkspace(b, 'one');
      expect(await code(hc().createFhirService(b, 'one', 'two-three'))).toBe('conflict');
      expect(await hc().fhirServiceByPath('one-two-three')).toMatchObject({ tenantId: a, workspace: 'one-two', name: 'three' });
      expect(await code(hc().createWorkspace(b, 'x'))).toBe('InvalidResourceName');
      expect((await hc().workspaces(b)).map((w) => w.name)).toEqual(['one']);
    });

    it('refuses to delete a workspace with services, and deletes a service with its assignments', async () => {
      const admin = (await directory.users.getByUpn(a, 'admin@a.test'))!;
      expect(await code(hc().deleteWorkspace(a, 'one-two'))).toBe('conflict');
      await hc().assignRole(a, { principalId: admin.id, principalType: 'User', role: 'FHIR Data Reader', scope: 'https://localhost:8443/fhir/one-two-three' });
      expect(await hc().fhirRolesOf(a, 'one-two', 'three', admin.id)).toHaveLength(1);
      const removed = await hc().deleteFhirService(a, 'one-two', 'three');
      expect(removed.name).toBe('three');
      expect(await hc().fhirServiceByPath('one-two-three')).toBeUndefined();
      expect(await hc().fhirRolesOf(a, 'one-two', 'three', admin.id)).toEqual([]);
      expect(await hc().roleAssignments(a, undefined, { principalId: admin.id })).toHaveLength(1);
      await hc().deleteWorkspace(a, 'one-two');
      expect(await hc().workspace(a, 'one-two')).toBeUndefined();
      expect(await code(hc().deleteWorkspace(a, 'one-two'))).toBe('not_found');
      // The segment is free again, for any tenant.
      await hc().createFhirService(b, 'one', 'two-three');
      expect((await hc().fhirServiceByPath('one-two-three'))?.tenantId).toBe(b);
    });

    it('finds assignees by UPN, object id or appId, and lists and deletes their assignments', async () => {
      const user = await directory.users.create(a, { userPrincipalName: 'doc@a.test', displayName: 'Doc', password: 'Passw0rd!d' });
      const group = await directory.groups.create(a, { displayName: 'Docs', mailNickname: 'docs', securityEnabled: true, mailEnabled: false });
      const app = await directory.applications.create(a, { displayName: 'svc' });
      const sp = await directory.servicePrincipals.create(a, { appId: app.appId });
      expect(await hc().principal(a, 'DOC@a.test')).toMatchObject({ id: user.id, type: 'User' });
      expect(await hc().principal(a, user.id)).toMatchObject({ id: user.id, type: 'User', name: 'doc@a.test' });
      expect(await hc().principal(a, group.id)).toMatchObject({ id: group.id, type: 'Group' });
      expect(await hc().principal(a, app.appId)).toMatchObject({ id: sp.id, type: 'ServicePrincipal', name: app.appId });
      expect(await hc().principal(a, sp.id)).toMatchObject({ id: sp.id, type: 'ServicePrincipal' });
      expect(await hc().principal(b, user.id)).toBeUndefined();
      expect(await hc().principal(a, 'nobody@a.test')).toBeUndefined();

      const scope = 'https://localhost:8443/fhir/local-fhir';
      const one = await hc().assignRole(a, { principalId: group.id, principalType: 'Group', role: 'FHIR Data Writer', scope });
      await hc().assignRole(a, { principalId: sp.id, principalType: 'ServicePrincipal', role: 'FHIR Data Reader', scope: `/subscriptions/${a}/resourceGroups/entrada/providers/Microsoft.HealthcareApis/workspaces/local/fhirservices/fhir` });
      expect((await hc().fhirRolesOf(a, 'local', 'fhir', user.id)).map((r) => r.name)).toEqual([]);
      await directory.groups.addMember(a, group.id, user.id);
      expect((await hc().fhirRolesOf(a, 'local', 'fhir', user.id)).map((r) => r.name)).toEqual(['FHIR Data Writer']);
      expect((await hc().roleAssignments(a, scope, { role: 'FHIR Data Reader' })).map((r) => r.principalId)).toEqual([sp.id]);
      expect(await hc().roleAssignment(b, one.id)).toBeUndefined();
      expect(await code(hc().deleteRoleAssignment(b, one.id))).toBe('not_found');
      await hc().deleteRoleAssignment(a, one.id);
      expect(await hc().fhirRolesOf(a, 'local', 'fhir', user.id)).toEqual([]);
    });
  });
}
