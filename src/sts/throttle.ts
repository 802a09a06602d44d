/**
 * Slows down guessing of client secrets: failed attempts are counted per (tenant, client_id) in memory; past a
 * threshold within a window, each further FAILED answer is delayed with growing backoff. A correct secret is
 * never delayed and never locked out, so an attacker cannot deny service to the real client.
 */

export interface ThrottlePolicy {
  /** Failures within the window that are answered at once. */
  freeFailures: number;
  windowMs: number;
  /** Delay before answering the n-th failure past the free ones (n ≥ 1). */
  delayMs(n: number): number;
  sleep(ms: number): Promise<void>;
  now(): number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeFailures: 5,
  windowMs: 10 * 60 * 1000,
  delayMs: (n) => Math.min(5000, 250 * 2 ** (n - 1)),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

const MAX_TRACKED = 10_000;

export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE) {}

  /** Record a failed attempt and wait the backoff it earns (if any) before the caller answers. */
  async failed(tenantId: string, clientId: string): Promise<void> {
    const key = `${tenantId}|${clientId.toLowerCase()}`;
    const now = this.policy.now();
    const recent = (this.failures.get(key) ?? []).filter((t) => now - t < this.policy.windowMs);
    recent.push(now);
    // Bounded memory: a flood of random client ids must not grow the map without limit.
    if (!this.failures.has(key) && this.failures.size >= MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, recent.slice(-64));
    const over = recent.length - this.policy.freeFailures;
    if (over > 0) await this.policy.sleep(this.policy.delayMs(over));
  }
}
