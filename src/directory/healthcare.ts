import { newGuid } from '../lib/ids.js';
import { isUniqueViolation } from '../store/store.js';
import { nowIso, type DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';
import { fhirServiceUrl } from './fhir-urls.js';
import { HEALTHCARE_APP_ID } from './first-party.js';
import type { Groups } from './groups.js';
import { checkHealthcareName, fhirPathSegment } from './healthcare-names.js';
import { findPrincipal, type AssignablePrincipal } from './healthcare-principals.js';
import { fhirRole, FHIR_ROLES, type FhirRole } from './healthcare-roles.js';
import type { ServicePrincipals } from './service-principals.js';
import type { Users } from './users.js';

export interface Workspace { id: string; name: string; createdDateTime: string }
export interface FhirService { id: string; workspace: string; name: string; url: string; createdDateTime: string }
export interface RoleAssignment {
  id: string; principalId: string; principalType: string; roleDefinitionId: string; roleDefinitionName: string;
  scope: string; createdDateTime: string;
}

/** Which role assignments to list: all of the tenant's, or those on one scope, of one principal, of one role. */
export interface RoleAssignmentFilter { principalId?: string; role?: string }

/** The prefix of ARM resource ids of a tenant's Healthcare APIs resources (subscription = tenant, one resource group). */
export function armProviderPrefix(tenantId: string): string {
  return `/subscriptions/${tenantId}/resourceGroups/entrada/providers/Microsoft.HealthcareApis`;
}

/** Healthcare APIs records: workspaces, FHIR services, and Azure RBAC role assignments on them. */
export class Healthcare {
  /** `{workspace}-{service}` → the deployed service, across tenants; cleared whenever a service is created or deleted. */
  private bySegment = new Map<string, Promise<(FhirService & { tenantId: string }) | undefined>>();
  constructor(
    private readonly ctx: DirectoryContext, private readonly sps: ServicePrincipals, private readonly groups: Groups,
    private readonly users?: Users,
  ) {}

  /**
   * The FHIR roles a principal holds on one FHIR service: its own assignments and those of the groups it is a
   * direct member of. Read through the tenant cache, which every directory write clears, so an assignment
   * takes effect on the next request.
   */
  fhirRolesOf(tenantId: string, workspace: string, service: string, principalId: string): Promise<FhirRole[]> {
    const oid = principalId.toLowerCase();
    const scope = resourceId({ workspace, name: service });
    return this.ctx.cache.get(tenantId, `fhirroles:${scope}:${oid}`, async () => {
      const principals = [oid, ...await this.groups.groupsOf(tenantId, oid)];
      const rows = await this.ctx.store.tenant(tenantId).selectFrom('role_assignments').select('role_definition_id')
        .where('scope', '=', scope).where('principal_id', 'in', principals).execute();
      const ids = new Set(rows.map((r) => r.role_definition_id));
      return FHIR_ROLES.filter((r) => ids.has(r.id));
    });
  }

  /** Create a workspace. Its name is unique across tenants, as Azure's are (it is part of every FHIR service URL). */
  async createWorkspace(tenantId: string, name: string): Promise<Workspace> {
    checkHealthcareName(name, 'workspace');
    if (await this.workspace(tenantId, name)) throw new DirectoryError('conflict', `A workspace named '${name}' already exists.`);
    const ws: Workspace = { id: newGuid(), name, createdDateTime: nowIso(this.ctx) };
    await this.insert(tenantId, () => this.ctx.store.tenant(tenantId).insert('healthcare_workspaces', { id: ws.id, name, created_at: ws.createdDateTime }),
      `The workspace name '${name}' is not available: workspace names are unique across all tenants.`);
    return ws;
  }

  async workspaces(tenantId: string): Promise<Workspace[]> {
    const rows = await this.ctx.store.tenant(tenantId).selectFrom('healthcare_workspaces').selectAll().orderBy('created_at').orderBy('name').execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdDateTime: row.created_at }));
  }

  /** Delete an empty workspace; one that still holds FHIR services is refused, as Azure refuses it. */
  async deleteWorkspace(tenantId: string, name: string): Promise<void> {
    const ws = await this.workspace(tenantId, name);
    if (!ws) throw new DirectoryError('not_found', `Workspace '${name}' not found.`);
    const services = (await this.fhirServices(tenantId)).filter((s) => s.workspace === name);
    if (services.length > 0) {
      throw new DirectoryError('conflict', `Workspace '${name}' still contains FHIR services (${services.map((s) => s.name).join(', ')}); delete them first.`);
    }
    await this.ctx.store.tenant(tenantId).deleteFrom('healthcare_workspaces').where('id', '=', ws.id).execute();
    this.ctx.cache.invalidate(tenantId);
  }

  async workspace(tenantId: string, name: string): Promise<Workspace | undefined> {
    const row = await this.ctx.store.tenant(tenantId).selectFrom('healthcare_workspaces').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? { id: row.id, name: row.name, createdDateTime: row.created_at } : undefined;
  }

  /** Deploy a FHIR service; the first deployment in a tenant brings the Azure Healthcare APIs principal. */
  async createFhirService(tenantId: string, workspaceName: string, name: string): Promise<FhirService> {
    checkHealthcareName(name, 'FHIR service');
    const ws = await this.workspace(tenantId, workspaceName);
    if (!ws) throw new DirectoryError('not_found', `Workspace '${workspaceName}' not found.`);
    if (await this.fhirService(tenantId, workspaceName, name)) {
      throw new DirectoryError('conflict', `A FHIR service named '${name}' already exists in workspace '${workspaceName}'.`);
    }
    const id = newGuid();
    const createdDateTime = nowIso(this.ctx);
    const segment = fhirPathSegment(ws.name, name);
    await this.insert(tenantId, () => this.ctx.store.tenant(tenantId).insert('fhir_services', { id, workspace_id: ws.id, name, path_segment: segment, created_at: createdDateTime }),
      `The FHIR service URL '/fhir/${segment}' is already taken by another workspace's service; choose another name.`);
    this.bySegment.clear();
    await this.sps.ensure(tenantId, HEALTHCARE_APP_ID);
    return { id, workspace: ws.name, name, url: fhirServiceUrl(this.ctx.publicUrl(), ws.name, name), createdDateTime };
  }

  /**
   * The FHIR service a URL path segment (`{workspace}-{service}`, as in `/fhir/local-fhir`) names, with its tenant.
   * Names may contain hyphens, so the segment is matched whole against every deployed service.
   */
  fhirServiceByPath(segment: string): Promise<(FhirService & { tenantId: string }) | undefined> {
    let hit = this.bySegment.get(segment);
    if (!hit) {
      if (this.bySegment.size > 10_000) this.bySegment.clear();
      hit = this.loadBySegment(segment);
      this.bySegment.set(segment, hit);
    }
    return hit;
  }

  private async loadBySegment(segment: string): Promise<(FhirService & { tenantId: string }) | undefined> {
    const r = await this.ctx.store.db.selectFrom('fhir_services')
      .innerJoin('healthcare_workspaces', (j) => j.onRef('healthcare_workspaces.id', '=', 'fhir_services.workspace_id')
        .onRef('healthcare_workspaces.tenant_id', '=', 'fhir_services.tenant_id'))
      .select(['fhir_services.id', 'fhir_services.tenant_id', 'fhir_services.name', 'fhir_services.created_at', 'healthcare_workspaces.name as workspace'])
      .where('fhir_services.path_segment', '=', segment).executeTakeFirst();
    if (!r) return undefined;
    return { id: r.id, tenantId: r.tenant_id, workspace: r.workspace, name: r.name, url: fhirServiceUrl(this.ctx.publicUrl(), r.workspace, r.name), createdDateTime: r.created_at };
  }

  async fhirServices(tenantId: string): Promise<FhirService[]> {
    const rows = await this.ctx.store.tenant(tenantId).selectFrom('fhir_services')
      .innerJoin('healthcare_workspaces', 'healthcare_workspaces.id', 'fhir_services.workspace_id')
      .select(['fhir_services.id', 'fhir_services.name', 'fhir_services.created_at', 'healthcare_workspaces.name as workspace'])
      .orderBy('fhir_services.created_at').execute();
    const base = this.ctx.publicUrl();
    return rows.map((r) => ({ id: r.id, workspace: r.workspace, name: r.name, url: fhirServiceUrl(base, r.workspace, r.name), createdDateTime: r.created_at }));
  }

  async fhirService(tenantId: string, workspace: string, name: string): Promise<FhirService | undefined> {
    return (await this.fhirServices(tenantId)).find((s) => s.workspace === workspace && s.name === name);
  }

  /**
   * Remove a FHIR service and the role assignments on it; its URL stops being an identifier URI of the Azure
   * Healthcare APIs principal at once (those are computed from the services). Its FHIR data is not touched here:
   * the directory does not know the FHIR store, so the caller removes it with the returned service id.
   */
  async deleteFhirService(tenantId: string, workspace: string, name: string): Promise<FhirService> {
    const service = await this.fhirService(tenantId, workspace, name);
    if (!service) throw new DirectoryError('not_found', `FHIR service '${name}' not found in workspace '${workspace}'.`);
    try {
      await this.ctx.store.transaction(async (trx) => {
        await this.ctx.store.tenant(tenantId, trx).deleteFrom('role_assignments').where('scope', '=', resourceId(service)).execute();
        await this.ctx.store.tenant(tenantId, trx).deleteFrom('fhir_services').where('id', '=', service.id).execute();
      });
    } finally {
      this.bySegment.clear();
      this.ctx.cache.invalidate(tenantId);
    }
    return service;
  }

  /**
   * Assign a FHIR data-plane role. The scope is a FHIR service, named by its URL or its resource id; it is kept
   * as the resource id (`/workspaces/{w}/fhirservices/{s}`) so a change of public URL does not orphan it.
   */
  async assignRole(tenantId: string, input: { principalId: string; principalType: string; role: string; scope: string; id?: string }): Promise<RoleAssignment> {
    const role = fhirRole(input.role);
    if (!role) throw new DirectoryError('invalid', `Role '${input.role}' doesn't exist.`, 'role');
    const scope = await this.scopeOf(tenantId, input.scope);
    const assignment: RoleAssignment = {
      id: input.id?.toLowerCase() ?? newGuid(), principalId: input.principalId, principalType: input.principalType, roleDefinitionId: role.id,
      roleDefinitionName: role.name, scope, createdDateTime: nowIso(this.ctx),
    };
    await this.insert(tenantId, () => this.ctx.store.tenant(tenantId).insert('role_assignments', {
      id: assignment.id, principal_id: assignment.principalId, principal_type: assignment.principalType,
      role_definition_id: role.id, role_name: role.name, scope: assignment.scope, created_at: assignment.createdDateTime,
    }), 'The role assignment already exists.');
    return assignment;
  }

  async roleAssignments(tenantId: string, scope?: string, filter: RoleAssignmentFilter = {}): Promise<RoleAssignment[]> {
    let q = this.ctx.store.tenant(tenantId).selectFrom('role_assignments').selectAll().orderBy('created_at').orderBy('id');
    if (scope) q = q.where('scope', '=', await this.scopeOf(tenantId, scope));
    if (filter.principalId) q = q.where('principal_id', '=', filter.principalId.toLowerCase());
    if (filter.role) q = q.where('role_definition_id', '=', fhirRole(filter.role)?.id ?? '');
    return (await q.execute()).map(toAssignment);
  }

  async roleAssignment(tenantId: string, id: string): Promise<RoleAssignment | undefined> {
    const row = await this.ctx.store.tenant(tenantId).selectFrom('role_assignments').selectAll().where('id', '=', id.toLowerCase()).executeTakeFirst();
    return row ? toAssignment(row) : undefined;
  }

  /** Remove a role assignment; the role stops applying on the principal's next request. */
  async deleteRoleAssignment(tenantId: string, id: string): Promise<RoleAssignment> {
    const found = await this.roleAssignment(tenantId, id);
    if (!found) throw new DirectoryError('not_found', `Role assignment '${id}' not found.`);
    await this.ctx.store.tenant(tenantId).deleteFrom('role_assignments').where('id', '=', found.id).execute();
    this.ctx.cache.invalidate(tenantId);
    return found;
  }

  /** The user (UPN or object id), service principal (appId or object id) or group (object id) an assignee names. */
  async principal(tenantId: string, assignee: string): Promise<AssignablePrincipal | undefined> {
    if (!this.users) throw new Error('Healthcare was built without users');
    return findPrincipal({ users: this.users, groups: this.groups, sps: this.sps }, tenantId, assignee);
  }

  /** The resource id of the FHIR service a URL, resource id or full ARM resource id names. */
  async scopeOf(tenantId: string, scope: string): Promise<string> {
    let wanted = scope.replace(/\/+$/, '').toLowerCase();
    const arm = armProviderPrefix(tenantId).toLowerCase();
    if (wanted.startsWith(`${arm}/`)) wanted = wanted.slice(arm.length);
    const service = (await this.fhirServices(tenantId)).find((s) => s.url.toLowerCase() === wanted || resourceId(s) === wanted);
    if (!service) throw new DirectoryError('not_found', `The scope '${scope}' is not a FHIR service of this tenant.`, 'scope');
    return resourceId(service);
  }

  private async insert(tenantId: string, write: () => Promise<void>, conflict: string): Promise<void> {
    try {
      await write();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DirectoryError('conflict', conflict);
      throw err;
    } finally {
      this.ctx.cache.invalidate(tenantId);
    }
  }
}

/** How role assignment scopes are stored: the FHIR service's resource id below the provider (`/workspaces/{w}/fhirservices/{s}`). */
export function resourceId(service: { workspace: string; name: string }): string {
  return `/workspaces/${service.workspace}/fhirservices/${service.name}`;
}

function toAssignment(r: { id: string; principal_id: string; principal_type: string; role_definition_id: string; role_name: string; scope: string; created_at: string }): RoleAssignment {
  return {
    id: r.id, principalId: r.principal_id, principalType: r.principal_type, roleDefinitionId: r.role_definition_id,
    roleDefinitionName: r.role_name, scope: r.scope, createdDateTime: r.created_at,
  };
}
