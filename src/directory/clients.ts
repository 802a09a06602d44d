import { isGuid } from '../lib/ids.js';
import { isMultiTenantAudience, type RequiredResourceAccess } from './application-shape.js';
import type { Application, Applications } from './applications.js';
import type { DirectoryContext } from './context.js';
import type { FederatedCredentials, FederatedIdentityCredential } from './federated-credentials.js';
import { firstPartyApp, MICROSOFT_TENANT_ID } from './first-party.js';
import type { KeyCredentials, StoredCertificate } from './key-credentials.js';
import type { PasswordCredentials, StoredSecret } from './password-credentials.js';
import type { ServicePrincipals } from './service-principals.js';

/** Everything the token service needs to know about a client application in a tenant. */
export interface Client {
  appId: string;
  displayName: string;
  /** Object id of the client's service principal in this tenant (the `oid` of app-only tokens). */
  servicePrincipalId: string;
  accountEnabled: boolean;
  /** The tenant the application is registered in: this one, another (a multi-tenant app), or Microsoft's (first-party). */
  homeTenantId: string;
  /** "Allow public client flows": used when no redirect URI tells the client type (ROPC, device code). */
  isFallbackPublicClient: boolean;
  signInAudience: string;
  redirectUris: { web: string[]; spa: string[]; publicClient: string[] };
  secrets: StoredSecret[];
  /** Certificates for client assertions (all of them, expired ones included: the token service says why one fails). */
  certificates: StoredCertificate[];
  /** Trusted external issuers and subjects (workload identity federation). */
  federatedCredentials: FederatedIdentityCredential[];
  requiredResourceAccess: RequiredResourceAccess[];
  /** For first-party clients: resource appIds whose delegated scopes need no consent. */
  preAuthorizedFor: { resourceAppId: string; scopes: string[] | 'all' }[];
  firstParty: boolean;
}

export type ClientLookup =
  | { found: true; client: Client }
  | { found: false; reason: 'no_application' | 'no_service_principal' };

/** Resolves `client_id` to a Client. Cached per tenant; any directory write to the tenant clears it. */
export class Clients {
  constructor(
    private readonly ctx: DirectoryContext,
    private readonly applications: Applications,
    private readonly credentials: PasswordCredentials,
    private readonly sps: ServicePrincipals,
    private readonly keys: KeyCredentials,
    private readonly federated: FederatedCredentials,
  ) {}

  resolve(tenantId: string, clientId: string): Promise<ClientLookup> {
    if (!isGuid(clientId)) return Promise.resolve({ found: false, reason: 'no_application' });
    const appId = clientId.toLowerCase();
    return this.ctx.cache.get(tenantId, `client:${appId}`, () => this.load(tenantId, appId));
  }

  private async load(tenantId: string, appId: string): Promise<ClientLookup> {
    const home = await this.home(tenantId, appId);
    const app = home?.application;
    const fp = home ? undefined : firstPartyApp(appId);
    if (!app && !fp) return { found: false, reason: 'no_application' };
    const sp = await this.sps.get(tenantId, appId, 'appId');
    if (!sp) return { found: false, reason: 'no_service_principal' };
    const base = { servicePrincipalId: sp.id, accountEnabled: sp.accountEnabled };
    if (home && app) {
      // Credentials belong to the application, so a multi-tenant app signs in everywhere with its home tenant's.
      return {
        found: true,
        client: {
          ...base, appId, homeTenantId: home.tenantId, displayName: app.displayName, isFallbackPublicClient: app.isFallbackPublicClient === true,
          signInAudience: app.signInAudience,
          redirectUris: { web: app.web?.redirectUris ?? [], spa: app.spa?.redirectUris ?? [], publicClient: app.publicClient?.redirectUris ?? [] },
          secrets: await this.credentials.secrets(home.tenantId, app.id),
          certificates: await this.keys.certificates(home.tenantId, app.id),
          federatedCredentials: await this.federated.list(home.tenantId, app.id),
          requiredResourceAccess: app.requiredResourceAccess ?? [],
          preAuthorizedFor: [], firstParty: false,
        },
      };
    }
    const first = fp!;
    return {
      found: true,
      client: {
        ...base, appId, homeTenantId: MICROSOFT_TENANT_ID, displayName: first.displayName, isFallbackPublicClient: first.isFallbackPublicClient,
        signInAudience: 'AzureADMultipleOrgs',
        redirectUris: { web: [], spa: first.spaRedirectUris(this.ctx.publicUrl()), publicClient: first.publicClientRedirectUris },
        secrets: [], certificates: [], federatedCredentials: [], requiredResourceAccess: [], preAuthorizedFor: first.preAuthorizedFor.map((p) => ({ ...p })), firstParty: true,
      },
    };
  }

  /**
   * The app registration behind appId for this tenant: its own, or a multi-tenant app of another tenant (linking
   * this tenant's cache to the home first, so the home's writes clear it). A single-tenant app of another tenant
   * is not an application here at all, as in Entra.
   */
  private async home(tenantId: string, appId: string): Promise<{ tenantId: string; application: Application } | undefined> {
    const local = await this.applications.get(tenantId, appId, 'appId');
    if (local) return { tenantId, application: local };
    const homeTenantId = await this.applications.homeTenantOf(appId);
    if (!homeTenantId) return undefined;
    this.ctx.cache.link(tenantId, homeTenantId);
    const application = await this.applications.get(homeTenantId, appId, 'appId');
    return application && isMultiTenantAudience(application.signInAudience) ? { tenantId: homeTenantId, application } : undefined;
  }
}
