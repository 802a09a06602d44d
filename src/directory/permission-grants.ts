import { isGuid } from '../lib/ids.js';
import { isUniqueViolation } from '../store/store.js';
import type { OAuth2PermissionGrantRow } from '../store/schema.js';
import { nowIso, type DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';
import type { ServicePrincipals } from './service-principals.js';
import type { Users } from './users.js';

export type ConsentType = 'AllPrincipals' | 'Principal';

/** Graph's oauth2PermissionGrant: delegated permissions a client holds on a resource, for all users or for one. */
export interface OAuth2PermissionGrant {
  id: string;
  /** Object id of the client's service principal. */
  clientId: string;
  consentType: ConsentType;
  principalId: string | null;
  /** Object id of the resource's service principal. */
  resourceId: string;
  /** Space-separated scope values. */
  scope: string;
}

export interface NewGrant { clientId: string; resourceId: string; consentType: ConsentType; principalId: string | null; scopes: string[] }
export interface GrantFilter { clientId?: string; resourceId?: string; consentType?: ConsentType; principalId?: string }

const notFound = (id: string) =>
  new DirectoryError('not_found', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
const invalid = (property: string) =>
  new DirectoryError('invalid', `Invalid value specified for property '${property}' of resource 'OAuth2PermissionGrant'.`, property);

/** Delegated consent records (oauth2PermissionGrants): what consent pages, admin consent and Graph write. */
export class PermissionGrants {
  constructor(private readonly ctx: DirectoryContext, private readonly sps: ServicePrincipals, private readonly users: Users) {}

  /**
   * Record consent: the scopes are merged into the grant for the same client, resource, consent type and principal,
   * or a new grant is made. With `{ merge: false }` (Graph's POST) an existing grant is a conflict instead.
   */
  async grant(tenantId: string, input: NewGrant, options: { merge?: boolean } = {}): Promise<OAuth2PermissionGrant> {
    const checked = await this.check(tenantId, input);
    for (let attempt = 0; ; attempt++) {
      const existing = (await this.list(tenantId, {
        clientId: checked.clientId, resourceId: checked.resourceId, consentType: checked.consentType,
        ...(checked.principalId ? { principalId: checked.principalId } : {}),
      })).find((g) => g.principalId === checked.principalId);
      if (existing) {
        if (options.merge === false) {
          throw new DirectoryError('conflict', 'Permission entry already exists.', undefined, 'Request_MultipleObjectsWithSameKeyValue');
        }
        const scopes = [...new Set([...splitScope(existing.scope), ...checked.scopes])];
        return this.setScope(tenantId, existing.id, scopes);
      }
      const id = grantId(checked.clientId, checked.resourceId, checked.principalId);
      try {
        await this.ctx.store.tenant(tenantId).insert('oauth2_permission_grants', {
          id, client_id: checked.clientId, consent_type: checked.consentType, principal_id: checked.principalId,
          resource_id: checked.resourceId, scope: checked.scopes.join(' '), created_at: nowIso(this.ctx),
        });
        return (await this.get(tenantId, id))!;
      } catch (err) {
        // Another request made the same grant meanwhile: merge into it instead.
        if (!isUniqueViolation(err) || attempt > 0) throw err;
      } finally {
        this.ctx.cache.invalidate(tenantId);
      }
    }
  }

  async list(tenantId: string, filter: GrantFilter = {}): Promise<OAuth2PermissionGrant[]> {
    let q = this.ctx.store.tenant(tenantId).selectFrom('oauth2_permission_grants').selectAll().orderBy('id');
    for (const [key, column] of [['clientId', 'client_id'], ['resourceId', 'resource_id'], ['principalId', 'principal_id']] as const) {
      const value = filter[key];
      if (value !== undefined) q = q.where(column, '=', value.toLowerCase());
    }
    if (filter.consentType !== undefined) q = q.where('consent_type', '=', filter.consentType);
    return (await q.execute()).map(toGrant);
  }

  async get(tenantId: string, id: string): Promise<OAuth2PermissionGrant | undefined> {
    const row = await this.ctx.store.tenant(tenantId).selectFrom('oauth2_permission_grants').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toGrant(row) : undefined;
  }

  /** Graph's PATCH: only `scope` may change; the new scopes replace the old. */
  async update(tenantId: string, id: string, patch: Record<string, unknown>): Promise<OAuth2PermissionGrant> {
    const current = await this.get(tenantId, id);
    if (!current) throw notFound(id);
    for (const key of Object.keys(patch)) {
      if (key !== 'scope' && !key.includes('@')) throw new DirectoryError('invalid', `Property '${key}' cannot be updated.`, key);
    }
    if (patch.scope === undefined) return current;
    if (typeof patch.scope !== 'string') throw invalid('scope');
    const resource = await this.sps.get(tenantId, current.resourceId);
    return this.setScope(tenantId, id, canonicalScopes(splitScope(patch.scope), resource?.oauth2PermissionScopes ?? []));
  }

  async delete(tenantId: string, id: string): Promise<void> {
    const result = await this.ctx.store.tenant(tenantId).deleteFrom('oauth2_permission_grants').where('id', '=', id).executeTakeFirst();
    this.ctx.cache.invalidate(tenantId);
    if (Number(result.numDeletedRows) === 0) throw notFound(id);
  }

  /** Scope values granted to a client on a resource, for all users or for this user. Cached. */
  grantedScopes(tenantId: string, clientSpId: string, resourceSpId: string, userId: string): Promise<Set<string>> {
    return this.ctx.cache.get(tenantId, `grants:${clientSpId}:${resourceSpId}:${userId}`, async () => {
      const rows = await this.ctx.store.tenant(tenantId).selectFrom('oauth2_permission_grants').select(['consent_type', 'principal_id', 'scope'])
        .where('client_id', '=', clientSpId).where('resource_id', '=', resourceSpId).execute();
      const scopes = new Set<string>();
      for (const row of rows) {
        if (row.consent_type === 'AllPrincipals' || row.principal_id === userId) {
          for (const s of splitScope(row.scope)) scopes.add(s);
        }
      }
      return scopes;
    });
  }

  private async setScope(tenantId: string, id: string, scopes: string[]): Promise<OAuth2PermissionGrant> {
    await this.ctx.store.tenant(tenantId).updateTable('oauth2_permission_grants').set({ scope: scopes.join(' ') }).where('id', '=', id).execute();
    this.ctx.cache.invalidate(tenantId);
    return (await this.get(tenantId, id))!;
  }

  /** The grant's objects exist in the tenant, the principal is given exactly when consent is per user, and the scopes are the resource's. */
  private async check(tenantId: string, input: NewGrant): Promise<NewGrant> {
    if (!isGuid(input.clientId)) throw invalid('clientId');
    if (!isGuid(input.resourceId)) throw invalid('resourceId');
    if (input.consentType !== 'AllPrincipals' && input.consentType !== 'Principal') throw invalid('consentType');
    if ((input.consentType === 'Principal') !== (input.principalId !== null && input.principalId !== undefined)) throw invalid('principalId');
    if (input.principalId !== null && !isGuid(input.principalId)) throw invalid('principalId');
    const [client, resource] = await Promise.all([this.sps.get(tenantId, input.clientId), this.sps.get(tenantId, input.resourceId)]);
    if (!client) throw notFound(input.clientId);
    if (!resource) throw notFound(input.resourceId);
    if (input.principalId && !(await this.users.get(tenantId, input.principalId))) throw notFound(input.principalId);
    return {
      clientId: client.id, resourceId: resource.id, consentType: input.consentType, principalId: input.principalId?.toLowerCase() ?? null,
      scopes: canonicalScopes(input.scopes, resource.oauth2PermissionScopes),
    };
  }
}

/** Graph's `scope` text as values: separated by any run of spaces. */
export function splitScope(scope: string): string[] {
  return scope.split(' ').filter(Boolean);
}

/** Each value as the resource spells it; a value the resource does not expose (or has disabled) is refused. */
function canonicalScopes(values: string[], offered: { value: string | null; isEnabled: boolean }[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    const hit = offered.find((s) => s.isEnabled !== false && s.value?.toLowerCase() === value.toLowerCase());
    if (!hit) throw new DirectoryError('invalid', `The scope '${value}' is not a delegated permission of the resource.`, 'scope');
    if (!out.includes(hit.value!)) out.push(hit.value!);
  }
  return out;
}

/**
 * Entra derives a grant's id from its key (client, resource and, for one user's consent, the user): the GUIDs'
 * bytes in .NET order, base64url. So the id is stable and the primary key forbids a second grant for one key.
 */
export function grantId(clientId: string, resourceId: string, principalId: string | null): string {
  const parts = [clientId, resourceId, ...(principalId ? [principalId] : [])].map(guidBytes);
  return Buffer.concat(parts).toString('base64url');
}

function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  const bytes = Buffer.from(hex, 'hex');
  // .NET's Guid.ToByteArray: the first three fields are little-endian.
  bytes.subarray(0, 4).reverse();
  bytes.subarray(4, 6).reverse();
  bytes.subarray(6, 8).reverse();
  return bytes;
}

function toGrant(row: OAuth2PermissionGrantRow): OAuth2PermissionGrant {
  return {
    id: row.id, clientId: row.client_id, consentType: row.consent_type as ConsentType, principalId: row.principal_id,
    resourceId: row.resource_id, scope: splitScope(row.scope).join(' '),
  };
}
