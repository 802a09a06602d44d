/**
 * `/oauth2PermissionGrants`: delegated permissions granted to a client on a resource, for all users
 * (`AllPrincipals`: admin consent) or for one (`Principal`), plus the lists under a service principal (grants it
 * holds as a client) and under a user. POST refuses a second grant for the same key (409), as Graph does; to add
 * scopes to a grant, PATCH its `scope`.
 */
import type { ConsentType, OAuth2PermissionGrant } from '../directory/permission-grants.js';
import { authorizeGrantRead, authorizeGrantWrite } from './authorize-directory.js';
import type { GraphCall } from './context.js';
import { graphErrors } from './errors.js';
import { parseFilter } from './odata-filter.js';
import { checkQueryOptions, parseSelect, parseTop, queryOption, type CollectionSpec } from './odata-query.js';
import { collection, entity, noContent, objectBody, pageOf, serviceRoot } from './odata.js';
import type { GraphRouter } from './router.js';
import { loadServicePrincipal } from './service-principals.js';
import { loadUser } from './users.js';

const GRANT_SPEC: CollectionSpec = {
  resource: 'OAuth2PermissionGrant',
  type: 'oAuth2PermissionGrant',
  properties: { clientId: ['eq'], resourceId: ['eq'], consentType: ['eq'], principalId: ['eq'] },
  selectable: ['id', 'clientId', 'consentType', 'principalId', 'resourceId', 'scope'],
  countable: false,
};
const CREATABLE = new Set(['clientId', 'consentType', 'principalId', 'resourceId', 'scope']);
/** Grant ids are base64url text (derived from the key), not GUIDs. */
const GRANT_ID = /^[A-Za-z0-9_-]{1,200}$/;

type Scoped = { clientId?: string; principalId?: string };

/** A list of grants, filtered and paged; `fixed` is the filter the path itself implies. */
async function listed(call: GraphCall, path: string, fixed: Scoped = {}) {
  authorizeGrantRead(call.caller);
  checkQueryOptions(call.query, new Set(['$filter', '$select', '$top', '$skiptoken']));
  const filterText = queryOption(call.query, '$filter');
  const filter: Record<string, string> = {};
  for (const clause of filterText === undefined ? [] : parseFilter(filterText, GRANT_SPEC)) filter[clause.property] = clause.value;
  const consentType = filter.consentType === undefined ? undefined : consentTypeOf(filter.consentType);
  const grants = await call.deps.directory.permissionGrants.list(call.tenantId, {
    clientId: filter.clientId, resourceId: filter.resourceId, principalId: filter.principalId, consentType, ...fixed,
  });
  const token = queryOption(call.query, '$skiptoken');
  const page = pageOf(grants, parseTop(queryOption(call.query, '$top')), token === undefined ? undefined : decodeGrantToken(token));
  return collection(call, path, page, parseSelect(queryOption(call.query, '$select'), GRANT_SPEC));
}

async function create(call: GraphCall) {
  await authorizeGrantWrite(call);
  const body = objectBody(call.body);
  for (const name of Object.keys(body)) {
    if (!CREATABLE.has(name) && !name.includes('@')) {
      throw graphErrors.badRequest(`Property '${name}' does not exist on type 'microsoft.graph.oAuth2PermissionGrant' or cannot be set on creation.`);
    }
  }
  if (typeof body.scope !== 'string' && body.scope !== undefined) throw invalid('scope');
  if (typeof body.consentType !== 'string') throw invalid('consentType');
  const grant = await call.deps.directory.permissionGrants.grant(call.tenantId, {
    clientId: stringOr(body.clientId, 'clientId'), resourceId: stringOr(body.resourceId, 'resourceId'),
    consentType: consentTypeOf(body.consentType), principalId: body.principalId === undefined || body.principalId === null ? null : stringOr(body.principalId, 'principalId'),
    scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : [],
  }, { merge: false });
  return entity(call, 'oauth2PermissionGrants', grant, { status: 201, location: `${serviceRoot(call)}/oauth2PermissionGrants/${grant.id}` });
}

async function load(call: GraphCall): Promise<OAuth2PermissionGrant> {
  const id = call.params.id ?? '';
  if (!GRANT_ID.test(id)) throw graphErrors.invalidId(id);
  const grant = await call.deps.directory.permissionGrants.get(call.tenantId, id);
  if (!grant) throw graphErrors.notFound(id);
  return grant;
}

async function get(call: GraphCall) {
  authorizeGrantRead(call.caller);
  checkQueryOptions(call.query, new Set(['$select']));
  const select = parseSelect(queryOption(call.query, '$select'), GRANT_SPEC);
  return entity(call, 'oauth2PermissionGrants', await load(call), { select });
}

async function update(call: GraphCall) {
  await authorizeGrantWrite(call);
  const grant = await load(call);
  await call.deps.directory.permissionGrants.update(call.tenantId, grant.id, objectBody(call.body));
  return noContent;
}

async function remove(call: GraphCall) {
  await authorizeGrantWrite(call);
  const grant = await load(call);
  await call.deps.directory.permissionGrants.delete(call.tenantId, grant.id);
  return noContent;
}

/** Graph compares enumeration-like strings case-insensitively; the grant keeps the canonical spelling. */
function consentTypeOf(value: string): ConsentType {
  const found = (['AllPrincipals', 'Principal'] as const).find((c) => c.toLowerCase() === value.toLowerCase());
  if (!found) throw invalid('consentType');
  return found;
}

function stringOr(value: unknown, property: string): string {
  if (typeof value !== 'string') throw invalid(property);
  return value;
}

function invalid(property: string) {
  return graphErrors.badRequest(`Invalid value specified for property '${property}' of resource 'OAuth2PermissionGrant'.`);
}

function decodeGrantToken(token: string): string {
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(token) ? Buffer.from(token, 'base64url').toString() : '';
  const id = text.startsWith('v1:') ? text.slice(3) : '';
  if (!GRANT_ID.test(id)) throw graphErrors.badRequest('The specified page token value has expired or is invalid.');
  return id;
}

export function permissionGrantRoutes(router: GraphRouter): void {
  router.path('/oauth2PermissionGrants', { GET: (call) => listed(call, 'oauth2PermissionGrants'), POST: create });
  router.path('/oauth2PermissionGrants/:id', { GET: get, PATCH: update, DELETE: remove });
  router.entity('servicePrincipals', '/oauth2PermissionGrants', {
    GET: async (call) => {
      const sp = await loadServicePrincipal(call);
      return listed(call, `servicePrincipals('${sp.id}')/oauth2PermissionGrants`, { clientId: sp.id });
    },
  }, { alternateKey: true });
  router.path('/users/:id/oauth2PermissionGrants', {
    GET: async (call) => {
      const user = await loadUser(call);
      return listed(call, `users('${user.id}')/oauth2PermissionGrants`, { principalId: user.id });
    },
  });
}
