import { isGuid, newGuid } from '../lib/ids.js';
import { isUniqueViolation } from '../store/store.js';
import { nowIso, type DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';
import type { ServicePrincipals } from './service-principals.js';
import type { Groups } from './groups.js';
import type { Users } from './users.js';

/** Graph's appRoleAssignment. */
export interface AppRoleAssignment {
  id: string;
  appRoleId: string;
  createdDateTime: string;
  deletedDateTime: null;
  principalDisplayName: string;
  principalId: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal';
  resourceDisplayName: string;
  resourceId: string;
}

/** The default-access role id: an assignment with no specific role. */
export const DEFAULT_ACCESS_ROLE = '00000000-0000-0000-0000-000000000000';

/** App role assignments: who holds which app role of which resource service principal. */
export class AppRoleAssignments {
  constructor(
    private readonly ctx: DirectoryContext,
    private readonly sps: ServicePrincipals,
    private readonly users: Users,
    private readonly groups: Groups,
  ) {}

  async create(tenantId: string, input: { principalId?: unknown; resourceId?: unknown; appRoleId?: unknown }): Promise<AppRoleAssignment> {
    for (const key of ['principalId', 'resourceId', 'appRoleId'] as const) {
      if (!isGuid(input[key])) throw new DirectoryError('invalid', `Invalid value specified for property '${key}' of resource 'AppRoleAssignment'.`, key);
    }
    const principalId = (input.principalId as string).toLowerCase();
    const resourceId = (input.resourceId as string).toLowerCase();
    const appRoleId = (input.appRoleId as string).toLowerCase();
    const resource = await this.sps.get(tenantId, resourceId);
    if (!resource) throw new DirectoryError('not_found', `Resource '${resourceId}' does not exist or one of its queried reference-property objects are not present.`, 'resourceId');
    if (appRoleId !== DEFAULT_ACCESS_ROLE && !resource.appRoles.some((r) => r.id === appRoleId && r.isEnabled !== false)) {
      throw new DirectoryError('invalid', 'Permission being assigned was not found on application', 'appRoleId');
    }
    const principal = await this.principal(tenantId, principalId);
    if (!principal) throw new DirectoryError('not_found', `Resource '${principalId}' does not exist or one of its queried reference-property objects are not present.`, 'principalId');
    const role = resource.appRoles.find((r) => r.id === appRoleId);
    const member = principal.type === 'ServicePrincipal' ? 'Application' : 'User';
    if (role && !role.allowedMemberTypes.includes(member)) {
      throw new DirectoryError('invalid', `The app role '${role.value}' may not be assigned to a principal of type ${principal.type}.`, 'appRoleId');
    }
    const id = newGuid();
    const createdDateTime = nowIso(this.ctx);
    try {
      await this.ctx.store.tenant(tenantId).insert('app_role_assignments', {
        id, principal_id: principalId, principal_type: principal.type, principal_display_name: principal.displayName,
        resource_id: resourceId, app_role_id: appRoleId, created_at: createdDateTime,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DirectoryError('conflict', 'Permission being assigned already exists on the object', 'appRoleId');
      throw err;
    } finally {
      this.ctx.cache.invalidate(tenantId);
    }
    return {
      id, appRoleId, createdDateTime, deletedDateTime: null, principalDisplayName: principal.displayName,
      principalId, principalType: principal.type, resourceDisplayName: resource.displayName, resourceId,
    };
  }

  async listForResource(tenantId: string, resourceId: string): Promise<AppRoleAssignment[]> {
    return this.list(tenantId, 'resource_id', resourceId);
  }

  async listForPrincipal(tenantId: string, principalId: string): Promise<AppRoleAssignment[]> {
    return this.list(tenantId, 'principal_id', principalId);
  }

  async delete(tenantId: string, resourceId: string, id: string): Promise<void> {
    const result = await this.ctx.store.tenant(tenantId).deleteFrom('app_role_assignments')
      .where('resource_id', '=', resourceId).where('id', '=', id).executeTakeFirst();
    this.ctx.cache.invalidate(tenantId);
    if (Number(result.numDeletedRows) === 0) {
      throw new DirectoryError('not_found', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
    }
  }

  /** Values of the app roles a principal holds on a resource: the `roles` claim. Cached for the token path. */
  roleValues(tenantId: string, principalId: string, resourceId: string): Promise<string[]> {
    return this.ctx.cache.get(tenantId, `approles:${principalId}:${resourceId}`, async () => {
      const resource = await this.sps.get(tenantId, resourceId);
      const rows = await this.ctx.store.tenant(tenantId).selectFrom('app_role_assignments').select('app_role_id')
        .where('principal_id', '=', principalId).where('resource_id', '=', resourceId).execute();
      const ids = new Set(rows.map((r) => r.app_role_id));
      return (resource?.appRoles ?? []).filter((r) => ids.has(r.id) && r.isEnabled !== false && r.value).map((r) => r.value as string);
    });
  }

  /**
   * The `roles` of a user token for a resource: app roles assigned to the user directly or to any group the user is
   * a direct member of (Entra ignores nested groups for app role assignment). Cached for the token path.
   */
  roleValuesForUser(tenantId: string, userId: string, resourceSpId: string): Promise<string[]> {
    return this.ctx.cache.get(tenantId, `userroles:${userId}:${resourceSpId}`, async () => {
      const principals = [userId.toLowerCase(), ...await this.groups.groupsOf(tenantId, userId)];
      const resource = await this.sps.get(tenantId, resourceSpId);
      const rows = await this.ctx.store.tenant(tenantId).selectFrom('app_role_assignments').select('app_role_id')
        .where('principal_id', 'in', principals).where('resource_id', '=', resourceSpId.toLowerCase()).execute();
      const ids = new Set(rows.map((r) => r.app_role_id));
      return (resource?.appRoles ?? []).filter((r) => ids.has(r.id) && r.isEnabled !== false && r.value).map((r) => r.value as string);
    });
  }

  private async list(tenantId: string, column: 'resource_id' | 'principal_id', value: string): Promise<AppRoleAssignment[]> {
    if (!isGuid(value)) return [];
    const rows = await this.ctx.store.tenant(tenantId).selectFrom('app_role_assignments').selectAll()
      .where(column, '=', value.toLowerCase()).orderBy('created_at').execute();
    const names = new Map<string, string>();
    const out: AppRoleAssignment[] = [];
    for (const r of rows) {
      if (!names.has(r.resource_id)) names.set(r.resource_id, (await this.sps.get(tenantId, r.resource_id))?.displayName ?? '');
      out.push({
        id: r.id, appRoleId: r.app_role_id, createdDateTime: r.created_at, deletedDateTime: null,
        principalDisplayName: r.principal_display_name, principalId: r.principal_id,
        principalType: r.principal_type as AppRoleAssignment['principalType'], resourceDisplayName: names.get(r.resource_id)!,
        resourceId: r.resource_id,
      });
    }
    return out;
  }

  private async principal(tenantId: string, id: string): Promise<{ type: AppRoleAssignment['principalType']; displayName: string } | undefined> {
    const sp = await this.sps.get(tenantId, id);
    if (sp) return { type: 'ServicePrincipal', displayName: sp.displayName };
    const user = await this.users.get(tenantId, id);
    if (user) return { type: 'User', displayName: user.displayName };
    const group = await this.groups.get(tenantId, id);
    if (group) return { type: 'Group', displayName: group.displayName };
    return undefined;
  }
}
