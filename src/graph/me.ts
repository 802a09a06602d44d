/** `/me`: the signed-in user. Meaningless for an app-only token, which Graph refuses with 400. */
import type { User } from '../directory/users.js';
import { authorizeProfileRead } from './authorize.js';
import type { GraphCall } from './context.js';
import { graphErrors } from './errors.js';
import { checkQueryOptions, parseSelect, queryOption } from './odata-query.js';
import { entity, project } from './odata.js';
import type { GraphRouter } from './router.js';

/** What Graph returns for a user when nothing is selected, in its order. */
const DEFAULT_PROPERTIES = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation',
  'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

export function serializeUser(user: User): Record<string, unknown> {
  return {
    businessPhones: [], displayName: user.displayName, givenName: user.givenName, jobTitle: user.jobTitle, mail: user.mail,
    mobilePhone: null, officeLocation: null, preferredLanguage: null, surname: user.surname,
    userPrincipalName: user.userPrincipalName, id: user.id, accountEnabled: user.accountEnabled, createdDateTime: user.createdDateTime,
  };
}

const SELECTABLE = { type: 'user', selectable: [...DEFAULT_PROPERTIES, 'accountEnabled', 'createdDateTime'] };

async function me(call: GraphCall) {
  if (call.caller.kind !== 'user') throw graphErrors.badRequest('/me request is only valid with delegated authentication flow.');
  authorizeProfileRead(call.caller);
  checkQueryOptions(call.query, new Set(['$select']));
  const select = parseSelect(queryOption(call.query, '$select'), SELECTABLE);
  const user = await call.deps.directory.users.get(call.tenantId, call.caller.oid);
  if (!user) throw graphErrors.notFound(call.caller.oid);
  return entity(call, 'users', project(serializeUser(user), select ?? DEFAULT_PROPERTIES), { select });
}

export function meRoutes(router: GraphRouter): void {
  router.path('/me', { GET: me });
}
