import { describe, expect, it } from 'vitest';
import { credentialState, expiringCredentials, withStates } from './credential-report.js';

const NOW = Date.parse('2030-06-01T00:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW + days * DAY).toISOString();

describe('credential states and the expiring report', () => {
  it('uses the server\'s annotation, else expired / expiringSoon within 30 days / active', () => {
    expect(credentialState({ endDateTime: at(100), '@entrada.credentialState': 'expired' }, NOW)).toBe('expired');
    expect(credentialState({ endDateTime: at(-1) }, NOW)).toBe('expired');
    expect(credentialState({ endDateTime: at(0) }, NOW)).toBe('expired');
    expect(credentialState({ endDateTime: at(30) }, NOW)).toBe('expiringSoon');
    expect(credentialState({ endDateTime: at(31) }, NOW)).toBe('active');
    expect(credentialState({}, NOW)).toBe('active');
  });

  it('adds the annotation to a list only where it is missing', () => {
    const listed = withStates([{ keyId: 'a', endDateTime: at(5) }, { keyId: 'b', endDateTime: at(5), '@entrada.credentialState': 'active' }], NOW);
    expect(listed.map((c) => c['@entrada.credentialState'])).toEqual(['expiringSoon', 'active']);
    expect(withStates(undefined)).toEqual([]);
  });

  it('reports secrets and certificates that expired or expire within the window, soonest first', () => {
    const apps = [
      { appId: 'app-1', displayName: 'One', passwordCredentials: [
        { keyId: 'p-late', displayName: 'late', endDateTime: at(90) },
        { keyId: 'p-soon', displayName: 'soon', endDateTime: at(10) },
      ], keyCredentials: [{ keyId: 'k-gone', displayName: 'CN=One', endDateTime: at(-3) }] },
      { appId: 'app-2', displayName: 'Two', passwordCredentials: [{ keyId: 'p-edge', displayName: null, endDateTime: at(30) }], keyCredentials: [] },
      { appId: 'app-3', displayName: 'Three' },
    ];
    expect(expiringCredentials(apps, 30 * DAY, NOW)).toEqual([
      { appId: 'app-1', displayName: 'One', type: 'certificate', keyId: 'k-gone', credentialDisplayName: 'CN=One', endDateTime: at(-3), state: 'expired' },
      { appId: 'app-1', displayName: 'One', type: 'password', keyId: 'p-soon', credentialDisplayName: 'soon', endDateTime: at(10), state: 'expiringSoon' },
      { appId: 'app-2', displayName: 'Two', type: 'password', keyId: 'p-edge', credentialDisplayName: null, endDateTime: at(30), state: 'expiringSoon' },
    ]);
    expect(expiringCredentials(apps, 0, NOW).map((r) => r.keyId)).toEqual(['k-gone']);
    expect(expiringCredentials(apps, 100 * DAY, NOW, ['certificate']).map((r) => r.keyId)).toEqual(['k-gone']);
    expect(expiringCredentials(apps, 100 * DAY, NOW).map((r) => r.keyId)).toContain('p-late');
  });
});
