/**
 * `/users`: directory users, addressed by object id or by user principal name (`/users/{id | userPrincipalName}`).
 * Passwords are write-only: `passwordProfile.password` is set on create or by an administrator's PATCH (a reset)
 * and never shown; the policy is the directory's (password-policy.ts).
 */
import { FHIR_USER_PROPERTY } from '../directory/fhir-user.js';
import type { User } from '../directory/users.js';
import { userChanges } from '../directory/user-input.js';
import { authorizeUserRead, authorizeUserWrite } from './authorize-directory.js';
import type { GraphCall } from './context.js';
import { graphErrors } from './errors.js';
import { checkQueryOptions, filterValue, parseListQuery, parseSelect, queryOption, type CollectionSpec } from './odata-query.js';
import { collection, entity, noContent, objectBody, project, serviceRoot } from './odata.js';
import type { GraphRouter } from './router.js';

/** What Graph returns for a user when nothing is selected, in its order. */
export const USER_DEFAULT_PROPERTIES = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation',
  'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

/** The whole user as Graph may show it under `$select`; the password itself never appears. */
export function serializeUser(user: User): Record<string, unknown> {
  const p = user.profile;
  return {
    businessPhones: user.businessPhones, displayName: user.displayName, givenName: p.givenName, jobTitle: p.jobTitle, mail: p.mail,
    mobilePhone: p.mobilePhone, officeLocation: p.officeLocation, preferredLanguage: p.preferredLanguage, surname: p.surname,
    userPrincipalName: user.userPrincipalName, id: user.id, accountEnabled: user.accountEnabled, createdDateTime: user.createdDateTime,
    deletedDateTime: null, mailNickname: user.mailNickname, userType: 'Member', usageLocation: p.usageLocation, department: p.department,
    companyName: p.companyName, city: p.city, country: p.country, employeeId: p.employeeId,
    lastPasswordChangeDateTime: user.passwordLastChanged ?? user.createdDateTime,
    passwordProfile: {
      password: null, forceChangePasswordNextSignIn: user.forceChangePasswordNextSignIn,
      forceChangePasswordNextSignInWithMfa: user.forceChangePasswordNextSignInWithMfa,
    },
    // A directory extension: shown only when selected, as Graph does.
    [FHIR_USER_PROPERTY]: user.fhirUser ?? null,
  };
}

/** A user with Graph's default properties, or the selected ones. */
export function userJson(user: User, select?: readonly string[]): Record<string, unknown> {
  return project(serializeUser(user), select ?? USER_DEFAULT_PROPERTIES);
}

export const USER_SPEC: CollectionSpec = {
  resource: 'User',
  type: 'user',
  properties: { userPrincipalName: ['eq', 'startswith'], displayName: ['eq', 'startswith'], accountEnabled: ['eq'] },
  booleans: ['accountEnabled'],
  selectable: Object.keys(serializeUser({
    id: '', userPrincipalName: '', displayName: '', accountEnabled: true, givenName: null, surname: null, mail: null, jobTitle: null,
    mailNickname: '', createdDateTime: '', forceChangePasswordNextSignIn: false, forceChangePasswordNextSignInWithMfa: false,
    profile: {} as User['profile'], businessPhones: [],
  })),
  countable: true,
};

/** The user the path names (`/users/{id | userPrincipalName}`) in the caller's tenant, if there is one. */
export async function findUser(call: GraphCall): Promise<User | undefined> {
  return call.deps.directory.users.find(call.tenantId, call.params.id ?? '');
}

export async function loadUser(call: GraphCall): Promise<User> {
  const user = await findUser(call);
  if (!user) throw graphErrors.notFound(call.params.id ?? '');
  return user;
}

async function list(call: GraphCall) {
  authorizeUserRead(call.caller);
  const query = parseListQuery(call.query, USER_SPEC, call.header('ConsistencyLevel'));
  const enabled = filterValue(query, 'accountEnabled', 'eq');
  const page = await call.deps.directory.users.query(call.tenantId, {
    userPrincipalName: filterValue(query, 'userPrincipalName', 'eq'),
    userPrincipalNameStartsWith: filterValue(query, 'userPrincipalName', 'startswith'),
    displayName: filterValue(query, 'displayName', 'eq'),
    displayNameStartsWith: filterValue(query, 'displayName', 'startswith'),
    accountEnabled: enabled === undefined ? undefined : enabled === 'true',
    top: query.top, after: query.after,
  }, query.count);
  return collection(call, 'users', { ...page, items: page.items.map((u) => userJson(u, query.select)) }, query.select);
}

async function create(call: GraphCall) {
  await authorizeUserWrite(call);
  const user = await call.deps.directory.users.createFromGraph(call.tenantId, userChanges(objectBody(call.body), 'create'));
  return entity(call, 'users', userJson(user), { status: 201, location: `${serviceRoot(call)}/users/${user.id}` });
}

async function get(call: GraphCall) {
  checkQueryOptions(call.query, new Set(['$select']));
  const user = await findUser(call);
  authorizeUserRead(call.caller, user?.id);
  if (!user) throw graphErrors.notFound(call.params.id ?? '');
  const select = parseSelect(queryOption(call.query, '$select'), USER_SPEC);
  return entity(call, 'users', userJson(user, select), { select });
}

async function update(call: GraphCall) {
  const user = await loadUser(call);
  await authorizeUserWrite(call, user.id);
  await call.deps.directory.users.update(call.tenantId, user.id, objectBody(call.body));
  return noContent;
}

async function remove(call: GraphCall) {
  const user = await loadUser(call);
  await authorizeUserWrite(call, user.id);
  await call.deps.directory.users.delete(call.tenantId, user.id);
  return noContent;
}

export function userRoutes(router: GraphRouter): void {
  router.path('/users', { GET: list, POST: create });
  router.path('/users/:id', { GET: get, PATCH: update, DELETE: remove });
}
