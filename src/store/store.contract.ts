/**
 * The storage contract: one suite, run against the embedded database (store.test.ts) and a real PostgreSQL
 * (store.pg.test.ts). It checks the store itself and the directory's queries over it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate } from '../../test/support/certificates.js';
import { bootstrap } from '../directory/bootstrap.js';
import { Directory } from '../directory/directory.js';
import { DirectoryError } from '../directory/errors.js';
import { GRAPH_APP_ID, HEALTHCARE_APP_ID } from '../directory/first-party.js';
import { newGuid } from '../lib/ids.js';
import { sha256Hex } from '../lib/crypto.js';
import { peopleContract } from './people.contract.js';
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

    it('keeps certificates whole, with both thumbprints, and refuses one twice on an application', async () => {
      const app = await directory.applications.create(tenantA, { displayName: 'certified' });
      const cert = makeCertificate({ subject: 'CN=contract' });
      const added = await directory.keyCredentials.add(tenantA, app.id, { key: cert.certPem });
      const [stored] = await directory.keyCredentials.certificates(tenantA, app.id);
      expect(stored).toMatchObject({ keyId: added.keyId, thumbprintSha1: cert.thumbprintSha1, thumbprintSha256: cert.thumbprintSha256 });
      expect(stored!.certificateDer.equals(cert.der)).toBe(true);
      expect(stored!.publicKey.equals(cert.publicKey)).toBe(true);
      expect(stored!.end - stored!.start).toBe(365 * 86_400_000);
      expect((await directory.keyCredentials.list(tenantA, app.id, true))[0]?.key).toBe(cert.base64);
      expect((await directory.applications.get(tenantA, app.id))?.keyCredentials[0]).toMatchObject({ keyId: added.keyId, key: null, displayName: 'CN=contract' });
      expect(await directory.keyCredentials.list(tenantB, app.id, false)).toEqual([]);
      const row = await store.tenant(tenantA).selectFrom('key_credentials').selectAll().where('key_id', '=', added.keyId).executeTakeFirstOrThrow();
      const { tenant_id: _t, ...values } = row;
      try {
        await store.tenant(tenantA).insert('key_credentials', { ...values, key_id: newGuid() });
        expect.unreachable();
      } catch (err) {
        expect(isUniqueViolation(err)).toBe(true);
      }
      await directory.servicePrincipals.create(tenantA, { appId: app.appId });
      const lookup = await directory.clients.resolve(tenantA, app.appId);
      expect(lookup.found && lookup.client.certificates.map((c) => c.thumbprintSha256)).toEqual([cert.thumbprintSha256]);
      await directory.keyCredentials.remove(tenantA, app.id, added.keyId);
      expect(await directory.keyCredentials.certificates(tenantA, app.id)).toEqual([]);
    });

    it('keeps federated credentials with their audiences; names and issuer+subject are unique per application', async () => {
      const app = await directory.applications.create(tenantA, { displayName: 'federated' });
      const subject = "repo:o'brien/ünïcode:ref:refs/heads/main";
      const fic = await directory.federatedCredentials.create(tenantA, app.id, { name: 'contract-fic', issuer: 'https://issuer.example.com', subject });
      expect(fic).toMatchObject({ subject, audiences: ['api://AzureADTokenExchange'], description: null });
      expect(await directory.federatedCredentials.get(tenantA, app.id, 'CONTRACT-FIC')).toEqual(fic);
      expect(await directory.federatedCredentials.get(tenantA, app.id, fic.id)).toEqual(fic);
      expect(await directory.federatedCredentials.get(tenantB, app.id, fic.id)).toBeUndefined();
      const updated = await directory.federatedCredentials.update(tenantA, app.id, fic.id, { audiences: ['api://custom'], description: 'd' });
      expect(await directory.federatedCredentials.list(tenantA, app.id)).toEqual([updated]);
      const raw = { application_id: app.id, issuer: 'https://issuer.example.com', audiences: '[]', description: null, created_at: '' };
      for (const clash of [{ name: 'contract-fic', subject: 'other' }, { name: 'other', subject }]) {
        try {
          await store.tenant(tenantA).insert('federated_identity_credentials', { ...raw, ...clash, id: newGuid() });
          expect.unreachable();
        } catch (err) {
          expect(isUniqueViolation(err)).toBe(true);
        }
      }
      await directory.applications.delete(tenantA, app.id);
      expect(await directory.federatedCredentials.list(tenantA, app.id)).toEqual([]);
    });

    it('keeps the app management policy in the tenant', async () => {
      expect((await directory.appManagementPolicies.get(tenantB)).applicationRestrictions.passwordCredentials[0]?.maxLifetime).toBe('P730D');
      await directory.appManagementPolicies.update(tenantB, { applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordLifetime', maxLifetime: 'P90D' }] } });
      expect((await directory.appManagementPolicies.get(tenantB)).applicationRestrictions.passwordCredentials[0]?.maxLifetime).toBe('P90D');
      expect((await directory.appManagementPolicies.get(tenantA)).applicationRestrictions.passwordCredentials[0]?.maxLifetime).toBe('P730D');
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

    peopleContract(() => ({ directory, store, tenantA, tenantB }));

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
