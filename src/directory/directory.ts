import { systemClock, type Clock } from '../lib/clock.js';
import type { Store } from '../store/store.js';
import { AppManagementPolicies } from './app-management-policy.js';
import { AppRoleAssignments } from './app-role-assignments.js';
import { AuthorizationCodes } from './authorization-codes.js';
import { Applications } from './applications.js';
import { TenantCache } from './cache.js';
import { Clients } from './clients.js';
import type { DirectoryContext } from './context.js';
import { DeviceCodes } from './device-codes.js';
import { DirectoryRoles } from './directory-roles.js';
import { FederatedCredentials } from './federated-credentials.js';
import { Groups } from './groups.js';
import { Healthcare } from './healthcare.js';
import { KeyCredentials } from './key-credentials.js';
import { PasswordCredentials } from './password-credentials.js';
import { PermissionGrants } from './permission-grants.js';
import { RefreshTokens } from './refresh-tokens.js';
import { Resources } from './resources.js';
import { ServicePrincipals } from './service-principals.js';
import { Sessions } from './sessions.js';
import { SigningKeys } from './signing-keys.js';
import { Tenants } from './tenants.js';
import { Users } from './users.js';

export interface DirectoryOptions {
  store: Store;
  /** Key that encrypts signing keys at rest (see loadEncryptionKey). */
  encryptionKey: Buffer;
  publicUrl: () => string;
  clock?: Clock;
}

/** The domain: every directory service, wired over one store, one cache and one clock. No HTTP in here. */
export class Directory {
  readonly ctx: DirectoryContext;
  readonly tenants: Tenants;
  readonly appManagementPolicies: AppManagementPolicies;
  readonly passwordCredentials: PasswordCredentials;
  readonly keyCredentials: KeyCredentials;
  readonly federatedCredentials: FederatedCredentials;
  readonly applications: Applications;
  readonly servicePrincipals: ServicePrincipals;
  readonly users: Users;
  readonly groups: Groups;
  readonly directoryRoles: DirectoryRoles;
  readonly appRoleAssignments: AppRoleAssignments;
  readonly permissionGrants: PermissionGrants;
  readonly healthcare: Healthcare;
  readonly clients: Clients;
  readonly resources: Resources;
  readonly signingKeys: SigningKeys;
  readonly authorizationCodes: AuthorizationCodes;
  readonly deviceCodes: DeviceCodes;
  readonly refreshTokens: RefreshTokens;
  readonly sessions: Sessions;

  constructor(options: DirectoryOptions) {
    const clock = options.clock ?? systemClock;
    this.ctx = { store: options.store, cache: new TenantCache(), clock, publicUrl: options.publicUrl };
    this.tenants = new Tenants(this.ctx);
    this.appManagementPolicies = new AppManagementPolicies(this.ctx);
    this.passwordCredentials = new PasswordCredentials(this.ctx, this.appManagementPolicies);
    this.keyCredentials = new KeyCredentials(this.ctx);
    this.federatedCredentials = new FederatedCredentials(this.ctx);
    this.applications = new Applications(this.ctx, this.tenants, this.passwordCredentials, this.keyCredentials);
    this.servicePrincipals = new ServicePrincipals(this.ctx, this.applications);
    this.users = new Users(this.ctx, this.tenants);
    this.groups = new Groups(this.ctx);
    this.directoryRoles = new DirectoryRoles(this.ctx);
    this.appRoleAssignments = new AppRoleAssignments(this.ctx, this.servicePrincipals, this.users, this.groups);
    this.permissionGrants = new PermissionGrants(this.ctx, this.servicePrincipals, this.users);
    this.healthcare = new Healthcare(this.ctx, this.servicePrincipals, this.groups, this.users);
    this.clients = new Clients(this.ctx, this.applications, this.passwordCredentials, this.servicePrincipals, this.keyCredentials, this.federatedCredentials);
    this.resources = new Resources(this.ctx, this.applications, this.servicePrincipals);
    this.signingKeys = new SigningKeys(options.store, options.encryptionKey, clock);
    this.authorizationCodes = new AuthorizationCodes(this.ctx);
    this.deviceCodes = new DeviceCodes(this.ctx);
    this.refreshTokens = new RefreshTokens(this.ctx);
    this.sessions = new Sessions(this.ctx);
  }

  get clock(): Clock {
    return this.ctx.clock;
  }
}
