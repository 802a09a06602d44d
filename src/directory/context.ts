import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/store.js';
import type { TenantCache } from './cache.js';

/** What every directory service is built from. The public URL is a function: it is known only once listening. */
export interface DirectoryContext {
  store: Store;
  cache: TenantCache;
  clock: Clock;
  publicUrl: () => string;
}

export function nowIso(ctx: DirectoryContext): string {
  return ctx.clock.now().toISOString();
}

export function parseData<T>(json: string): T {
  return JSON.parse(json) as T;
}
