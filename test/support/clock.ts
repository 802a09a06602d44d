import type { Clock } from '../../src/lib/clock.js';

/** A clock tests can move: `offsetMs` is added to the real time, so expiry is tested without sleeping. */
export type MovableClock = Clock & { offsetMs: number };

export function movableClock(): MovableClock {
  const clock: MovableClock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
  return clock;
}
