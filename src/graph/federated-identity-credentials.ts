/**
 * `/applications/{id}/federatedIdentityCredentials` (spec §1.6): list, create, and get, update or delete one by
 * id or by Graph's alternate key `federatedIdentityCredentials(name='…')`, where PATCH is an upsert as in Graph.
 * Reading needs what reading the application needs; writing, what changing it needs.
 */
import type { Application } from '../directory/applications.js';
import type { FederatedIdentityCredential } from '../directory/federated-credentials.js';
import { loadApplication } from './applications.js';
import { authorizeApplicationWrite, authorizeRead } from './authorize.js';
import type { GraphCall, GraphResult } from './context.js';
import { graphErrors } from './errors.js';
import { checkQueryOptions, parseSelect, queryOption } from './odata-query.js';
import { collection, entity, noContent, objectBody, serviceRoot } from './odata.js';
import type { GraphRouter, Handlers, Method } from './router.js';

const SPEC = { type: 'federatedIdentityCredential', selectable: ['id', 'name', 'issuer', 'subject', 'audiences', 'description'] };
/** The alternate key segment; quotes inside the name are doubled, as in every OData key. */
const BY_NAME = /^federatedIdentityCredentials\(name='((?:[^']|'')*)'\)$/;

const setPath = (app: Application): string => `applications('${app.id}')/federatedIdentityCredentials`;

function selection(call: GraphCall): string[] | undefined {
  checkQueryOptions(call.query, new Set(['$select']));
  return parseSelect(queryOption(call.query, '$select'), SPEC);
}

async function list(call: GraphCall): Promise<GraphResult> {
  authorizeRead(call.caller);
  const select = selection(call);
  const app = await loadApplication(call);
  const items = await call.deps.directory.federatedCredentials.list(call.tenantId, app.id);
  return collection(call, setPath(app), { items }, select);
}

async function create(call: GraphCall): Promise<GraphResult> {
  const app = await loadApplication(call);
  await authorizeApplicationWrite(call, app.id);
  return created(call, app, await call.deps.directory.federatedCredentials.create(call.tenantId, app.id, objectBody(call.body)));
}

function created(call: GraphCall, app: Application, credential: FederatedIdentityCredential): GraphResult {
  const location = `${serviceRoot(call)}/applications/${app.id}/federatedIdentityCredentials/${credential.id}`;
  return entity(call, setPath(app), credential, { status: 201, location });
}

async function getOne(call: GraphCall, key: string): Promise<GraphResult> {
  authorizeRead(call.caller);
  const select = selection(call);
  const app = await loadApplication(call);
  const credential = await call.deps.directory.federatedCredentials.get(call.tenantId, app.id, key);
  if (!credential) throw graphErrors.notFound(key);
  return entity(call, setPath(app), credential, { select });
}

async function update(call: GraphCall, key: string, upsert: boolean): Promise<GraphResult> {
  const app = await loadApplication(call);
  await authorizeApplicationWrite(call, app.id);
  const credentials = call.deps.directory.federatedCredentials;
  const body = objectBody(call.body);
  if (upsert && !(await credentials.get(call.tenantId, app.id, key))) {
    if (body.name !== undefined && body.name !== key) throw graphErrors.badRequest(`The name in the body ('${String(body.name)}') differs from the name in the URL ('${key}').`);
    return created(call, app, await credentials.create(call.tenantId, app.id, { ...body, name: key }));
  }
  await credentials.update(call.tenantId, app.id, key, body);
  return noContent;
}

async function remove(call: GraphCall, key: string): Promise<GraphResult> {
  const app = await loadApplication(call);
  await authorizeApplicationWrite(call, app.id);
  await call.deps.directory.federatedCredentials.delete(call.tenantId, app.id, key);
  return noContent;
}

const byId = (call: GraphCall): string => call.params.credential ?? '';

/** `/{application}/{segment}`: the alternate key form, or a segment Graph does not have. */
function byName(method: Method) {
  return async (call: GraphCall): Promise<GraphResult> => {
    const segment = call.params.segment ?? '';
    const match = BY_NAME.exec(segment);
    if (!match) throw graphErrors.segmentNotFound(segment);
    const name = match[1]!.replace(/''/g, "'");
    switch (method) {
      case 'GET': return getOne(call, name);
      case 'PATCH': return update(call, name, true);
      case 'DELETE': return remove(call, name);
      default: throw graphErrors.methodNotAllowed();
    }
  };
}

export function federatedCredentialRoutes(router: GraphRouter): void {
  router.entity('applications', '/federatedIdentityCredentials', { GET: list, POST: create }, { alternateKey: true });
  router.entity('applications', '/federatedIdentityCredentials/:credential', {
    GET: (call) => getOne(call, byId(call)), PATCH: (call) => update(call, byId(call), false), DELETE: (call) => remove(call, byId(call)),
  }, { alternateKey: true });
  const handlers: Handlers = {};
  for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const) handlers[method] = byName(method);
  router.entity('applications', '/:segment', handlers, { alternateKey: true });
}
