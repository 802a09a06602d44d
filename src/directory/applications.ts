import { isGuid, newGuid } from '../lib/ids.js';
import { isUniqueViolation } from '../store/store.js';
import type { TenantScope } from '../store/tenant-scope.js';
import { applyApplicationInput, defaultApplicationProps, isMultiTenantAudience, type ApplicationProps } from './application-shape.js';
import { validateApplication } from './application-validation.js';
import { nowIso, parseData, type DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';
import type { KeyCredential, KeyCredentials, KeySetChange } from './key-credentials.js';
import { PasswordCredentials, type PasswordCredential } from './password-credentials.js';
import { Tenants } from './tenants.js';
import { whereStartsWith } from '../store/starts-with.js';

/** The Graph `application` object as stored and returned (secretText is never kept). */
export type Application = ApplicationProps & {
  id: string;
  appId: string;
  createdDateTime: string;
  deletedDateTime: string | null;
  passwordCredentials: PasswordCredential[];
  /** Without `key`: Graph shows a certificate itself only under `$select=keyCredentials` (see KeyCredentials.list). */
  keyCredentials: KeyCredential[];
};

export interface ApplicationQuery {
  appId?: string;
  displayName?: string;
  displayNameStartsWith?: string;
  /** Page size (1–999). */
  top: number;
  /** Return objects whose id sorts after this one (the skip token). */
  after?: string;
}

export interface ApplicationPage { items: Application[]; next?: string; count?: number }

/** App registrations: create, read, update, delete, owners and identifier URIs. */
export class Applications {
  constructor(
    private readonly ctx: DirectoryContext,
    private readonly tenants: Tenants,
    private readonly credentials: PasswordCredentials,
    private readonly keys: KeyCredentials,
  ) {}

  async create(tenantId: string, input: Record<string, unknown>, ownerId?: string): Promise<Application> {
    const tenant = await this.tenants.get(tenantId);
    if (!tenant) throw new DirectoryError('not_found', `Tenant '${tenantId}' not found.`);
    const id = newGuid();
    const appId = newGuid();
    const displayName = typeof input.displayName === 'string' ? input.displayName : '';
    const props = applyApplicationInput(defaultApplicationProps(displayName, Tenants.defaultDomain(tenant)), input, 'create');
    validateApplication(props, { tenantId, appId, verifiedDomains: tenant.domains.map((d) => d.name) });
    const keys = await this.keyChange(tenantId, id, input);
    const now = nowIso(this.ctx);
    await this.write(tenantId, async (scope) => {
      await scope.insert('applications', {
        id, app_id: appId, display_name: props.displayName, display_name_lower: props.displayName.toLowerCase(),
        created_at: now, data: JSON.stringify(props),
      });
      await this.setIdentifierUris(scope, id, props.identifierUris);
      if (ownerId) await scope.insert('application_owners', { application_id: id, principal_id: ownerId });
      if (keys) await this.keys.apply(scope, keys);
    });
    return (await this.get(tenantId, id))!;
  }

  /** By object id, or by appId when `by` is 'appId' (Graph's `(appId='…')` alternate key). */
  async get(tenantId: string, key: string, by: 'id' | 'appId' = 'id'): Promise<Application | undefined> {
    if (!isGuid(key)) return undefined;
    const row = await this.ctx.store.tenant(tenantId).selectFrom('applications').selectAll()
      .where(by === 'id' ? 'id' : 'app_id', '=', key.toLowerCase()).executeTakeFirst();
    if (!row) return undefined;
    const [passwordCredentials, keyCredentials] = await Promise.all([
      this.credentials.list(tenantId, row.id), this.keys.list(tenantId, row.id, false),
    ]);
    return {
      id: row.id, appId: row.app_id, createdDateTime: row.created_at, deletedDateTime: null,
      ...parseData<ApplicationProps>(row.data), passwordCredentials, keyCredentials,
    };
  }

  async list(tenantId: string, query: ApplicationQuery, withCount = false): Promise<ApplicationPage> {
    const filtered = () => {
      let q = this.ctx.store.tenant(tenantId).selectFrom('applications');
      if (query.appId !== undefined) q = q.where('app_id', '=', query.appId.toLowerCase());
      if (query.displayName !== undefined) q = q.where('display_name_lower', '=', query.displayName.toLowerCase());
      if (query.displayNameStartsWith !== undefined) q = whereStartsWith(q, 'display_name_lower', query.displayNameStartsWith);
      return q;
    };
    let page = filtered().select('id').orderBy('id').limit(query.top + 1);
    if (query.after) page = page.where('id', '>', query.after);
    const ids = (await page.execute()).map((r) => r.id);
    const more = ids.length > query.top;
    const items = await Promise.all(ids.slice(0, query.top).map((id) => this.get(tenantId, id)));
    const result: ApplicationPage = { items: items.filter((a): a is Application => a !== undefined) };
    if (more) result.next = ids[query.top - 1];
    if (withCount) {
      const row = await filtered().select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
      result.count = Number(row?.n ?? 0);
    }
    return result;
  }

  async update(tenantId: string, id: string, input: Record<string, unknown>): Promise<Application> {
    const current = await this.get(tenantId, id);
    if (!current) throw notFound(id);
    const tenant = (await this.tenants.get(tenantId))!;
    const { id: _i, appId: _a, createdDateTime: _c, deletedDateTime: _d, passwordCredentials: _p, keyCredentials: _k, ...props } = current;
    const next = applyApplicationInput(props, input, 'update');
    validateApplication(next, { tenantId, appId: current.appId, verifiedDomains: tenant.domains.map((d) => d.name) });
    const keys = await this.keyChange(tenantId, current.id, input);
    await this.write(tenantId, async (scope) => {
      await scope.updateTable('applications')
        .set({ display_name: next.displayName, display_name_lower: next.displayName.toLowerCase(), data: JSON.stringify(next) })
        .where('id', '=', current.id).execute();
      await this.setIdentifierUris(scope, current.id, next.identifierUris);
      if (keys) await this.keys.apply(scope, keys);
    });
    return (await this.get(tenantId, id))!;
  }

  async delete(tenantId: string, id: string): Promise<void> {
    const current = await this.get(tenantId, id);
    if (!current) throw notFound(id);
    await this.write(tenantId, async (scope) => {
      await scope.deleteFrom('password_credentials').where('application_id', '=', current.id).execute();
      await scope.deleteFrom('key_credentials').where('application_id', '=', current.id).execute();
      await scope.deleteFrom('federated_identity_credentials').where('application_id', '=', current.id).execute();
      await scope.deleteFrom('application_identifier_uris').where('application_id', '=', current.id).execute();
      await scope.deleteFrom('application_owners').where('application_id', '=', current.id).execute();
      await scope.deleteFrom('applications').where('id', '=', current.id).execute();
      // As in Entra, the application's principal in its home tenant goes with it, with what it holds.
      const sp = await scope.selectFrom('service_principals').select('id').where('app_id', '=', current.appId).executeTakeFirst();
      if (sp) {
        await scope.deleteFrom('app_role_assignments').where((eb) => eb.or([eb('principal_id', '=', sp.id), eb('resource_id', '=', sp.id)])).execute();
        await scope.deleteFrom('oauth2_permission_grants').where((eb) => eb.or([eb('client_id', '=', sp.id), eb('resource_id', '=', sp.id)])).execute();
        await scope.deleteFrom('group_members').where('member_id', '=', sp.id).execute();
        await scope.deleteFrom('service_principals').where('id', '=', sp.id).execute();
      }
    });
  }

  /** The tenant an application (appId, globally unique) is registered in: its home tenant. */
  async homeTenantOf(appId: string): Promise<string | undefined> {
    if (!isGuid(appId)) return undefined;
    const row = await this.ctx.store.db.selectFrom('applications').select('tenant_id').where('app_id', '=', appId.toLowerCase()).executeTakeFirst();
    return row?.tenant_id;
  }

  /** The application with this appId wherever it is registered, with its home tenant (for multi-tenant apps). */
  async findHome(appId: string): Promise<{ tenantId: string; application: Application } | undefined> {
    const tenantId = await this.homeTenantOf(appId);
    const application = tenantId ? await this.get(tenantId, appId, 'appId') : undefined;
    return tenantId && application ? { tenantId, application } : undefined;
  }

  async owners(tenantId: string, id: string): Promise<string[]> {
    const rows = await this.ctx.store.tenant(tenantId).selectFrom('application_owners').select('principal_id')
      .where('application_id', '=', id).execute();
    return rows.map((r) => r.principal_id);
  }

  /** Make a principal (user or service principal) an owner; false when it already was one. */
  async addOwner(tenantId: string, id: string, principalId: string): Promise<boolean> {
    if ((await this.owners(tenantId, id)).includes(principalId)) return false;
    await this.ctx.store.tenant(tenantId).insert('application_owners', { application_id: id, principal_id: principalId });
    return true;
  }

  /** Stop a principal owning the application; false when it was not an owner. */
  async removeOwner(tenantId: string, id: string, principalId: string): Promise<boolean> {
    const result = await this.ctx.store.tenant(tenantId).deleteFrom('application_owners')
      .where('application_id', '=', id).where('principal_id', '=', principalId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The application whose identifier URIs include uri (compared case-insensitively, without a trailing slash). */
  async findByIdentifierUri(tenantId: string, uri: string): Promise<Application | undefined> {
    const row = await this.ctx.store.tenant(tenantId).selectFrom('application_identifier_uris').select('application_id')
      .where('uri', '=', normalizeUri(uri)).executeTakeFirst();
    return row ? this.get(tenantId, row.application_id) : undefined;
  }

  /**
   * A multi-tenant application of any tenant with this identifier URI: other tenants name such an API by its URI
   * too. (Only a multi-tenant app's URIs are unique across tenants, so single-tenant ones are not considered.)
   */
  async findMultiTenantByIdentifierUri(uri: string): Promise<Application | undefined> {
    const rows = await this.ctx.store.db.selectFrom('application_identifier_uris').select(['tenant_id', 'application_id'])
      .where('uri', '=', normalizeUri(uri)).execute();
    for (const row of rows) {
      const app = await this.get(row.tenant_id, row.application_id);
      if (app && isMultiTenantAudience(app.signInAudience)) return app;
    }
    return undefined;
  }

  /** A body's `keyCredentials`, checked before the transaction that writes it with the rest of the application. */
  private keyChange(tenantId: string, id: string, input: Record<string, unknown>): Promise<KeySetChange | undefined> {
    return 'keyCredentials' in input ? this.keys.prepare(tenantId, id, input.keyCredentials) : Promise.resolve(undefined);
  }

  private async setIdentifierUris(scope: TenantScope, id: string, uris: string[]) {
    await scope.deleteFrom('application_identifier_uris').where('application_id', '=', id).execute();
    for (const uri of new Set(uris.map(normalizeUri))) {
      await scope.insert('application_identifier_uris', { uri, application_id: id });
    }
  }

  private async write(tenantId: string, fn: (scope: TenantScope) => Promise<void>) {
    try {
      await this.ctx.store.transaction((trx) => fn(this.ctx.store.tenant(tenantId, trx)));
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new DirectoryError('conflict', 'Another object with the same value for property identifierUris already exists.', 'identifierUris');
      }
      throw err;
    } finally {
      this.ctx.cache.invalidate(tenantId);
    }
  }
}

export function normalizeUri(uri: string): string {
  return uri.toLowerCase().replace(/\/+$/, '');
}

function notFound(id: string): DirectoryError {
  return new DirectoryError('not_found', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}
