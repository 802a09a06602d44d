/**
 * `/policies/defaultAppManagementPolicy`: the tenant's app management policy (tenantAppManagementPolicy), whose
 * passwordLifetime restriction caps how long new client secrets may live (24 months unless changed).
 */
import { authorizePolicyRead, authorizePolicyWrite } from './authorize.js';
import type { GraphCall } from './context.js';
import { checkQueryOptions } from './odata-query.js';
import { entity, noContent } from './odata.js';
import type { GraphRouter } from './router.js';

async function get(call: GraphCall) {
  authorizePolicyRead(call.caller);
  checkQueryOptions(call.query, new Set());
  const policy = await call.deps.directory.appManagementPolicies.get(call.tenantId);
  return entity(call, 'policies/defaultAppManagementPolicy', policy);
}

async function update(call: GraphCall) {
  await authorizePolicyWrite(call);
  await call.deps.directory.appManagementPolicies.update(call.tenantId, call.body ?? {});
  return noContent;
}

export function policyRoutes(router: GraphRouter): void {
  router.path('/policies/defaultAppManagementPolicy', { GET: get, PATCH: update });
}
