/** Authorization and device codes on a real database: single use, expiry, the device flow's states. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import type { AuthorizationCodeGrant } from './authorization-codes.js';
import { bootstrap } from './bootstrap.js';
import { Directory } from './directory.js';

export function signInCodesContract(name: string, open: () => Promise<{ store: Store; cleanup(): Promise<void> }>): void {
  describe(`sign-in codes: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let directory: Directory;
    let tenantId: string;
    const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
    beforeAll(async () => {
      ({ store, cleanup } = await open());
      directory = new Directory({ store, encryptionKey: Buffer.alloc(32, 3), publicUrl: () => 'https://localhost:8443', clock });
      tenantId = (await bootstrap(directory, { tenantDomain: 'codes.test', adminPassword: 'Passw0rd!x', fhirService: 'none' })).tenant.id;
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    const grant = (): AuthorizationCodeGrant => ({
      tenantId, tenantSegment: 'codes.test', version: 2, clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', userId: 'u1',
      redirectUri: 'http://localhost:1234', platform: 'publicClient', scope: 'openid offline_access', authTime: 1,
      codeChallenge: 'abc', codeChallengeMethod: 'S256',
    });

    it('redeems an authorization code once; a second redemption is "used", even when concurrent', async () => {
      const code = await directory.authorizationCodes.issue(grant());
      const [a, b] = await Promise.all([directory.authorizationCodes.redeem(code), directory.authorizationCodes.redeem(code)]);
      expect([a.status, b.status].sort()).toEqual(['ok', 'used']);
      expect((await directory.authorizationCodes.redeem(code)).status).toBe('used');
      expect((await directory.authorizationCodes.redeem('nope')).status).toBe('unknown');
      const rows = await store.db.selectFrom('authorization_codes').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(code);
    });

    it('expires an authorization code after 10 minutes', async () => {
      const code = await directory.authorizationCodes.issue(grant());
      clock.offsetMs = 10 * 60 * 1000 + 1;
      expect((await directory.authorizationCodes.redeem(code)).status).toBe('expired');
      clock.offsetMs = 0;
    });

    it('walks a device code through pending, approved, redeemed; and declined, expired', async () => {
      const request = { tenantId, tenantSegment: tenantId, version: 2 as const, clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', scope: 'openid' };
      const { deviceCode, userCode } = await directory.deviceCodes.create(request);
      expect(userCode).toMatch(/^[A-Z2-9]{9}$/);
      expect((await directory.deviceCodes.poll(deviceCode)).status).toBe('pending');
      expect((await directory.deviceCodes.findByUserCode(userCode.toLowerCase()))?.request.clientId).toBe(request.clientId);
      expect(await directory.deviceCodes.approve(userCode, 'user-1', 42)).toBe(true);
      expect(await directory.deviceCodes.decline(userCode)).toBe(false);
      const approved = await directory.deviceCodes.poll(deviceCode);
      expect(approved).toMatchObject({ status: 'approved', record: { userId: 'user-1', authTime: 42 } });
      expect((await directory.deviceCodes.poll(deviceCode)).status).toBe('redeemed');

      const second = await directory.deviceCodes.create(request);
      expect(await directory.deviceCodes.decline(second.userCode)).toBe(true);
      expect((await directory.deviceCodes.poll(second.deviceCode)).status).toBe('declined');

      const third = await directory.deviceCodes.create(request);
      clock.offsetMs = 15 * 60 * 1000 + 1;
      expect((await directory.deviceCodes.poll(third.deviceCode)).status).toBe('expired');
      expect(await directory.deviceCodes.approve(third.userCode, 'user-1', 1)).toBe(false);
      clock.offsetMs = 0;
    });
  });
}
