import type { Directory } from '../directory/directory.js';
import type { Tenant } from '../directory/tenants.js';
import { StsError } from './errors.js';

/**
 * The tenant a request names in its first path segment: a real tenant (by GUID or any of its domains), or one
 * of the multi-tenant aliases whose tenant is found later (from the user's domain, or from a refresh token).
 */
export type TenantRef =
  | { kind: 'tenant'; tenant: Tenant; segment: string }
  | { kind: 'common' | 'organizations'; segment: string };

/** Resolve a path segment case-insensitively; unknown → AADSTS90002. `consumers` (personal accounts) has no tenant here. */
export async function resolveTenant(directory: Directory, segment: string, error?: 'invalid_tenant'): Promise<TenantRef> {
  const lower = segment.toLowerCase();
  if (lower === 'common' || lower === 'organizations') return { kind: lower, segment: lower };
  const tenant = await directory.tenants.resolve(lower);
  if (!tenant) throw new StsError(90002, { tenant: segment }, undefined, error ? { error } : {});
  return { kind: 'tenant', tenant, segment };
}
