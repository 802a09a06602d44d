/** Entries per tenant before the tenant's cache starts over: lookups of made-up names are cached too (as misses). */
const MAX_ENTRIES_PER_TENANT = 50_000;

/**
 * Per-tenant read cache for the token hot path. Every directory write to a tenant clears that tenant's
 * entries, so a change is seen by the next request. It is in-process: several Entrada processes over one
 * PostgreSQL would each need their own invalidation signal.
 */
export class TenantCache {
  private readonly tenants = new Map<string, Map<string, Promise<unknown>>>();
  /** Home tenant → tenants whose entries were built from its data (a multi-tenant app seen from elsewhere). */
  private readonly dependents = new Map<string, Set<string>>();

  get<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
    let entries = this.tenants.get(tenantId);
    if (!entries) {
      entries = new Map();
      this.tenants.set(tenantId, entries);
    }
    const hit = entries.get(key);
    if (hit) return hit as Promise<T>;
    // Bounded memory: token requests naming random clients or resources must not grow the cache without limit.
    if (entries.size >= MAX_ENTRIES_PER_TENANT) entries.clear();
    const pending = load();
    entries.set(key, pending);
    // A failed load is not remembered.
    pending.catch(() => entries.get(key) === pending && entries.delete(key));
    return pending;
  }

  /**
   * Entries of `tenantId` are being built from `sourceTenantId`'s data (a multi-tenant app's service principal or
   * client, whose application and credentials live in its home tenant): a write there must clear them too.
   */
  link(tenantId: string, sourceTenantId: string): void {
    if (tenantId === sourceTenantId) return;
    let set = this.dependents.get(sourceTenantId);
    if (!set) this.dependents.set(sourceTenantId, (set = new Set()));
    set.add(tenantId);
  }

  invalidate(tenantId: string): void {
    this.tenants.delete(tenantId);
    const dependents = this.dependents.get(tenantId);
    if (!dependents) return;
    // Links are made again by the loads that need them, so each write starts the set over.
    this.dependents.delete(tenantId);
    for (const dependent of dependents) this.tenants.delete(dependent);
  }

  clear(): void {
    this.tenants.clear();
    this.dependents.clear();
  }
}
