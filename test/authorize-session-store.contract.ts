/** SSO sessions on a real database: only hashes stored, lookup across tenants, idle expiry, sign-out, per-user end. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../src/directory/bootstrap.js';
import { Directory } from '../src/directory/directory.js';
import { SESSION_IDLE_MS } from '../src/directory/sessions.js';
import type { Store } from '../src/store/store.js';

export function sessionStoreContract(name: string, open: () => Promise<{ store: Store; cleanup(): Promise<void> }>): void {
  describe(`SSO sessions: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let directory: Directory;
    let tenantId: string;
    let otherTenant: string;
    const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
    beforeAll(async () => {
      ({ store, cleanup } = await open());
      directory = new Directory({ store, encryptionKey: Buffer.alloc(32, 5), publicUrl: () => 'https://localhost:8443', clock });
      tenantId = (await bootstrap(directory, { tenantDomain: 'sessions.test', adminPassword: 'Passw0rd!x', fhirService: 'none' })).tenant.id;
      otherTenant = (await directory.tenants.create({ displayName: 'Other', domain: 'other-sessions.test' })).id;
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    it('keeps only a hash; finds live sessions of any tenant in the cookie\'s order', async () => {
      const a = await directory.sessions.create(tenantId, 'user-a');
      const b = await directory.sessions.create(otherTenant, 'user-b');
      expect(JSON.stringify(await store.db.selectFrom('sessions').selectAll().execute())).not.toContain(a.token);
      const found = await directory.sessions.find([b.token, 'x'.repeat(43), a.token]);
      expect(found.map((s) => [s.sid, s.tenantId, s.userId])).toEqual([[b.sid, otherTenant, 'user-b'], [a.sid, tenantId, 'user-a']]);
      expect(found[1]!.authTime).toBe(a.authTime);
      expect(await directory.sessions.find([])).toEqual([]);
    });

    it('expires after the idle time unless used, and ends on sign-out or for a user', async () => {
      const s = await directory.sessions.create(tenantId, 'user-c');
      clock.offsetMs += SESSION_IDLE_MS - 60_000;
      const [live] = await directory.sessions.find([s.token]);
      await directory.sessions.touch(live!);
      clock.offsetMs += SESSION_IDLE_MS - 60_000;
      expect(await directory.sessions.find([s.token])).toHaveLength(1);
      clock.offsetMs += SESSION_IDLE_MS;
      expect(await directory.sessions.find([s.token])).toEqual([]);
      clock.offsetMs = 0;

      const t1 = await directory.sessions.create(tenantId, 'user-d');
      const t2 = await directory.sessions.create(tenantId, 'user-d');
      const t3 = await directory.sessions.create(tenantId, 'user-e');
      await directory.sessions.end([t1.token]);
      expect((await directory.sessions.find([t1.token, t2.token, t3.token])).map((x) => x.sid)).toEqual([t2.sid, t3.sid]);
      await directory.sessions.endForUser(tenantId, 'user-d');
      expect((await directory.sessions.find([t2.token, t3.token])).map((x) => x.sid)).toEqual([t3.sid]);
      await directory.sessions.prune();
    });

    it('ends a user\'s sessions when an admin resets the password or disables the account, and on delete', async () => {
      const user = await directory.users.create(tenantId, { userPrincipalName: 'sso-user@sessions.test', displayName: 'SSO', password: 'First-Passw0rd!' });
      const first = await directory.sessions.create(tenantId, user.id);
      await directory.users.setPassword(tenantId, user.id, 'Second-Passw0rd!', false);
      expect(await directory.sessions.find([first.token])).toEqual([]);
      const second = await directory.sessions.create(tenantId, user.id);
      await directory.users.update(tenantId, user.id, { accountEnabled: false });
      expect(await directory.sessions.find([second.token])).toEqual([]);
      await directory.sessions.create(tenantId, user.id);
      await directory.users.delete(tenantId, user.id);
      expect(await store.db.selectFrom('sessions').select('user_id').where('user_id', '=', user.id).execute()).toEqual([]);
    });
  });
}
