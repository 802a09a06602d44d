import { isGuid } from '../lib/ids.js';
import type { RequiredResourceAccess } from './application-shape.js';
import type { Applications } from './applications.js';
import type { DirectoryContext } from './context.js';
import type { FederatedCredentials, FederatedIdentityCredential } from './federated-credentials.js';
import { firstPartyApp } from './first-party.js';
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
    const app = await this.applications.get(tenantId, appId, 'appId');
    const fp = app ? undefined : firstPartyApp(appId);
    if (!app && !fp) return { found: false, reason: 'no_application' };
    const sp = await this.sps.get(tenantId, appId, 'appId');
    if (!sp) return { found: false, reason: 'no_service_principal' };
    const base = { servicePrincipalId: sp.id, accountEnabled: sp.accountEnabled };
    if (app) {
      return {
        found: true,
        client: {
          ...base, appId, displayName: app.displayName, isFallbackPublicClient: app.isFallbackPublicClient === true,
          signInAudience: app.signInAudience,
          redirectUris: { web: app.web?.redirectUris ?? [], spa: app.spa?.redirectUris ?? [], publicClient: app.publicClient?.redirectUris ?? [] },
          secrets: await this.credentials.secrets(tenantId, app.id),
          certificates: await this.keys.certificates(tenantId, app.id),
          federatedCredentials: await this.federated.list(tenantId, app.id),
          requiredResourceAccess: app.requiredResourceAccess ?? [],
          preAuthorizedFor: [], firstParty: false,
        },
      };
    }
    const first = fp!;
    return {
      found: true,
      client: {
        ...base, appId, displayName: first.displayName, isFallbackPublicClient: first.isFallbackPublicClient,
        signInAudience: 'AzureADMultipleOrgs',
        redirectUris: { web: [], spa: first.spaRedirectUris(this.ctx.publicUrl()), publicClient: first.publicClientRedirectUris },
        secrets: [], certificates: [], federatedCredentials: [], requiredResourceAccess: [], preAuthorizedFor: first.preAuthorizedFor.map((p) => ({ ...p })), firstParty: true,
      },
    };
  }
}
