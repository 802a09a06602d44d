/** Changes to an application's requiredResourceAccess (the permissions it requests). */
import type { RequiredResourceAccess } from '../../../api/types';

export type PermissionType = 'Scope' | 'Role';

/** requiredResourceAccess with these permissions added (none twice). */
export function withPermissions(current: RequiredResourceAccess[], resourceAppId: string, type: PermissionType, ids: string[]): RequiredResourceAccess[] {
  const list = current.map((r) => ({ ...r, resourceAccess: [...r.resourceAccess] }));
  let entry = list.find((r) => r.resourceAppId.toLowerCase() === resourceAppId.toLowerCase());
  if (!entry) list.push(entry = { resourceAppId, resourceAccess: [] });
  for (const id of ids) {
    if (!entry.resourceAccess.some((a) => a.id.toLowerCase() === id.toLowerCase() && a.type === type)) entry.resourceAccess.push({ id, type });
  }
  return list;
}

/** requiredResourceAccess without one permission (and without an API left with none). */
export function withoutPermission(current: RequiredResourceAccess[], resourceAppId: string, type: PermissionType, id: string): RequiredResourceAccess[] {
  return current
    .map((r) => (r.resourceAppId !== resourceAppId ? r : { ...r, resourceAccess: r.resourceAccess.filter((a) => !(a.id === id && a.type === type)) }))
    .filter((r) => r.resourceAccess.length > 0);
}
