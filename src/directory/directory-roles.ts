import { newGuid } from '../lib/ids.js';
import { isUniqueViolation } from '../store/store.js';
import { nowIso, type DirectoryContext } from './context.js';

/** Built-in directory role templates (Entra's real template ids). */
export const DIRECTORY_ROLES = {
  globalAdministrator: { id: '62e90394-69f5-4237-9190-012177145e10', displayName: 'Global Administrator' },
  applicationAdministrator: { id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', displayName: 'Application Administrator' },
  cloudApplicationAdministrator: { id: '158c047a-c907-4556-b7ef-446551a6b5f7', displayName: 'Cloud Application Administrator' },
  userAdministrator: { id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', displayName: 'User Administrator' },
  groupsAdministrator: { id: 'fdd7a751-b60b-444a-984c-02652fe8fa1c', displayName: 'Groups Administrator' },
  directoryReaders: { id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', displayName: 'Directory Readers' },
} as const;

/** Roles that may manage every app registration and service principal in the tenant. */
export const APP_ADMIN_ROLES: readonly string[] = [
  DIRECTORY_ROLES.globalAdministrator.id, DIRECTORY_ROLES.applicationAdministrator.id,
  DIRECTORY_ROLES.cloudApplicationAdministrator.id,
];

/** Roles that may create, change and delete users (passwords included). */
export const USER_ADMIN_ROLES: readonly string[] = [DIRECTORY_ROLES.globalAdministrator.id, DIRECTORY_ROLES.userAdministrator.id];

/** Roles that may manage every group and its members. */
export const GROUP_ADMIN_ROLES: readonly string[] = [...USER_ADMIN_ROLES, DIRECTORY_ROLES.groupsAdministrator.id];

/** Directory role membership of users. */
export class DirectoryRoles {
  constructor(private readonly ctx: DirectoryContext) {}

  async assign(tenantId: string, principalId: string, roleTemplateId: string): Promise<void> {
    try {
      await this.ctx.store.tenant(tenantId).insert('directory_role_assignments', {
        id: newGuid(), principal_id: principalId, role_template_id: roleTemplateId, created_at: nowIso(this.ctx),
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    } finally {
      this.ctx.cache.invalidate(tenantId);
    }
  }

  /** Template ids of the roles a principal holds. Cached; used on every Graph call. */
  rolesOf(tenantId: string, principalId: string): Promise<string[]> {
    return this.ctx.cache.get(tenantId, `roles:${principalId}`, async () => {
      const rows = await this.ctx.store.tenant(tenantId).selectFrom('directory_role_assignments').select('role_template_id')
        .where('principal_id', '=', principalId).execute();
      return rows.map((r) => r.role_template_id);
    });
  }
}
