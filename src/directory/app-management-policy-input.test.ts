import { describe, expect, it } from 'vitest';
import { applyPolicyInput, defaultPolicy, durationMs } from './app-management-policy-input.js';
import { credentialState } from './credential-state.js';

const DAY = 86_400_000;

describe('durationMs', () => {
  it('reads ISO 8601 durations, a year as 365 days and a month as 30', () => {
    expect(durationMs('P730D')).toBe(730 * DAY);
    expect(durationMs('P2Y')).toBe(730 * DAY);
    expect(durationMs('P6M')).toBe(180 * DAY);
    expect(durationMs('P4DT12H30M5S')).toBe(4 * DAY + 12 * 3_600_000 + 30 * 60_000 + 5000);
    expect(durationMs('PT1.5S')).toBe(1500);
    for (const bad of ['P', 'PT', 'P0D', '730', 'P-1D', 'P1DT', 'days']) expect(durationMs(bad)).toBeUndefined();
  });
});

describe('applyPolicyInput', () => {
  it('starts from a 24-month cap on secrets, enabled', () => {
    const policy = defaultPolicy();
    expect(policy).toMatchObject({ id: '00000000-0000-0000-0000-000000000000', isEnabled: true });
    expect(policy.applicationRestrictions.passwordCredentials).toEqual([
      { restrictionType: 'passwordLifetime', maxLifetime: 'P730D', restrictForAppsCreatedAfterDateTime: '1970-01-01T00:00:00Z', state: 'enabled' },
    ]);
  });

  it('replaces what the body gives and keeps the rest', () => {
    const next = applyPolicyInput(defaultPolicy(), {
      '@odata.type': '#microsoft.graph.tenantAppManagementPolicy',
      displayName: 'Contoso', applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordLifetime', maxLifetime: 'P365D' }] },
    });
    expect(next.displayName).toBe('Contoso');
    expect(next.isEnabled).toBe(true);
    expect(next.applicationRestrictions.passwordCredentials).toEqual([
      { restrictionType: 'passwordLifetime', maxLifetime: 'P365D', restrictForAppsCreatedAfterDateTime: '1970-01-01T00:00:00Z', state: 'enabled' },
    ]);
    const blocked = applyPolicyInput(next, { applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordAddition', maxLifetime: null, state: 'disabled' }] } });
    expect(blocked.applicationRestrictions.passwordCredentials[0]).toMatchObject({ restrictionType: 'passwordAddition', maxLifetime: null, state: 'disabled' });
    expect(applyPolicyInput(next, { isEnabled: false, applicationRestrictions: null }).applicationRestrictions.passwordCredentials).toEqual([]);
  });

  it('refuses what it would not enforce, and malformed values', () => {
    const cases: [unknown, RegExp][] = [
      ['x', /JSON object/],
      [{ nope: 1 }, /'nope' does not exist on type 'microsoft.graph.tenantAppManagementPolicy'/],
      [{ id: 'other' }, /read-only/],
      [{ isEnabled: 'yes' }, /isEnabled/],
      [{ applicationRestrictions: { passwordCredentials: [{ restrictionType: 'symmetricKeyAddition' }] } }, /'symmetricKeyAddition' is not supported/],
      [{ applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordLifetime', maxLifetime: '2 years' }] } }, /ISO 8601 duration/],
      [{ applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordLifetime' }] } }, /required for passwordLifetime/],
      [{ applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordAddition', maxLifetime: 'P1D' }] } }, /passwordLifetime only/],
      [{ applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordAddition' }, { restrictionType: 'passwordAddition' }] } }, /only once per policy/],
      [{ applicationRestrictions: { passwordCredentials: [{ restrictionType: 'passwordAddition', restrictForAppsCreatedAfterDateTime: 'soon' }] } }, /restrictForAppsCreatedAfterDateTime/],
      [{ applicationRestrictions: { keyCredentials: [{ restrictionType: 'asymmetricKeyLifetime', maxLifetime: 'P90D' }] } }, /not supported by Entrada yet/],
      [{ servicePrincipalRestrictions: { passwordCredentials: [{ restrictionType: 'passwordAddition' }] } }, /servicePrincipalRestrictions must be empty/],
    ];
    for (const [input, message] of cases) expect(() => applyPolicyInput(defaultPolicy(), input)).toThrow(message);
  });
});

describe('credentialState', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  it('is active, expiring within 30 days, or expired', () => {
    expect(credentialState('2030-03-01T00:00:00Z', now)).toBe('active');
    expect(credentialState('2030-01-31T00:00:01Z', now)).toBe('active');
    expect(credentialState('2030-01-31T00:00:00Z', now)).toBe('expiringSoon');
    expect(credentialState('2030-01-01T00:00:01Z', now)).toBe('expiringSoon');
    expect(credentialState('2030-01-01T00:00:00Z', now)).toBe('expired');
    expect(credentialState('garbage', now)).toBe('expired');
  });
});
