import { isGuid, newGuid } from '../lib/ids.js';
import { isUniqueViolation } from '../store/store.js';
import { isMultiTenantAudience, type AppRole, type PermissionScope } from './application-shape.js';
import type { Application, Applications } from './applications.js';
import { nowIso, parseData, type DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';
import { tenantFhirUrls } from './fhir-urls.js';
import { firstPartyApp, HEALTHCARE_APP_ID, MICROSOFT_TENANT_ID } from './first-party.js';
import { whereStartsWith } from '../store/starts-with.js';

/** Properties that belong to the service principal itself, not to its application. */
interface OwnProps {
  accountEnabled: boolean;
  appRoleAssignmentRequired: boolean;
  tags: string[];
  notes: string | null;
  description: string | null;
  notificationEmailAddresses: string[];
  preferredSingleSignOnMode: string | null;
}

/** Graph's servicePrincipal: own properties plus those its application defines. */
export interface ServicePrincipal extends OwnProps {
  id: string;
  appId: string;
  displayName: string;
  appDisplayName: string;
  appDescription: string | null;
  appOwnerOrganizationId: string;
  appRoles: AppRole[];
  oauth2PermissionScopes: PermissionScope[];
  servicePrincipalNames: string[];
  servicePrincipalType: 'Application';
  signInAudience: string;
  replyUrls: string[];
  homepage: string | null;
  logoutUrl: string | null;
  info: Record<string, unknown> | null;
  createdDateTime: string;
  deletedDateTime: null;
  alternativeNames: string[];
  keyCredentials: unknown[];
  passwordCredentials: unknown[];
  publisherName: string | null;
  verifiedPublisher: Record<string, unknown>;
  /** Requested access-token version of the application behind it (1 when null). */
  tokenVersion: 1 | 2;
}

const OWN_KEYS = ['accountEnabled', 'appRoleAssignmentRequired', 'tags', 'notes', 'description',
  'notificationEmailAddresses', 'preferredSingleSignOnMode'] as const;

export interface ServicePrincipalQuery { appId?: string; displayName?: string; displayNameStartsWith?: string; top: number; after?: string }

/** Service principals: the local instance of an application (or first-party app) in a tenant. */
export class ServicePrincipals {
  constructor(private readonly ctx: DirectoryContext, private readonly applications: Applications) {}

  async create(tenantId: string, input: Record<string, unknown>): Promise<ServicePrincipal> {
    const appId = input.appId;
    if (!isGuid(appId)) throw new DirectoryError('invalid', "The appId property of the service principal is required and must be a GUID.", 'appId');
    const backing = await this.backing(tenantId, appId.toLowerCase(), true);
    if (!backing) {
      throw new DirectoryError('invalid', `The appId '${appId}' of the service principal does not reference a valid application object.`, 'appId');
    }
    const own: OwnProps = {
      accountEnabled: true, appRoleAssignmentRequired: false, tags: [], notes: null, description: null,
      notificationEmailAddresses: [], preferredSingleSignOnMode: null,
    };
    for (const key of OWN_KEYS) if (input[key] !== undefined) (own as any)[key] = checkOwn(key, input[key]);
    const id = newGuid();
    try {
      await this.ctx.store.tenant(tenantId).insert('service_principals', {
        id, app_id: backing.appId, display_name: backing.displayName, display_name_lower: backing.displayName.toLowerCase(),
        created_at: nowIso(this.ctx), data: JSON.stringify(own),
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        // Graph's wording (409 Request_MultipleObjectsWithSameKeyValue): the appId is the principal's first name.
        throw new DirectoryError('conflict', `The service principal cannot be created, updated, or restored because the service principal name ${backing.appId} is already in use.`, 'appId');
      }
      throw err;
    } finally {
      this.ctx.cache.invalidate(tenantId);
    }
    return (await this.get(tenantId, id))!;
  }

  /** Create the principal for appId unless the tenant has one already. */
  async ensure(tenantId: string, appId: string): Promise<ServicePrincipal> {
    return (await this.get(tenantId, appId, 'appId')) ?? this.create(tenantId, { appId });
  }

  async get(tenantId: string, key: string, by: 'id' | 'appId' = 'id'): Promise<ServicePrincipal | undefined> {
    if (!isGuid(key)) return undefined;
    const row = await this.ctx.store.tenant(tenantId).selectFrom('service_principals').selectAll()
      .where(by === 'id' ? 'id' : 'app_id', '=', key.toLowerCase()).executeTakeFirst();
    if (!row) return undefined;
    const backing = await this.backing(tenantId, row.app_id);
    if (!backing) return undefined;
    return { ...backing, ...parseData<OwnProps>(row.data), id: row.id, createdDateTime: row.created_at, displayName: backing.displayName };
  }

  async list(tenantId: string, query: ServicePrincipalQuery): Promise<{ items: ServicePrincipal[]; next?: string }> {
    let q = this.ctx.store.tenant(tenantId).selectFrom('service_principals').select('id').orderBy('id').limit(query.top + 1);
    if (query.appId !== undefined) q = q.where('app_id', '=', query.appId.toLowerCase());
    if (query.displayName !== undefined) q = q.where('display_name_lower', '=', query.displayName.toLowerCase());
    if (query.displayNameStartsWith !== undefined) q = whereStartsWith(q, 'display_name_lower', query.displayNameStartsWith);
    if (query.after) q = q.where('id', '>', query.after);
    const ids = (await q.execute()).map((r) => r.id);
    const items = await Promise.all(ids.slice(0, query.top).map((id) => this.get(tenantId, id)));
    return {
      items: items.filter((s): s is ServicePrincipal => s !== undefined),
      ...(ids.length > query.top ? { next: ids[query.top - 1] } : {}),
    };
  }

  async delete(tenantId: string, id: string): Promise<void> {
    const existing = await this.get(tenantId, id);
    // Deleting Graph's or the CLI's principal would lock every admin out of the tenant.
    if (existing && firstPartyApp(existing.appId)) {
      throw new DirectoryError('forbidden', `The service principal of the first-party application '${existing.displayName}' cannot be deleted.`);
    }
    // The principal's assignments and grants, held or granted, go with it.
    const result = await this.ctx.store.transaction(async (trx) => {
      const scope = this.ctx.store.tenant(tenantId, trx);
      await scope.deleteFrom('app_role_assignments').where((eb) => eb.or([eb('principal_id', '=', id), eb('resource_id', '=', id)])).execute();
      await scope.deleteFrom('oauth2_permission_grants').where((eb) => eb.or([eb('client_id', '=', id), eb('resource_id', '=', id)])).execute();
      await scope.deleteFrom('group_members').where('member_id', '=', id).execute();
      return scope.deleteFrom('service_principals').where('id', '=', id).executeTakeFirst();
    });
    this.ctx.cache.invalidate(tenantId);
    if (Number(result.numDeletedRows) === 0) {
      throw new DirectoryError('not_found', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
    }
  }

  /**
   * What the application behind appId defines: an app registration of this tenant, a multi-tenant app registered
   * in another (its home), or a first-party app. `creating`: a new principal may stand only for an app of this
   * tenant or a multi-tenant one; an existing principal keeps showing its app if that later narrows its audience.
   */
  private async backing(tenantId: string, appId: string, creating = false): Promise<Omit<ServicePrincipal, keyof OwnProps | 'id' | 'createdDateTime'> | undefined> {
    const common = {
      servicePrincipalType: 'Application' as const, deletedDateTime: null, alternativeNames: [], keyCredentials: [],
      passwordCredentials: [],
    };
    const local = await this.applications.get(tenantId, appId, 'appId');
    const home = local ? { tenantId, application: local } : await this.foreignHome(tenantId, appId);
    const app = home && (!creating || home.tenantId === tenantId || isMultiTenantAudience(home.application.signInAudience))
      ? home.application : undefined;
    if (home && app) {
      return {
        ...common, appId: app.appId, displayName: app.displayName, appDisplayName: app.displayName,
        appDescription: app.description ?? null, appOwnerOrganizationId: home.tenantId, appRoles: app.appRoles,
        oauth2PermissionScopes: app.api?.oauth2PermissionScopes ?? [],
        servicePrincipalNames: [app.appId, ...app.identifierUris], signInAudience: app.signInAudience,
        replyUrls: [...(app.web?.redirectUris ?? []), ...(app.spa?.redirectUris ?? []), ...(app.publicClient?.redirectUris ?? [])],
        homepage: app.web?.homePageUrl ?? null, logoutUrl: app.web?.logoutUrl ?? null, info: app.info as any,
        publisherName: app.publisherDomain ?? null, verifiedPublisher: (app.verifiedPublisher ?? {}) as any,
        tokenVersion: app.api?.requestedAccessTokenVersion === 2 ? 2 : 1,
      };
    }
    const fp = home ? undefined : firstPartyApp(appId);
    if (!fp) return undefined;
    const identifierUris = fp.appId === HEALTHCARE_APP_ID ? await tenantFhirUrls(this.ctx, tenantId) : fp.identifierUris;
    return {
      ...common, appId: fp.appId, displayName: fp.displayName, appDisplayName: fp.displayName, appDescription: null,
      appOwnerOrganizationId: MICROSOFT_TENANT_ID, appRoles: fp.appRoles as AppRole[],
      oauth2PermissionScopes: fp.oauth2PermissionScopes as PermissionScope[],
      servicePrincipalNames: [fp.appId, ...identifierUris], signInAudience: 'AzureADMultipleOrgs',
      replyUrls: [...fp.publicClientRedirectUris, ...fp.spaRedirectUris(this.ctx.publicUrl())],
      homepage: null, logoutUrl: null, info: null, publisherName: 'Microsoft Services', verifiedPublisher: {},
      tokenVersion: fp.requestedAccessTokenVersion === 2 ? 2 : 1,
    };
  }

  /**
   * The home of an app registered in another tenant. This tenant's cache is linked to the home before the app is
   * read, so a write there (the app, its credentials) clears what is cached here from it.
   */
  private async foreignHome(tenantId: string, appId: string): Promise<{ tenantId: string; application: Application } | undefined> {
    const homeTenantId = await this.applications.homeTenantOf(appId);
    if (!homeTenantId || homeTenantId === tenantId) return undefined;
    this.ctx.cache.link(tenantId, homeTenantId);
    const application = await this.applications.get(homeTenantId, appId, 'appId');
    return application ? { tenantId: homeTenantId, application } : undefined;
  }
}

function checkOwn(key: (typeof OWN_KEYS)[number], value: unknown): unknown {
  const ok = {
    accountEnabled: typeof value === 'boolean',
    appRoleAssignmentRequired: typeof value === 'boolean',
    tags: Array.isArray(value) && value.every((t) => typeof t === 'string'),
    notificationEmailAddresses: Array.isArray(value) && value.every((t) => typeof t === 'string'),
    notes: value === null || typeof value === 'string',
    description: value === null || typeof value === 'string',
    preferredSingleSignOnMode: value === null || typeof value === 'string',
  }[key];
  if (!ok) throw new DirectoryError('invalid', `Invalid value specified for property '${key}' of resource 'ServicePrincipal'.`, key);
  return value;
}
