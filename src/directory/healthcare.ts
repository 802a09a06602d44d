import { newGuid } from '../lib/ids.js';
import { isUniqueViolation } from '../store/store.js';
import { nowIso, type DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';
import { fhirServiceUrl } from './fhir-urls.js';
import { HEALTHCARE_APP_ID } from './first-party.js';
import type { Groups } from './groups.js';
import { fhirRole, FHIR_ROLES, type FhirRole } from './healthcare-roles.js';
import type { ServicePrincipals } from './service-principals.js';

export interface Workspace { id: string; name: string; createdDateTime: string }
export interface FhirService { id: string; workspace: string; name: string; url: string; createdDateTime: string }
export interface RoleAssignment {
  id: string; principalId: string; principalType: string; roleDefinitionId: string; roleDefinitionName: string;
  scope: string; createdDateTime: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,22}[a-z0-9]$|^[a-z0-9]$/;

/** Healthcare APIs records: workspaces, FHIR services, and Azure RBAC role assignments on them. */
export class Healthcare {
  /** `{workspace}-{service}` → the deployed service, across tenants; cleared whenever a service is created or deleted. */
  private bySegment = new Map<string, Promise<(FhirService & { tenantId: string }) | undefined>>();
  constructor(private readonly ctx: DirectoryContext, private readonly sps: ServicePrincipals, private readonly groups: Groups) {}

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

  async createWorkspace(tenantId: string, name: string): Promise<Workspace> {
    checkName(name, 'workspace');
    const ws: Workspace = { id: newGuid(), name, createdDateTime: nowIso(this.ctx) };
    await this.insert(tenantId, () => this.ctx.store.tenant(tenantId).insert('healthcare_workspaces', { id: ws.id, name, created_at: ws.createdDateTime }),
      `A workspace named '${name}' already exists.`);
    return ws;
  }

  async workspace(tenantId: string, name: string): Promise<Workspace | undefined> {
    const row = await this.ctx.store.tenant(tenantId).selectFrom('healthcare_workspaces').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? { id: row.id, name: row.name, createdDateTime: row.created_at } : undefined;
  }

  /** Deploy a FHIR service; the first deployment in a tenant brings the Azure Healthcare APIs principal. */
  async createFhirService(tenantId: string, workspaceName: string, name: string): Promise<FhirService> {
    checkName(name, 'FHIR service');
    const ws = await this.workspace(tenantId, workspaceName);
    if (!ws) throw new DirectoryError('not_found', `Workspace '${workspaceName}' not found.`);
    const id = newGuid();
    const createdDateTime = nowIso(this.ctx);
    await this.insert(tenantId, () => this.ctx.store.tenant(tenantId).insert('fhir_services', { id, workspace_id: ws.id, name, created_at: createdDateTime }),
      `A FHIR service named '${name}' already exists in workspace '${workspaceName}'.`);
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
    const rows = await this.ctx.store.db.selectFrom('fhir_services')
      .innerJoin('healthcare_workspaces', (j) => j.onRef('healthcare_workspaces.id', '=', 'fhir_services.workspace_id')
        .onRef('healthcare_workspaces.tenant_id', '=', 'fhir_services.tenant_id'))
      .select(['fhir_services.id', 'fhir_services.tenant_id', 'fhir_services.name', 'fhir_services.created_at', 'healthcare_workspaces.name as workspace'])
      .orderBy('fhir_services.created_at').execute();
    const r = rows.find((row) => `${row.workspace}-${row.name}` === segment);
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
   * Assign a FHIR data-plane role. The scope is a FHIR service, named by its URL or its resource id; it is kept
   * as the resource id (`/workspaces/{w}/fhirservices/{s}`) so a change of public URL does not orphan it.
   */
  async assignRole(tenantId: string, input: { principalId: string; principalType: string; role: string; scope: string }): Promise<RoleAssignment> {
    const role = fhirRole(input.role);
    if (!role) throw new DirectoryError('invalid', `Role '${input.role}' doesn't exist.`, 'role');
    const scope = await this.scopeOf(tenantId, input.scope);
    const assignment: RoleAssignment = {
      id: newGuid(), principalId: input.principalId, principalType: input.principalType, roleDefinitionId: role.id,
      roleDefinitionName: role.name, scope, createdDateTime: nowIso(this.ctx),
    };
    await this.insert(tenantId, () => this.ctx.store.tenant(tenantId).insert('role_assignments', {
      id: assignment.id, principal_id: assignment.principalId, principal_type: assignment.principalType,
      role_definition_id: role.id, role_name: role.name, scope: assignment.scope, created_at: assignment.createdDateTime,
    }), 'The role assignment already exists.');
    return assignment;
  }

  async roleAssignments(tenantId: string, scope?: string): Promise<RoleAssignment[]> {
    let q = this.ctx.store.tenant(tenantId).selectFrom('role_assignments').selectAll().orderBy('created_at');
    if (scope) q = q.where('scope', '=', await this.scopeOf(tenantId, scope));
    return (await q.execute()).map((r) => ({
      id: r.id, principalId: r.principal_id, principalType: r.principal_type, roleDefinitionId: r.role_definition_id,
      roleDefinitionName: r.role_name, scope: r.scope, createdDateTime: r.created_at,
    }));
  }

  /** The resource id of the FHIR service a URL or resource id names. */
  async scopeOf(tenantId: string, scope: string): Promise<string> {
    const wanted = scope.replace(/\/+$/, '').toLowerCase();
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

function resourceId(service: { workspace: string; name: string }): string {
  return `/workspaces/${service.workspace}/fhirservices/${service.name}`;
}

function checkName(name: string, what: string): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new DirectoryError('invalid', `The ${what} name '${name}' is invalid: use 1–24 lowercase letters, digits and hyphens, starting and ending with a letter or digit.`, 'name');
  }
}
