/** Application owners on a real database: add once, list, remove, scoped to the tenant. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { bootstrap } from './bootstrap.js';
import { Directory } from './directory.js';

export function applicationOwnersContract(name: string, open: () => Promise<{ store: Store; cleanup(): Promise<void> }>): void {
  describe(`application owners: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let directory: Directory;
    let tenantId: string;
    let otherTenantId: string;
    beforeAll(async () => {
      ({ store, cleanup } = await open());
      directory = new Directory({ store, encryptionKey: Buffer.alloc(32, 5), publicUrl: () => 'https://localhost:8443' });
      tenantId = (await bootstrap(directory, { tenantDomain: 'owners.test', adminPassword: 'Passw0rd!x', fhirService: 'none' })).tenant.id;
      otherTenantId = (await directory.tenants.create({ displayName: 'Other', domain: 'other-owners.test' })).id;
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    it('adds an owner once, lists it, and removes it', async () => {
      const user = await directory.users.create(tenantId, { userPrincipalName: 'owner@owners.test', displayName: 'Owner', password: 'Passw0rd!x' });
      const app = await directory.applications.create(tenantId, { displayName: 'Owned' });
      expect(await directory.applications.owners(tenantId, app.id)).toEqual([]);
      expect(await directory.applications.addOwner(tenantId, app.id, user.id)).toBe(true);
      expect(await directory.applications.addOwner(tenantId, app.id, user.id)).toBe(false);
      expect(await directory.applications.owners(tenantId, app.id)).toEqual([user.id]);
      // Another tenant sees nothing of it and cannot remove it.
      expect(await directory.applications.owners(otherTenantId, app.id)).toEqual([]);
      expect(await directory.applications.removeOwner(otherTenantId, app.id, user.id)).toBe(false);
      expect(await directory.applications.removeOwner(tenantId, app.id, user.id)).toBe(true);
      expect(await directory.applications.removeOwner(tenantId, app.id, user.id)).toBe(false);
      expect(await directory.applications.owners(tenantId, app.id)).toEqual([]);
    });
  });
}
