/**
 * `/applications/{id}/owners`: who may change an app registration besides application administrators. Listed as
 * directory objects; added with `POST …/owners/$ref` and removed with `DELETE …/owners/{id}/$ref`, as in Graph.
 * Owners are users or service principals; an application may be left without owners.
 */
import { isGuid } from '../lib/ids.js';
import { loadApplication } from './applications.js';
import { authorizeApplicationWrite, authorizeRead } from './authorize.js';
import type { GraphCall } from './context.js';
import { directoryObjects } from './directory-objects.js';
import { graphErrors } from './errors.js';
import { referencedId } from './object-reference.js';
import { checkQueryOptions } from './odata-query.js';
import { collection, noContent, objectBody } from './odata.js';
import type { GraphRouter } from './router.js';

async function list(call: GraphCall) {
  authorizeRead(call.caller);
  checkQueryOptions(call.query, new Set());
  const app = await loadApplication(call);
  const refs = [];
  for (const id of await call.deps.directory.applications.owners(call.tenantId, app.id)) {
    const type = await call.deps.directory.groups.objectType(call.tenantId, id);
    if (type === 'User' || type === 'ServicePrincipal') refs.push({ id, type });
  }
  return collection(call, 'directoryObjects', { items: await directoryObjects(call, refs) });
}

async function add(call: GraphCall) {
  const app = await loadApplication(call);
  await authorizeApplicationWrite(call, app.id);
  const ownerId = referencedId(objectBody(call.body)['@odata.id']);
  const type = await call.deps.directory.groups.objectType(call.tenantId, ownerId);
  if (!type) throw graphErrors.notFound(ownerId);
  if (type !== 'User' && type !== 'ServicePrincipal') throw graphErrors.badRequest('Only users and service principals can own an application.');
  if (!await call.deps.directory.applications.addOwner(call.tenantId, app.id, ownerId)) {
    throw graphErrors.badRequest("One or more added object references already exist for the following modified properties: 'owners'.");
  }
  return noContent;
}

async function remove(call: GraphCall) {
  const app = await loadApplication(call);
  await authorizeApplicationWrite(call, app.id);
  const ownerId = call.params.ownerId ?? '';
  if (!isGuid(ownerId)) throw graphErrors.invalidId(ownerId);
  if (!await call.deps.directory.applications.removeOwner(call.tenantId, app.id, ownerId.toLowerCase())) throw graphErrors.notFound(ownerId);
  return noContent;
}

export function applicationOwnerRoutes(router: GraphRouter): void {
  router.entity('applications', '/owners', { GET: list }, { alternateKey: true });
  router.entity('applications', '/owners/$ref', { POST: add }, { alternateKey: true });
  router.entity('applications', '/owners/:ownerId/$ref', { DELETE: remove }, { alternateKey: true });
}
