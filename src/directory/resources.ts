import { isGuid } from '../lib/ids.js';
import type { AppRole, PermissionScope } from './application-shape.js';
import { normalizeUri, type Applications } from './applications.js';
import type { DirectoryContext } from './context.js';
import { tenantFhirUrls } from './fhir-urls.js';
import { FIRST_PARTY_APPS, HEALTHCARE_APP_ID } from './first-party.js';
import type { ServicePrincipals } from './service-principals.js';

/** A resource (API) a token may be issued for, as found in a tenant. */
export interface Resource {
  appId: string;
  servicePrincipalId: string;
  displayName: string;
  /** Access-token format this resource asks for (`api.requestedAccessTokenVersion`, null = 1). */
  tokenVersion: 1 | 2;
  appRoles: AppRole[];
  scopes: PermissionScope[];
  appRoleAssignmentRequired: boolean;
  accountEnabled: boolean;
}

/**
 * Resolves the resource part of a scope (or v1 `resource=`) to a resource principal in the tenant: by appId,
 * or by identifier URI (first-party URIs, the tenant's FHIR service URLs, or an app registration's
 * identifierUris), compared case-insensitively and ignoring a trailing slash.
 */
export class Resources {
  constructor(private readonly ctx: DirectoryContext, private readonly applications: Applications, private readonly sps: ServicePrincipals) {}

  resolve(tenantId: string, identifier: string): Promise<Resource | undefined> {
    const key = normalizeUri(identifier);
    return this.ctx.cache.get(tenantId, `resource:${key}`, () => this.load(tenantId, key));
  }

  private async load(tenantId: string, key: string): Promise<Resource | undefined> {
    const appId = await this.appIdFor(tenantId, key);
    if (!appId) return undefined;
    const sp = await this.sps.get(tenantId, appId, 'appId');
    if (!sp) return undefined;
    return {
      appId: sp.appId, servicePrincipalId: sp.id, displayName: sp.displayName, tokenVersion: sp.tokenVersion,
      appRoles: sp.appRoles, scopes: sp.oauth2PermissionScopes, appRoleAssignmentRequired: sp.appRoleAssignmentRequired,
      accountEnabled: sp.accountEnabled,
    };
  }

  private async appIdFor(tenantId: string, key: string): Promise<string | undefined> {
    if (isGuid(key)) return key;
    const fp = FIRST_PARTY_APPS.find((a) => a.identifierUris.some((u) => normalizeUri(u) === key));
    if (fp) return fp.appId;
    if ((await tenantFhirUrls(this.ctx, tenantId)).some((u) => normalizeUri(u) === key)) return HEALTHCARE_APP_ID;
    return (await this.applications.findByIdentifierUri(tenantId, key))?.appId
      ?? (await this.applications.findMultiTenantByIdentifierUri(key))?.appId;
  }
}
