import type { DirectoryContext } from './context.js';

/** Delegated consent records (oauth2PermissionGrants). Graph CRUD of them arrives with the consent work. */
export class PermissionGrants {
  constructor(private readonly ctx: DirectoryContext) {}

  /** Scope values granted to a client on a resource, for all users or for this user. Cached. */
  grantedScopes(tenantId: string, clientSpId: string, resourceSpId: string, userId: string): Promise<Set<string>> {
    return this.ctx.cache.get(tenantId, `grants:${clientSpId}:${resourceSpId}:${userId}`, async () => {
      const rows = await this.ctx.store.tenant(tenantId).selectFrom('oauth2_permission_grants').select(['consent_type', 'principal_id', 'scope'])
        .where('client_id', '=', clientSpId).where('resource_id', '=', resourceSpId).execute();
      const scopes = new Set<string>();
      for (const row of rows) {
        if (row.consent_type === 'AllPrincipals' || row.principal_id === userId) {
          for (const s of row.scope.split(' ')) if (s) scopes.add(s);
        }
      }
      return scopes;
    });
  }
}
