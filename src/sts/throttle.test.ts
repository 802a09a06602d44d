import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE, FailureThrottle, type ThrottlePolicy } from './throttle.js';

function recording(now = { t: 0 }): { policy: ThrottlePolicy; slept: number[]; now: { t: number } } {
  const slept: number[] = [];
  return { slept, now, policy: { ...DEFAULT_THROTTLE, sleep: async (ms) => void slept.push(ms), now: () => now.t } };
}

describe('FailureThrottle', () => {
  it('answers five failures at once, then backs off exponentially up to 5 s', async () => {
    const { policy, slept } = recording();
    const throttle = new FailureThrottle(policy);
    for (let i = 0; i < 12; i++) await throttle.failed('t', 'c');
    expect(slept).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('counts per tenant and client, case-insensitively, within a 10-minute window', async () => {
    const { policy, slept, now } = recording();
    const throttle = new FailureThrottle(policy);
    for (let i = 0; i < 5; i++) await throttle.failed('t', 'ABC');
    await throttle.failed('other-tenant', 'abc');
    await throttle.failed('t', 'other-client');
    expect(slept).toEqual([]);
    await throttle.failed('t', 'abc');
    expect(slept).toEqual([250]);
    now.t += 10 * 60 * 1000;
    await throttle.failed('t', 'abc');
    expect(slept).toEqual([250]);
  });
});
