/**
 * Group membership: `/groups/{id}/members` (and its `$ref` writes), `/users/{id}/memberOf`, `/me/memberOf`, and
 * `checkMemberGroups` (what `az ad group member check` asks). Memberships are direct.
 */
import { isGuid } from '../lib/ids.js';
import { authorizeGroupMemberWrite, authorizeGroupRead, authorizeMemberOfRead } from './authorize-directory.js';
import type { GraphCall } from './context.js';
import { directoryObjects } from './directory-objects.js';
import { graphErrors } from './errors.js';
import { loadGroup } from './groups.js';
import { meId } from './me.js';
import { referencedId } from './object-reference.js';
import { checkQueryOptions, decodeSkipToken, parseTop, queryOption } from './odata-query.js';
import { collection, contextUrl, noContent, objectBody, pageOf } from './odata.js';
import type { GraphRouter } from './router.js';
import { loadUser } from './users.js';

/** Graph accepts at most 20 group ids per checkMemberGroups call. */
const MAX_CHECKED_GROUPS = 20;

/** A small, fully loaded list of directory objects, paged in memory like the other relationship lists. */
async function listed(call: GraphCall, path: string, refs: { id: string; type: 'User' | 'Group' | 'ServicePrincipal' }[]) {
  checkQueryOptions(call.query, new Set(['$top', '$skiptoken']));
  const top = parseTop(queryOption(call.query, '$top'));
  const token = queryOption(call.query, '$skiptoken');
  const items = await directoryObjects(call, refs);
  return collection(call, path, pageOf(items, top, token === undefined ? undefined : decodeSkipToken(token)));
}

async function members(call: GraphCall) {
  authorizeGroupRead(call.caller);
  const group = await loadGroup(call);
  return listed(call, 'directoryObjects', await call.deps.directory.groups.members(call.tenantId, group.id));
}

async function addMember(call: GraphCall) {
  await authorizeGroupMemberWrite(call);
  const group = await loadGroup(call);
  const memberId = referencedId(objectBody(call.body)['@odata.id']);
  await call.deps.directory.groups.addMember(call.tenantId, group.id, memberId);
  return noContent;
}

async function removeMember(call: GraphCall) {
  await authorizeGroupMemberWrite(call);
  const group = await loadGroup(call);
  const memberId = call.params.memberId ?? '';
  if (!isGuid(memberId)) throw graphErrors.invalidId(memberId);
  await call.deps.directory.groups.removeMember(call.tenantId, group.id, memberId);
  return noContent;
}

async function memberOf(call: GraphCall, userId: string) {
  authorizeMemberOfRead(call.caller, userId);
  const groupIds = await call.deps.directory.groups.groupsOf(call.tenantId, userId);
  return listed(call, 'directoryObjects', groupIds.map((id) => ({ id, type: 'Group' as const })));
}

/** Which of the given groups the object is a member of; the answer is a collection of those ids. */
async function checkMemberGroups(call: GraphCall, objectId: string) {
  authorizeMemberOfRead(call.caller, objectId);
  const { groupIds } = objectBody(call.body);
  if (!Array.isArray(groupIds) || groupIds.length > MAX_CHECKED_GROUPS || !groupIds.every(isGuid)) {
    throw graphErrors.badRequest("Invalid value specified for property 'groupIds'.");
  }
  if (!(await call.deps.directory.groups.objectType(call.tenantId, objectId))) throw graphErrors.notFound(objectId);
  const held = new Set(await call.deps.directory.groups.groupsOf(call.tenantId, objectId));
  const value = (groupIds as string[]).map((g) => g.toLowerCase()).filter((g) => held.has(g));
  return { status: 200, body: { '@odata.context': contextUrl(call, 'Collection(Edm.String)'), value } };
}

export function groupMemberRoutes(router: GraphRouter): void {
  router.entity('groups', '/members', { GET: members });
  router.entity('groups', '/members/$ref', { POST: addMember });
  router.entity('groups', '/members/:memberId/$ref', { DELETE: removeMember });
  router.path('/users/:id/memberOf', { GET: async (call) => memberOf(call, (await loadUser(call)).id) });
  router.path('/me/memberOf', { GET: (call) => memberOf(call, meId(call)) });
  router.entity('directoryObjects', '/checkMemberGroups', { POST: (call) => checkMemberGroups(call, call.key.value) });
  router.path('/users/:id/checkMemberGroups', { POST: async (call) => checkMemberGroups(call, (await loadUser(call)).id) });
}
