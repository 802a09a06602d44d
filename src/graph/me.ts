/** `/me`: the signed-in user. Meaningless for an app-only token, which Graph refuses with 400. */
import { authorizeProfileRead } from './authorize.js';
import type { GraphCall } from './context.js';
import { graphErrors } from './errors.js';
import { checkQueryOptions, parseSelect, queryOption } from './odata-query.js';
import { entity } from './odata.js';
import type { GraphRouter } from './router.js';
import { USER_SPEC, userJson } from './users.js';

/** The caller's own user id; `/me` and everything under it needs a delegated token. */
export function meId(call: GraphCall): string {
  if (call.caller.kind !== 'user') throw graphErrors.badRequest('/me request is only valid with delegated authentication flow.');
  return call.caller.oid;
}

async function me(call: GraphCall) {
  const id = meId(call);
  authorizeProfileRead(call.caller);
  checkQueryOptions(call.query, new Set(['$select']));
  const select = parseSelect(queryOption(call.query, '$select'), USER_SPEC);
  const user = await call.deps.directory.users.get(call.tenantId, id);
  if (!user) throw graphErrors.notFound(id);
  return entity(call, 'users', userJson(user, select), { select });
}

export function meRoutes(router: GraphRouter): void {
  router.path('/me', { GET: me });
}
