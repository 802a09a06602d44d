/** `/servicePrincipals`: the local instance of an application (or a first-party API) in the tenant. */
import type { ServicePrincipal } from '../directory/service-principals.js';
import { isGuid } from '../lib/ids.js';
import { authorizeRead, authorizeServicePrincipalWrite, authorizeWrite } from './authorize.js';
import type { GraphCall } from './context.js';
import { graphErrors } from './errors.js';
import { checkQueryOptions, directoryQuery, parseListQuery, parseSelect, queryOption, type CollectionSpec } from './odata-query.js';
import { collection, entity, noContent, objectBody, serviceRoot } from './odata.js';
import type { GraphRouter } from './router.js';

/** The servicePrincipal as Graph shows it, id first. */
export type ServicePrincipalJson = Omit<ServicePrincipal, 'tokenVersion'>;

export function serializeServicePrincipal(sp: ServicePrincipal): ServicePrincipalJson {
  // tokenVersion is the token service's business (which access-token format the API wants), not Graph's.
  const { tokenVersion: _internal, id, ...rest } = sp;
  return { id, ...rest };
}

export const SERVICE_PRINCIPAL_SPEC: CollectionSpec = {
  resource: 'ServicePrincipal',
  type: 'servicePrincipal',
  properties: { appId: ['eq'], displayName: ['eq', 'startswith'] },
  selectable: [
    'id', 'accountEnabled', 'alternativeNames', 'appDescription', 'appDisplayName', 'appId', 'appOwnerOrganizationId',
    'appRoleAssignmentRequired', 'appRoles', 'createdDateTime', 'deletedDateTime', 'description', 'displayName', 'homepage',
    'info', 'keyCredentials', 'logoutUrl', 'notes', 'notificationEmailAddresses', 'oauth2PermissionScopes',
    'passwordCredentials', 'preferredSingleSignOnMode', 'publisherName', 'replyUrls', 'servicePrincipalNames',
    'servicePrincipalType', 'signInAudience', 'tags', 'verifiedPublisher',
  ],
  countable: false,
};

/** What POST /servicePrincipals may set: the appId and the principal's own properties. */
const CREATABLE = new Set(['appId', 'accountEnabled', 'appRoleAssignmentRequired', 'tags', 'notes', 'description',
  'notificationEmailAddresses', 'preferredSingleSignOnMode']);

/** The principal the path names, in the caller's tenant. */
export async function loadServicePrincipal(call: GraphCall): Promise<ServicePrincipal> {
  const sp = await call.deps.directory.servicePrincipals.get(call.tenantId, call.key.value, call.key.by);
  if (!sp) throw graphErrors.notFound(call.key.value);
  return sp;
}

async function list(call: GraphCall) {
  authorizeRead(call.caller);
  const query = parseListQuery(call.query, SERVICE_PRINCIPAL_SPEC, call.header('ConsistencyLevel'));
  const page = await call.deps.directory.servicePrincipals.list(call.tenantId, directoryQuery(query));
  return collection(call, 'servicePrincipals', { ...page, items: page.items.map(serializeServicePrincipal) }, query.select);
}

async function create(call: GraphCall) {
  const body = objectBody(call.body);
  for (const name of Object.keys(body)) {
    if (!CREATABLE.has(name) && !name.includes('@')) {
      throw graphErrors.badRequest(`Property '${name}' does not exist on type 'microsoft.graph.servicePrincipal' or cannot be set on creation.`);
    }
  }
  // Without a valid appId there is nothing to own; the directory explains what is wrong with it.
  if (isGuid(body.appId)) await authorizeServicePrincipalWrite(call, body.appId);
  else authorizeWrite(call.caller);
  const sp = await call.deps.directory.servicePrincipals.create(call.tenantId, body);
  return entity(call, 'servicePrincipals', serializeServicePrincipal(sp), {
    status: 201, location: `${serviceRoot(call)}/servicePrincipals/${sp.id}`,
  });
}

async function get(call: GraphCall) {
  authorizeRead(call.caller);
  checkQueryOptions(call.query, new Set(['$select']));
  const select = parseSelect(queryOption(call.query, '$select'), SERVICE_PRINCIPAL_SPEC);
  return entity(call, 'servicePrincipals', serializeServicePrincipal(await loadServicePrincipal(call)), { select });
}

async function remove(call: GraphCall) {
  const sp = await loadServicePrincipal(call);
  await authorizeServicePrincipalWrite(call, sp.appId);
  await call.deps.directory.servicePrincipals.delete(call.tenantId, sp.id);
  return noContent;
}

export function servicePrincipalRoutes(router: GraphRouter): void {
  router.path('/servicePrincipals', { GET: list, POST: create });
  router.entity('servicePrincipals', '', { GET: get, DELETE: remove }, { alternateKey: true });
}
