/**
 * `/applications`: app registrations (spec §2). Creating one makes no service principal, as in Entra; that
 * takes a `POST /servicePrincipals`. Secrets come only through addPassword and are shown once; certificates come
 * with PATCH keyCredentials or addKey (application-keys.ts).
 */
import { defaultApplicationProps } from '../directory/application-shape.js';
import type { Application } from '../directory/applications.js';
import { isGuid } from '../lib/ids.js';
import { authorizeApplicationWrite, authorizeRead, authorizeWrite } from './authorize.js';
import type { GraphCall } from './context.js';
import { withCredentialState, withCredentialStates } from './credential-annotations.js';
import { graphErrors } from './errors.js';
import { parseFilter } from './odata-filter.js';
import { checkQueryOptions, directoryQuery, parseListQuery, parseSelect, queryOption, type CollectionSpec } from './odata-query.js';
import { collection, contextUrl, entity, noContent, objectBody, serviceRoot } from './odata.js';
import type { GraphRouter } from './router.js';

export const APPLICATION_SPEC: CollectionSpec = {
  resource: 'Application',
  type: 'application',
  properties: { appId: ['eq'], displayName: ['eq', 'startswith'] },
  selectable: ['id', 'appId', 'createdDateTime', 'deletedDateTime', ...Object.keys(defaultApplicationProps('', '')), 'passwordCredentials', 'keyCredentials'],
  countable: true,
};

const RAW_COUNT_NEEDS_EVENTUAL = "Raw count (/$count) is not supported because the 'ConsistencyLevel:eventual' header is missing. Refer to https://aka.ms/graph-docs/advanced-queries for more information";

export async function loadApplication(call: GraphCall): Promise<Application> {
  const app = await call.deps.directory.applications.get(call.tenantId, call.key.value, call.key.by);
  if (!app) throw graphErrors.notFound(call.key.value);
  return app;
}

const now = (call: GraphCall): Date => call.deps.directory.clock.now();

async function list(call: GraphCall) {
  authorizeRead(call.caller);
  const query = parseListQuery(call.query, APPLICATION_SPEC, call.header('ConsistencyLevel'));
  const page = await call.deps.directory.applications.list(call.tenantId, directoryQuery(query), query.count);
  const at = now(call);
  return collection(call, 'applications', { ...page, items: page.items.map((a) => withCredentialStates(a, at)) }, query.select);
}

/** `/applications/$count`: a bare number as text/plain, and only as an advanced (eventual) query. */
async function count(call: GraphCall) {
  authorizeRead(call.caller);
  checkQueryOptions(call.query, new Set(['$filter']));
  if (call.header('ConsistencyLevel')?.toLowerCase() !== 'eventual') throw graphErrors.unsupportedQuery(RAW_COUNT_NEEDS_EVENTUAL);
  const filterText = queryOption(call.query, '$filter');
  const filter = filterText === undefined ? [] : parseFilter(filterText, APPLICATION_SPEC);
  const value = (property: string, op: 'eq' | 'startswith') => filter.find((c) => c.property === property && c.op === op)?.value;
  const page = await call.deps.directory.applications.list(call.tenantId, {
    appId: value('appId', 'eq'), displayName: value('displayName', 'eq'), displayNameStartsWith: value('displayName', 'startswith'), top: 1,
  }, true);
  return { status: 200, text: String(page.count ?? 0) };
}

async function create(call: GraphCall) {
  authorizeWrite(call.caller);
  const app = await call.deps.directory.applications.create(call.tenantId, objectBody(call.body), call.caller.oid);
  return entity(call, 'applications', withCredentialStates(app, now(call)), { status: 201, location: `${serviceRoot(call)}/applications/${app.id}` });
}

async function get(call: GraphCall) {
  authorizeRead(call.caller);
  checkQueryOptions(call.query, new Set(['$select']));
  const select = parseSelect(queryOption(call.query, '$select'), APPLICATION_SPEC);
  const app = await loadApplication(call);
  // Graph shows a certificate itself only when keyCredentials is selected explicitly, on one application.
  if (select?.includes('keyCredentials')) app.keyCredentials = await call.deps.directory.keyCredentials.list(call.tenantId, app.id, true);
  return entity(call, 'applications', withCredentialStates(app, now(call)), { select });
}

async function update(call: GraphCall) {
  const app = await loadApplication(call);
  await authorizeApplicationWrite(call, app.id);
  await call.deps.directory.applications.update(call.tenantId, app.id, objectBody(call.body));
  return noContent;
}

async function remove(call: GraphCall) {
  const app = await loadApplication(call);
  await authorizeApplicationWrite(call, app.id);
  await call.deps.directory.applications.delete(call.tenantId, app.id);
  return noContent;
}

/** `addPassword`: the generated secret is in this answer and nowhere else, ever. */
async function addPassword(call: GraphCall) {
  const app = await loadApplication(call);
  await authorizeApplicationWrite(call, app.id);
  const { passwordCredential } = objectBody(call.body);
  if (passwordCredential !== undefined && passwordCredential !== null
    && (typeof passwordCredential !== 'object' || Array.isArray(passwordCredential))) {
    throw graphErrors.badRequest("Invalid value specified for property 'passwordCredential' of resource 'Application'.");
  }
  const credential = await call.deps.directory.passwordCredentials.add(call.tenantId, app.id, (passwordCredential ?? {}) as Record<string, unknown>);
  return { status: 200, body: { '@odata.context': contextUrl(call, 'microsoft.graph.passwordCredential'), ...withCredentialState(credential, now(call)) } };
}

async function removePassword(call: GraphCall) {
  const app = await loadApplication(call);
  await authorizeApplicationWrite(call, app.id);
  const { keyId } = objectBody(call.body);
  if (!isGuid(keyId)) throw graphErrors.badRequest("Invalid value specified for property 'keyId' of resource 'Application'.");
  await call.deps.directory.passwordCredentials.remove(call.tenantId, app.id, keyId);
  return noContent;
}

export function applicationRoutes(router: GraphRouter): void {
  router.path('/applications', { GET: list, POST: create });
  router.path('/applications/$count', { GET: count });
  router.entity('applications', '', { GET: get, PATCH: update, DELETE: remove }, { alternateKey: true });
  router.entity('applications', '/addPassword', { POST: addPassword }, { alternateKey: true });
  router.entity('applications', '/removePassword', { POST: removePassword }, { alternateKey: true });
}
