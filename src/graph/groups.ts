/**
 * `/groups`: security groups. Creating one may name its first members with `members@odata.bind`, as Graph allows;
 * members are managed under `/groups/{id}/members` (group-members.ts).
 */
import type { Group } from '../directory/groups.js';
import { authorizeGroupRead, authorizeGroupWrite } from './authorize-directory.js';
import type { GraphCall } from './context.js';
import { referencedId } from './object-reference.js';
import { graphErrors } from './errors.js';
import { checkQueryOptions, filterValue, parseListQuery, parseSelect, queryOption, type CollectionSpec } from './odata-query.js';
import { collection, entity, noContent, objectBody, serviceRoot } from './odata.js';
import type { GraphRouter } from './router.js';

/** Graph's group, with the properties a security group has no use for present and empty. */
export function serializeGroup(group: Group): Record<string, unknown> {
  return {
    id: group.id, deletedDateTime: null, classification: null, createdDateTime: group.createdDateTime, creationOptions: [],
    description: group.description, displayName: group.displayName, expirationDateTime: null, groupTypes: group.groupTypes,
    isAssignableToRole: null, mail: null, mailEnabled: group.mailEnabled, mailNickname: group.mailNickname, membershipRule: null,
    membershipRuleProcessingState: null, onPremisesLastSyncDateTime: null, onPremisesSyncEnabled: null, preferredDataLocation: null,
    preferredLanguage: null, proxyAddresses: [], renewedDateTime: group.createdDateTime, resourceBehaviorOptions: [],
    resourceProvisioningOptions: [], securityEnabled: group.securityEnabled, theme: null, visibility: null,
    onPremisesProvisioningErrors: [], serviceProvisioningErrors: [],
  };
}

export const GROUP_SPEC: CollectionSpec = {
  resource: 'Group',
  type: 'group',
  properties: { displayName: ['eq', 'startswith'], mailNickname: ['eq'] },
  selectable: Object.keys(serializeGroup({
    id: '', displayName: '', description: null, mailNickname: '', mailEnabled: false, securityEnabled: true, groupTypes: [], createdDateTime: '',
  })),
  countable: true,
};

export async function loadGroup(call: GraphCall): Promise<Group> {
  const group = await call.deps.directory.groups.get(call.tenantId, call.key.value);
  if (!group) throw graphErrors.notFound(call.key.value);
  return group;
}

async function list(call: GraphCall) {
  authorizeGroupRead(call.caller);
  const query = parseListQuery(call.query, GROUP_SPEC, call.header('ConsistencyLevel'));
  const page = await call.deps.directory.groups.list(call.tenantId, {
    displayName: filterValue(query, 'displayName', 'eq'),
    displayNameStartsWith: filterValue(query, 'displayName', 'startswith'),
    mailNickname: filterValue(query, 'mailNickname', 'eq'),
    top: query.top, after: query.after,
  }, query.count);
  return collection(call, 'groups', { ...page, items: page.items.map(serializeGroup) }, query.select);
}

async function create(call: GraphCall) {
  await authorizeGroupWrite(call);
  const body = objectBody(call.body);
  const binds = body['members@odata.bind'];
  if (binds !== undefined && !Array.isArray(binds)) throw graphErrors.badRequest("Invalid value specified for property 'members@odata.bind' of resource 'Group'.");
  const memberIds = (binds ?? []).map((ref: unknown) => referencedId(ref));
  const group = await call.deps.directory.groups.create(call.tenantId, body, memberIds);
  return entity(call, 'groups', serializeGroup(group), { status: 201, location: `${serviceRoot(call)}/groups/${group.id}` });
}

async function get(call: GraphCall) {
  authorizeGroupRead(call.caller);
  checkQueryOptions(call.query, new Set(['$select']));
  const select = parseSelect(queryOption(call.query, '$select'), GROUP_SPEC);
  return entity(call, 'groups', serializeGroup(await loadGroup(call)), { select });
}

async function update(call: GraphCall) {
  await authorizeGroupWrite(call);
  const group = await loadGroup(call);
  await call.deps.directory.groups.update(call.tenantId, group.id, objectBody(call.body));
  return noContent;
}

async function remove(call: GraphCall) {
  await authorizeGroupWrite(call);
  const group = await loadGroup(call);
  await call.deps.directory.groups.delete(call.tenantId, group.id);
  return noContent;
}

export function groupRoutes(router: GraphRouter): void {
  router.path('/groups', { GET: list, POST: create });
  router.entity('groups', '', { GET: get, PATCH: update, DELETE: remove });
}
