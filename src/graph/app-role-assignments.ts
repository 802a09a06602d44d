/**
 * App role assignments of a service principal: `appRoleAssignedTo` (who holds this API's roles: how
 * application permissions are granted, i.e. admin consent) and `appRoleAssignments` (roles it holds itself).
 */
import { authorizeAppRoleAssignmentWrite, authorizeRead } from './authorize.js';
import type { GraphCall } from './context.js';
import { graphErrors } from './errors.js';
import { checkQueryOptions, decodeSkipToken, parseSelect, parseTop, queryOption } from './odata-query.js';
import { collection, entity, noContent, objectBody, pageOf, serviceRoot } from './odata.js';
import { loadGroup } from './groups.js';
import type { GraphRouter } from './router.js';
import { loadServicePrincipal } from './service-principals.js';
import { loadUser } from './users.js';

const SELECTABLE = {
  type: 'appRoleAssignment',
  selectable: ['id', 'appRoleId', 'createdDateTime', 'deletedDateTime', 'principalDisplayName', 'principalId', 'principalType',
    'resourceDisplayName', 'resourceId'],
};

/** Both lists are small per principal; they are paged in memory with the same skip tokens as the directory lists. */
async function listed(call: GraphCall, relation: 'appRoleAssignedTo' | 'appRoleAssignments') {
  authorizeRead(call.caller);
  checkQueryOptions(call.query, new Set(['$select', '$top', '$skiptoken']));
  const select = parseSelect(queryOption(call.query, '$select'), SELECTABLE);
  const top = parseTop(queryOption(call.query, '$top'));
  const token = queryOption(call.query, '$skiptoken');
  const sp = await loadServicePrincipal(call);
  const assignments = call.deps.directory.appRoleAssignments;
  const items = relation === 'appRoleAssignedTo'
    ? await assignments.listForResource(call.tenantId, sp.id)
    : await assignments.listForPrincipal(call.tenantId, sp.id);
  const after = token === undefined ? undefined : decodeSkipToken(token);
  return collection(call, `servicePrincipals('${sp.id}')/${relation}`, pageOf(items, top, after), select);
}

async function assign(call: GraphCall) {
  const sp = await loadServicePrincipal(call);
  await authorizeAppRoleAssignmentWrite(call);
  const body = objectBody(call.body);
  // The resource is the principal in the URL; a body naming another one is a contradiction, not a choice.
  if (body.resourceId !== undefined && (typeof body.resourceId !== 'string' || body.resourceId.toLowerCase() !== sp.id)) {
    throw graphErrors.badRequest("The value of property 'resourceId' must be the id of the service principal in the request URL.");
  }
  const assignment = await call.deps.directory.appRoleAssignments.create(call.tenantId, {
    principalId: body.principalId, resourceId: sp.id, appRoleId: body.appRoleId,
  });
  return entity(call, `servicePrincipals('${sp.id}')/appRoleAssignedTo`, assignment, {
    status: 201, location: `${serviceRoot(call)}/servicePrincipals/${sp.id}/appRoleAssignedTo/${assignment.id}`,
  });
}

async function unassign(call: GraphCall) {
  const sp = await loadServicePrincipal(call);
  await authorizeAppRoleAssignmentWrite(call);
  await call.deps.directory.appRoleAssignments.delete(call.tenantId, sp.id, call.params.assignmentId ?? '');
  return noContent;
}

/** `/users/{id}/appRoleAssignments`, `/groups/{id}/appRoleAssignments`: the roles a user or group holds. */
async function principalAssignments(call: GraphCall, path: string, principalId: string) {
  authorizeRead(call.caller);
  checkQueryOptions(call.query, new Set(['$select', '$top', '$skiptoken']));
  const select = parseSelect(queryOption(call.query, '$select'), SELECTABLE);
  const token = queryOption(call.query, '$skiptoken');
  const items = await call.deps.directory.appRoleAssignments.listForPrincipal(call.tenantId, principalId);
  const after = token === undefined ? undefined : decodeSkipToken(token);
  return collection(call, path, pageOf(items, parseTop(queryOption(call.query, '$top')), after), select);
}

/** Assigning through the principal's own list: the principal is the one in the URL. */
async function assignToPrincipal(call: GraphCall, set: 'users' | 'groups', principalId: string) {
  await authorizeAppRoleAssignmentWrite(call);
  const body = objectBody(call.body);
  if (body.principalId !== undefined && (typeof body.principalId !== 'string' || body.principalId.toLowerCase() !== principalId)) {
    throw graphErrors.badRequest("The value of property 'principalId' must be the id of the object in the request URL.");
  }
  const assignment = await call.deps.directory.appRoleAssignments.create(call.tenantId, {
    principalId, resourceId: body.resourceId, appRoleId: body.appRoleId,
  });
  return entity(call, `${set}('${principalId}')/appRoleAssignments`, assignment, {
    status: 201, location: `${serviceRoot(call)}/${set}/${principalId}/appRoleAssignments/${assignment.id}`,
  });
}

export function appRoleAssignmentRoutes(router: GraphRouter): void {
  router.path('/users/:id/appRoleAssignments', {
    GET: async (call) => {
      const user = await loadUser(call);
      return principalAssignments(call, `users('${user.id}')/appRoleAssignments`, user.id);
    },
    POST: async (call) => {
      const user = await loadUser(call);
      return assignToPrincipal(call, 'users', user.id);
    },
  });
  router.entity('groups', '/appRoleAssignments', {
    GET: async (call) => {
      const group = await loadGroup(call);
      return principalAssignments(call, `groups('${group.id}')/appRoleAssignments`, group.id);
    },
    POST: async (call) => {
      const group = await loadGroup(call);
      return assignToPrincipal(call, 'groups', group.id);
    },
  });
  router.entity('servicePrincipals', '/appRoleAssignedTo', {
    GET: (call) => listed(call, 'appRoleAssignedTo'),
    POST: assign,
  }, { alternateKey: true });
  router.entity('servicePrincipals', '/appRoleAssignedTo/:assignmentId', { DELETE: unassign }, { alternateKey: true });
  router.entity('servicePrincipals', '/appRoleAssignments', { GET: (call) => listed(call, 'appRoleAssignments') }, { alternateKey: true });
}
