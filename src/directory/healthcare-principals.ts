import { isGuid } from '../lib/ids.js';
import type { Groups } from './groups.js';
import type { ServicePrincipals } from './service-principals.js';
import type { Users } from './users.js';

export type PrincipalType = 'User' | 'Group' | 'ServicePrincipal';

/** Who a role assignment is for: a user, a group or a service principal of the tenant. */
export interface AssignablePrincipal { id: string; type: PrincipalType; displayName: string; /** UPN or appId. */ name: string | null }

/**
 * The principal `az role assignment create --assignee` would find: a user by UPN or object id, a service principal
 * by appId or object id, or a group by object id.
 */
export async function findPrincipal(
  parts: { users: Users; groups: Groups; sps: ServicePrincipals }, tenantId: string, assignee: string,
): Promise<AssignablePrincipal | undefined> {
  const key = assignee.trim();
  if (!isGuid(key as unknown)) {
    const user = key.includes('@') ? await parts.users.getByUpn(tenantId, key) : undefined;
    return user ? { id: user.id, type: 'User', displayName: user.displayName, name: user.userPrincipalName } : undefined;
  }
  const id = key.toLowerCase();
  const user = await parts.users.get(tenantId, id);
  if (user) return { id: user.id, type: 'User', displayName: user.displayName, name: user.userPrincipalName };
  const sp = await parts.sps.get(tenantId, id) ?? await parts.sps.get(tenantId, id, 'appId');
  if (sp) return { id: sp.id, type: 'ServicePrincipal', displayName: sp.displayName, name: sp.appId };
  const group = await parts.groups.get(tenantId, id);
  if (group) return { id: group.id, type: 'Group', displayName: group.displayName, name: null };
  return undefined;
}
