/**
 * What consent a sign-in needs: the delegated permissions it asks for (named, `.default` = the app's statically
 * configured ones, and the OpenID Connect scopes, which are Microsoft Graph permissions), those the user already
 * has (grants, pre-authorization: directory/consent.ts), and whether a user may give the rest alone.
 */
import type { AppRole, PermissionScope } from '../../directory/application-shape.js';
import type { Client } from '../../directory/clients.js';
import { consentFor, userConsentable } from '../../directory/consent.js';
import type { Directory } from '../../directory/directory.js';
import { GRAPH_APP_ID } from '../../directory/first-party.js';
import type { Resource } from '../../directory/resources.js';
import { StsError } from '../errors.js';
import type { PermissionLine } from '../pages/consent-page.js';
import type { ClientApp } from './client-app.js';
import type { AuthorizeScopes } from './scopes.js';

export interface ResourcePermissions { resource: Resource; scopes: PermissionScope[]; roles: AppRole[] }

export interface ConsentPlan {
  /** Every permission asked for, per resource (what a consent page lists and what Accept grants). */
  requested: ResourcePermissions[];
  /** Those not yet consented. */
  missing: ResourcePermissions[];
  /** Some missing permission is one only an administrator may grant. */
  adminRequired: boolean;
}

function entryFor(list: ResourcePermissions[], resource: Resource): ResourcePermissions {
  let entry = list.find((e) => e.resource.servicePrincipalId === resource.servicePrincipalId);
  if (!entry) list.push(entry = { resource, scopes: [], roles: [] });
  return entry;
}

const enabled = <T extends { isEnabled?: boolean | null }>(items: readonly T[]) => items.filter((i) => i.isEnabled !== false);

function addScope(entry: ResourcePermissions, scope: PermissionScope): void {
  if (!entry.scopes.some((s) => s.id === scope.id)) entry.scopes.push(scope);
}

/** The app's statically configured permissions on a resource (requiredResourceAccess). */
function staticPermissions(app: ClientApp, resource: Resource): { scopes: PermissionScope[]; roles: AppRole[] } {
  const access = app.requiredResourceAccess.filter((r) => r.resourceAppId.toLowerCase() === resource.appId).flatMap((r) => r.resourceAccess);
  const ids = (type: 'Scope' | 'Role') => new Set(access.filter((a) => a.type === type).map((a) => a.id.toLowerCase()));
  const scopeIds = ids('Scope');
  const roleIds = ids('Role');
  return {
    scopes: enabled(resource.scopes).filter((s) => scopeIds.has(s.id.toLowerCase())),
    roles: enabled(resource.appRoles).filter((r) => roleIds.has(r.id.toLowerCase()) && r.allowedMemberTypes.includes('Application')),
  };
}

async function resolveResource(directory: Directory, tenantId: string, identifier: string): Promise<Resource> {
  const resource = await directory.resources.resolve(tenantId, identifier);
  if (!resource) {
    const tenant = await directory.tenants.get(tenantId);
    throw new StsError(500011, { resource: identifier, tenant: tenant?.displayName ?? tenantId });
  }
  return resource;
}

/** The delegated permissions a sign-in asks for, per resource. Unknown resource → 500011, unknown scope → 70011. */
export async function requestedPermissions(directory: Directory, tenantId: string, app: ClientApp, scopes: AuthorizeScopes): Promise<ResourcePermissions[]> {
  const out: ResourcePermissions[] = [];
  for (const r of scopes.resources) {
    const resource = await resolveResource(directory, tenantId, r.identifier);
    const entry = entryFor(out, resource);
    const wanted = r.permissions === 'default' ? staticPermissions(app, resource).scopes : r.permissions.map((name) => {
      const hit = enabled(resource.scopes).find((s) => s.value?.toLowerCase() === name.toLowerCase());
      if (!hit) throw new StsError(70011, { scope: `${r.identifier}/${name}`, detail: `The scope '${name}' does not exist on the resource.` });
      return hit;
    });
    for (const s of wanted) addScope(entry, s);
  }
  if (scopes.oidc.size > 0) {
    const graph = await resolveResource(directory, tenantId, GRAPH_APP_ID);
    const entry = entryFor(out, graph);
    for (const s of enabled(graph.scopes).filter((s) => s.value && scopes.oidc.has(s.value))) addScope(entry, s);
  }
  return out.filter((e) => e.scopes.length > 0);
}

/** Every permission of /adminconsent: the app's requiredResourceAccess, delegated and application. */
export async function staticRequest(directory: Directory, tenantId: string, app: ClientApp): Promise<ResourcePermissions[]> {
  const out: ResourcePermissions[] = [];
  for (const access of app.requiredResourceAccess) {
    const resource = await resolveResource(directory, tenantId, access.resourceAppId);
    const { scopes, roles } = staticPermissions(app, resource);
    const entry = entryFor(out, resource);
    for (const s of scopes) addScope(entry, s);
    for (const role of roles) if (!entry.roles.some((x) => x.id === role.id)) entry.roles.push(role);
  }
  return out.filter((e) => e.scopes.length > 0 || e.roles.length > 0);
}

/** What of `requested` the user lacks. `client` is undefined while the app has no service principal in the tenant. */
export async function planConsent(directory: Directory, tenantId: string, client: Client | undefined, userId: string, requested: ResourcePermissions[]): Promise<ConsentPlan> {
  const missing: ResourcePermissions[] = [];
  for (const entry of requested) {
    const have = client ? await consentFor(directory, tenantId, { client, resourceSpId: entry.resource.servicePrincipalId, userId }) : new Set<string>();
    const lacking = entry.scopes.filter((s) => !have.has(s.value!));
    if (lacking.length > 0) missing.push({ resource: entry.resource, scopes: lacking, roles: [] });
  }
  const adminRequired = missing.some((e) => !userConsentable(e.resource.scopes, e.scopes.map((s) => s.value!)));
  return { requested, missing, adminRequired };
}

/** Consent-page lines: the text an administrator sees for admin consent, the user text for a user's own consent. */
export function permissionLines(entries: readonly ResourcePermissions[], forAdmin: boolean): PermissionLine[] {
  return entries.flatMap((e) => [
    ...e.scopes.map((s): PermissionLine => ({
      resourceName: e.resource.displayName, kind: 'delegated',
      displayName: (forAdmin ? s.adminConsentDisplayName : s.userConsentDisplayName ?? s.adminConsentDisplayName) ?? s.value ?? s.id,
      description: forAdmin ? s.adminConsentDescription : s.userConsentDescription ?? s.adminConsentDescription,
    })),
    ...e.roles.map((r): PermissionLine => ({ resourceName: e.resource.displayName, kind: 'application', displayName: r.displayName ?? r.value ?? r.id, description: r.description })),
  ]);
}

/**
 * Record consent in the tenant: the client's service principal is created if it has none (a multi-tenant app's
 * first sign-in there), then one grant per resource (merged into any existing one), and for /adminconsent the
 * application permissions as app role assignments.
 */
export async function recordConsent(directory: Directory, tenantId: string, appId: string, entries: readonly ResourcePermissions[], principalId: string | null): Promise<void> {
  const clientSp = await directory.servicePrincipals.ensure(tenantId, appId);
  for (const e of entries) {
    if (e.scopes.length > 0) {
      await directory.permissionGrants.grant(tenantId, {
        clientId: clientSp.id, resourceId: e.resource.servicePrincipalId, consentType: principalId ? 'Principal' : 'AllPrincipals',
        principalId, scopes: e.scopes.map((s) => s.value!),
      });
    }
    const held = new Set((await directory.appRoleAssignments.listForPrincipal(tenantId, clientSp.id))
      .filter((a) => a.resourceId === e.resource.servicePrincipalId).map((a) => a.appRoleId));
    for (const role of e.roles.filter((r) => !held.has(r.id))) {
      await directory.appRoleAssignments.create(tenantId, { principalId: clientSp.id, resourceId: e.resource.servicePrincipalId, appRoleId: role.id });
    }
  }
}
