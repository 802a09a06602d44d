/**
 * The storage contract: one suite, run against the embedded database (store.test.ts) and a real PostgreSQL
 * (store.pg.test.ts). It checks the store itself and the directory's queries over it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../directory/bootstrap.js';
import { Directory } from '../directory/directory.js';
import { DirectoryError } from '../directory/errors.js';
import { GRAPH_APP_ID, HEALTHCARE_APP_ID } from '../directory/first-party.js';
import { newGuid } from '../lib/ids.js';
import { sha256Hex } from '../lib/crypto.js';
import { isUniqueViolation, type Store } from './store.js';

export interface StoreUnderTest { store: Store; reopen(): Promise<Store>; cleanup(): Promise<void> }

export function storeContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`storage contract: ${name}`, () => {
    let sut: StoreUnderTest;
    let store: Store;
    let directory: Directory;
    let tenantA: string;
    let tenantB: string;
    const publicUrl = 'https://localhost:8443';

    beforeAll(async () => {
      sut = await open();
      store = sut.store;
      directory = new Directory({ store, encryptionKey: Buffer.alloc(32, 1), publicUrl: () => publicUrl });
      const first = await bootstrap(directory, { tenantDomain: 'a.test', adminPassword: 'Passw0rd!a', fhirService: 'local/fhir' });
      tenantA = first.tenant.id;
      tenantB = (await directory.tenants.create({ displayName: 'B', domain: 'b.test' })).id;
    });
    afterAll(async () => {
      await store?.close();
      await sut?.cleanup();
    });

    it('runs migrations once; a second run has nothing to do', async () => {
      expect(await store.migrate()).toEqual([]);
    });

    it('resolves a tenant by GUID or domain in any case', async () => {
      expect((await directory.tenants.resolve('A.TEST'))?.id).toBe(tenantA);
      expect((await directory.tenants.resolve(tenantA.toUpperCase()))?.id).toBe(tenantA);
      expect(await directory.tenants.resolve('nowhere.test')).toBeUndefined();
    });

    it('keeps tenants apart: a row of another tenant is not found, and cannot be changed or deleted', async () => {
      const app = await directory.applications.create(tenantA, { displayName: 'isolated' });
      expect(await directory.applications.get(tenantB, app.id)).toBeUndefined();
      expect((await directory.applications.list(tenantB, { top: 100 })).items.map((a) => a.id)).not.toContain(app.id);
      await expect(directory.applications.update(tenantB, app.id, { displayName: 'x' })).rejects.toMatchObject({ kind: 'not_found' });
      await expect(directory.applications.delete(tenantB, app.id)).rejects.toBeInstanceOf(DirectoryError);
      const raw = await store.tenant(tenantB).deleteFrom('applications').where('id', '=', app.id).executeTakeFirst();
      expect(Number(raw.numDeletedRows)).toBe(0);
      expect((await directory.applications.get(tenantA, app.id))?.displayName).toBe('isolated');
    });

    it('stores an application with every Graph property and lists it with filters and pages', async () => {
      const names = ['page-c', 'page-a', 'page-b', "O'Brien; DROP TABLE applications;--"];
      for (const n of names) await directory.applications.create(tenantA, { displayName: n, tags: ['t1'] });
      const byPrefix = await directory.applications.list(tenantA, { displayNameStartsWith: 'PAGE-', top: 2 }, true);
      expect(byPrefix.count).toBe(3);
      expect(byPrefix.items).toHaveLength(2);
      const rest = await directory.applications.list(tenantA, { displayNameStartsWith: 'page-', top: 2, after: byPrefix.next });
      expect(rest.items).toHaveLength(1);
      expect(rest.next).toBeUndefined();
      const odd = await directory.applications.list(tenantA, { displayName: names[3], top: 10 });
      expect(odd.items[0]?.displayName).toBe(names[3]);
      expect(odd.items[0]?.tags).toEqual(['t1']);
      const pct = await directory.applications.list(tenantA, { displayNameStartsWith: '%', top: 10 });
      expect(pct.items).toHaveLength(0);
    });

    it('keeps client secrets only as SHA-256', async () => {
      const app = await directory.applications.create(tenantA, { displayName: 'secretive' });
      const cred = await directory.passwordCredentials.add(tenantA, app.id, { displayName: 'ci' });
      expect(cred.secretText).toHaveLength(40);
      const rows = await store.tenant(tenantA).selectFrom('password_credentials').selectAll().where('key_id', '=', cred.keyId).execute();
      expect(rows[0]?.secret_hash).toBe(sha256Hex(cred.secretText!));
      expect(JSON.stringify(rows)).not.toContain(cred.secretText!);
      expect((await directory.applications.get(tenantA, app.id))?.passwordCredentials[0]?.secretText).toBeNull();
    });

    it('enforces unique identifier URIs in a tenant and resolves resources by them', async () => {
      const app = await directory.applications.create(tenantA, { displayName: 'api' });
      await directory.applications.update(tenantA, app.id, { identifierUris: [`api://${app.appId}`] });
      const other = await directory.applications.create(tenantA, { displayName: 'api2' });
      await expect(directory.applications.update(tenantA, other.id, { identifierUris: [`api://${app.appId}`] }))
        .rejects.toMatchObject({ kind: 'conflict' });
      await directory.servicePrincipals.create(tenantA, { appId: app.appId });
      expect((await directory.resources.resolve(tenantA, `API://${app.appId}/`))?.appId).toBe(app.appId);
      expect(await directory.resources.resolve(tenantB, `api://${app.appId}`)).toBeUndefined();
    });

    it('creates first-party principals and the Healthcare APIs principal with the FHIR service URL', async () => {
      expect((await directory.resources.resolve(tenantA, 'https://graph.microsoft.com'))?.appId).toBe(GRAPH_APP_ID);
      const fhir = await directory.resources.resolve(tenantA, `${publicUrl}/fhir/local-fhir`);
      expect(fhir?.appId).toBe(HEALTHCARE_APP_ID);
      expect(fhir?.tokenVersion).toBe(1);
      expect(await directory.servicePrincipals.get(tenantB, HEALTHCARE_APP_ID, 'appId')).toBeUndefined();
    });

    it('authenticates users with scrypt hashes and reads app role assignments', async () => {
      const admin = await directory.users.authenticate(tenantA, 'ADMIN@a.test', 'Passw0rd!a');
      expect(typeof admin).toBe('object');
      expect(await directory.users.authenticate(tenantA, 'admin@a.test', 'wrong')).toBe('bad');
      expect(await directory.users.authenticate(tenantB, 'admin@a.test', 'Passw0rd!a')).toBe('unknown');
      const client = await directory.applications.create(tenantA, { displayName: 'daemon' });
      const sp = await directory.servicePrincipals.create(tenantA, { appId: client.appId });
      const graph = (await directory.servicePrincipals.get(tenantA, GRAPH_APP_ID, 'appId'))!;
      const role = graph.appRoles.find((r) => r.value === 'Application.ReadWrite.All')!;
      await directory.appRoleAssignments.create(tenantA, { principalId: sp.id, resourceId: graph.id, appRoleId: role.id });
      expect(await directory.appRoleAssignments.roleValues(tenantA, sp.id, graph.id)).toEqual(['Application.ReadWrite.All']);
    });

    it('rolls back a failed transaction and reports unique violations', async () => {
      const id = newGuid();
      await expect(store.transaction(async (trx) => {
        await store.tenant(tenantA, trx).insert('healthcare_workspaces', { id, name: 'rollback', created_at: new Date().toISOString() });
        throw new Error('abort');
      })).rejects.toThrow('abort');
      expect(await directory.healthcare.workspace(tenantA, 'rollback')).toBeUndefined();
      try {
        await store.tenant(tenantA).insert('healthcare_workspaces', { id: newGuid(), name: 'local', created_at: '' });
        expect.unreachable();
      } catch (err) {
        expect(isUniqueViolation(err)).toBe(true);
      }
    });

    it('keeps signing keys encrypted and everything across a reopen', async () => {
      const ring = await directory.signingKeys.keyRing();
      const row = await store.db.selectFrom('signing_keys').selectAll().where('kid', '=', ring.active.kid).executeTakeFirstOrThrow();
      expect(row.private_key).not.toContain('PRIVATE KEY');
      await directory.signingKeys.rotate();
      const rotated = await directory.signingKeys.keyRing();
      expect(rotated.active.kid).not.toBe(ring.active.kid);
      expect(rotated.published.map((k) => k.kid)).toContain(ring.active.kid);
      await store.close();
      store = await sut.reopen();
      const again = new Directory({ store, encryptionKey: Buffer.alloc(32, 1), publicUrl: () => publicUrl });
      expect((await again.signingKeys.keyRing()).active.kid).toBe(rotated.active.kid);
      const first = await bootstrap(again, { tenantDomain: 'a.test', fhirService: 'local/fhir' });
      expect(first.tenant.id).toBe(tenantA);
      expect(first.generatedAdminPassword).toBeUndefined();
      expect((await again.tenants.list()).length).toBe(2);
      directory = again;
    });
  });
}
