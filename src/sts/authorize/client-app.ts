/**
 * The client application of an interactive request, as far as it can be known before anyone signs in: its
 * registration (redirect URIs, audience, ID-token setting) is all that decides whether the request may go on.
 * Whether it has a service principal in the user's tenant is settled later (consent creates it).
 */
import type { RequiredResourceAccess } from '../../directory/application-shape.js';
import type { Application } from '../../directory/applications.js';
import type { Directory } from '../../directory/directory.js';
import { firstPartyApp } from '../../directory/first-party.js';
import { isGuid } from '../../lib/ids.js';
import type { TenantRef } from '../tenant.js';

export type Platform = 'web' | 'spa' | 'publicClient';

export interface ClientApp {
  appId: string;
  displayName: string;
  signInAudience: string;
  /** The tenant the app is registered in (undefined for first-party apps, which exist everywhere). */
  homeTenantId: string | undefined;
  redirectUris: Record<Platform, string[]>;
  logoutUrl: string | null;
  publisherDomain: string | null;
  /** web.implicitGrantSettings.enableIdTokenIssuance: may /authorize return an id_token? */
  idTokenIssuance: boolean;
  firstParty: boolean;
  /** Statically configured permissions: what `.default` and /adminconsent ask for. */
  requiredResourceAccess: RequiredResourceAccess[];
}

function fromApplication(app: Application, homeTenantId: string): ClientApp {
  return {
    appId: app.appId, displayName: app.displayName, signInAudience: app.signInAudience, homeTenantId,
    redirectUris: { web: app.web?.redirectUris ?? [], spa: app.spa?.redirectUris ?? [], publicClient: app.publicClient?.redirectUris ?? [] },
    logoutUrl: app.web?.logoutUrl ?? null, publisherDomain: app.publisherDomain ?? null,
    idTokenIssuance: app.web?.implicitGrantSettings?.enableIdTokenIssuance === true, firstParty: false,
    requiredResourceAccess: app.requiredResourceAccess ?? [],
  };
}

/** Whether users of other tenants may sign in to the app (and get its service principal in their tenant). */
export function isMultiTenant(app: ClientApp): boolean {
  return app.firstParty || app.signInAudience === 'AzureADMultipleOrgs' || app.signInAudience === 'AzureADandPersonalMicrosoftAccount';
}

/**
 * The app named by `client_id` for a request to this tenant segment: registered in the tenant, or registered
 * elsewhere and multi-tenant, or first-party. On `common`/`organizations` any registration is found (whether a
 * single-tenant app may be used there is the caller's decision: AADSTS50194).
 */
export async function findClientApp(directory: Directory, tenant: TenantRef, clientId: string, publicUrl: string): Promise<ClientApp | undefined> {
  if (!isGuid(clientId)) return undefined;
  const appId = clientId.toLowerCase();
  if (tenant.kind === 'tenant') {
    const local = await directory.applications.get(tenant.tenant.id, appId, 'appId');
    if (local) return fromApplication(local, tenant.tenant.id);
  }
  const home = await directory.applications.findHome(appId);
  if (home) {
    const app = fromApplication(home.application, home.tenantId);
    return tenant.kind === 'tenant' && !isMultiTenant(app) ? undefined : app;
  }
  const fp = firstPartyApp(appId);
  if (!fp) return undefined;
  return {
    appId: fp.appId, displayName: fp.displayName, signInAudience: 'AzureADMultipleOrgs', homeTenantId: undefined,
    redirectUris: { web: [], spa: fp.spaRedirectUris(publicUrl), publicClient: [...fp.publicClientRedirectUris] },
    logoutUrl: null, publisherDomain: null, idTokenIssuance: false, firstParty: true, requiredResourceAccess: [],
  };
}
