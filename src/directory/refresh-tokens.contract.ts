/** Refresh-token families on a real database: what a family remembers, atomic use-up, family revocation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { bootstrap } from './bootstrap.js';
import { Directory } from './directory.js';
import type { NewRefreshToken } from './refresh-tokens.js';

export function refreshTokensContract(name: string, open: () => Promise<{ store: Store; cleanup(): Promise<void> }>): void {
  describe(`refresh tokens: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let directory: Directory;
    let tenantId: string;
    let userId: string;
    beforeAll(async () => {
      ({ store, cleanup } = await open());
      directory = new Directory({ store, encryptionKey: Buffer.alloc(32, 5), publicUrl: () => 'https://localhost:8443' });
      const first = await bootstrap(directory, { tenantDomain: 'tokens.test', adminPassword: 'Sunny-Day-42!', fhirService: 'none' });
      tenantId = first.tenant.id;
      userId = (await directory.users.getByUpn(tenantId, first.adminUserPrincipalName))!.id;
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    const input = (extra: Partial<NewRefreshToken> = {}): NewRefreshToken => ({
      clientId: '04B07795-8DDB-461A-BBEE-02F9E1BF7B46', userId, scope: 'openid offline_access', resource: 'https://graph.microsoft.com',
      clientType: 'spa', authTime: 1_700_000_000, sessionId: 'sid-1', ...extra,
    });

    it('remembers the family: client type, start, auth time and session, carried to the next token', async () => {
      const first = await directory.refreshTokens.issue(tenantId, input());
      const record = (await directory.refreshTokens.find(first))!;
      expect(record).toMatchObject({ clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', clientType: 'spa', authTime: 1_700_000_000, sessionId: 'sid-1', revoked: false });
      const next = await directory.refreshTokens.issue(tenantId, input({ family: { id: record.familyId, startedAt: new Date('2024-01-02T03:04:05.000Z') } }));
      expect(await directory.refreshTokens.find(next)).toMatchObject({ familyId: record.familyId, familyStartedAt: new Date('2024-01-02T03:04:05.000Z') });
    });

    it('uses a token up once, even when two redemptions race', async () => {
      const token = await directory.refreshTokens.issue(tenantId, input());
      const results = await Promise.all([directory.refreshTokens.consume(tenantId, token), directory.refreshTokens.consume(tenantId, token)]);
      expect(results.sort()).toEqual([false, true]);
      expect((await directory.refreshTokens.find(token))?.revoked).toBe(true);
    });

    it('revokes a whole family and nothing else', async () => {
      const a = await directory.refreshTokens.issue(tenantId, input({ familyId: 'family-a' }));
      const b = await directory.refreshTokens.issue(tenantId, input({ family: { id: 'family-a', startedAt: new Date() } }));
      const other = await directory.refreshTokens.issue(tenantId, input());
      await directory.refreshTokens.revokeFamily(tenantId, 'family-a');
      expect((await directory.refreshTokens.find(a))?.revoked).toBe(true);
      expect((await directory.refreshTokens.find(b))?.revoked).toBe(true);
      expect((await directory.refreshTokens.find(other))?.revoked).toBe(false);
    });

    it('reads a token stored before families had a client type', async () => {
      const token = await directory.refreshTokens.issue(tenantId, input());
      await store.tenant(tenantId).updateTable('refresh_tokens').set({ client_type: null, family_started_at: null, auth_time: null, session_id: null }).execute();
      const record = (await directory.refreshTokens.find(token))!;
      expect(record.clientType).toBeNull();
      expect(record.familyStartedAt).toEqual(record.createdAt);
      expect(record).not.toHaveProperty('authTime');
    });
  });
}
