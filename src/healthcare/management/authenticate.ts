/**
 * Who may call the management API: a bearer token for Azure Resource Manager from this tenant, held by a
 * Global Administrator (a user, or a service principal given that directory role). The subscription in the
 * URL is the tenant id, and `entrada` the only resource group.
 */
import { AccessTokenError, type AccessTokenVerifier } from '../../access/access-token-verifier.js';
import { bearerToken } from '../../access/bearer-token.js';
import type { Caller } from '../../access/caller.js';
import { DIRECTORY_ROLES } from '../../directory/directory-roles.js';
import { MANAGEMENT_APP_ID } from '../../directory/first-party.js';
import { isGuid } from '../../lib/ids.js';
import { armErrors } from './arm-errors.js';
import { RESOURCE_GROUP } from './arm-resources.js';
import type { ManagementDeps } from './context.js';
import type { RouteMatch } from './route-table.js';

/** The `aud` values ARM accepts: its two identifier URIs, with or without the trailing slash, and its appId. */
export const MANAGEMENT_AUDIENCES: readonly string[] = [
  'https://management.azure.com/', 'https://management.azure.com',
  'https://management.core.windows.net/', 'https://management.core.windows.net', MANAGEMENT_APP_ID,
];

const API_VERSION = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

export async function authenticate(
  deps: ManagementDeps, verifier: AccessTokenVerifier, authorization: string | string[] | undefined,
  match: RouteMatch, apiVersion: unknown,
): Promise<{ caller: Caller; tenantId: string }> {
  let caller: Caller;
  try {
    caller = await verifier.verify(bearerToken(authorization), MANAGEMENT_AUDIENCES);
  } catch (err) {
    if (!(err instanceof AccessTokenError)) throw err;
    if (err.reason === 'missing') throw armErrors.missingToken();
    if (err.reason === 'expired') throw armErrors.expiredToken();
    if (err.reason === 'audience') throw armErrors.wrongAudience();
    throw armErrors.invalidToken(err.message);
  }
  if (apiVersion === undefined || apiVersion === '') throw armErrors.missingApiVersion();
  if (typeof apiVersion !== 'string' || !API_VERSION.test(apiVersion)) throw armErrors.invalidApiVersion(String(apiVersion));

  const sub = match.params.subscriptionId!;
  if (caller.tenantId.toLowerCase() !== sub.toLowerCase()) {
    const tenant = isGuid(sub) ? await deps.directory.tenants.resolve(sub) : undefined;
    throw tenant?.id.toLowerCase() === sub.toLowerCase() ? armErrors.wrongTenant(sub) : armErrors.subscriptionNotFound(sub);
  }

  const roles = await deps.directory.directoryRoles.rolesOf(caller.tenantId, caller.oid);
  if (!roles.includes(DIRECTORY_ROLES.globalAdministrator.id)) {
    throw armErrors.forbidden(caller.username ?? caller.appId, caller.oid, match.route.action, `/subscriptions/${sub}`);
  }
  const rg = match.params.resourceGroupName;
  if (rg !== undefined && rg.toLowerCase() !== RESOURCE_GROUP) throw armErrors.resourceGroupNotFound(rg);
  return { caller, tenantId: caller.tenantId };
}
