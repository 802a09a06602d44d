/**
 * Conditional interactions: create with If-None-Exist, update and delete addressed by a search
 * (`PUT|DELETE [type]?params`). The matching is fhir/search's findMatches; the rules are FHIR's (0/1/many).
 */
import type { Resource } from '@medplum/fhirtypes';
import { badRequest, preconditionFailed } from '../outcome.js';
import { findMatches } from '../search/index.js';
import { FORMAT_PARAMS } from './content.js';
import { versionBody, writeResponse } from './respond.js';
import { header, type FhirCall, type FhirResponse } from './types.js';
import { checkWrite, isValidId } from './validate.js';
import { parseIfMatch, versionHeaders } from './versioning.js';
import { checkExistingInReach, requireOnVersion, storeVersion } from './write-steps.js';

/** Azure's ceiling for a conditional delete of several resources (`_count`). */
export const MAX_CONDITIONAL_DELETE = 100;

/** The search criteria of a conditional request: the query without the parameters that only shape responses. */
export function criteria(query: Array<[string, string]>, exclude: readonly string[] = []): Array<[string, string]> {
  return query.filter(([name]) => !FORMAT_PARAMS.has(name) && !exclude.includes(name));
}

/** The criteria of an If-None-Exist header: a query string (`identifier=a|b`), with or without `?` or `Type?`. */
export function parseCriteria(text: string): Array<[string, string]> {
  const q = text.includes('?') ? text.slice(text.indexOf('?') + 1) : text;
  return criteria([...new URLSearchParams(q)]);
}

/** The ids matching criteria, at most `limit`; criteria must not be empty (that would match everything). */
export async function matchingIds(call: FhirCall, type: string, params: Array<[string, string]>, limit: number): Promise<string[]> {
  if (!params.length) throw preconditionFailed('A conditional request needs search criteria.');
  return findMatches(call.repo, { resourceType: type, params, limit });
}

/** Conditional create: 0 matches create, 1 answers 200 with the existing resource, more are 412. */
export async function conditionalCreate(call: FhirCall, type: string, resource: Resource, ifNoneExist: string): Promise<FhirResponse> {
  const ids = await matchingIds(call, type, parseCriteria(ifNoneExist), 2);
  if (ids.length > 1) throw preconditionFailed(`If-None-Exist matched ${ids.length} or more ${type} resources; it must match at most one.`);
  if (ids.length === 1) {
    const existing = await call.repo.read(type, ids[0]!);
    if (existing && !existing.deleted) {
      requireOnVersion(call, 'read', existing);
      return { status: 200, headers: versionHeaders(existing, call.service.url), body: versionBody(existing) };
    }
  }
  const v = await call.repo.create(resource, 'POST');
  return writeResponse(call, 201, v, `Created ${type}/${v.id}.`);
}

/**
 * `PUT [type]?params`: no match creates (with the body's id when it has one), one match updates that resource
 * (a body id must be that one), several are 412.
 */
export async function conditionalUpdate(call: FhirCall, type: string): Promise<FhirResponse> {
  call.access.require(call.principal, 'update', { resourceType: type });
  const body = call.request.body as Partial<Resource> | undefined;
  const ids = await matchingIds(call, type, criteria(call.request.query), 2);
  if (ids.length > 1) throw preconditionFailed(`The search criteria matched ${ids.length} or more ${type} resources; a conditional update needs at most one.`);
  const bodyId = typeof body === 'object' && body !== null ? body.id : undefined;
  if (ids.length === 1 && bodyId !== undefined && bodyId !== ids[0]) {
    throw badRequest(`The id '${String(bodyId)}' in the body is not the id of the matching resource.`, [`${type}.id`]);
  }
  const id = ids[0] ?? bodyId;
  if (id === undefined) {
    const resource = checkWrite(body, type);
    call.access.require(call.principal, 'create', { resourceType: type, resource });
    const v = await call.repo.create(resource, 'PUT');
    return writeResponse(call, 201, v, `Created ${type}/${v.id}.`);
  }
  if (typeof id !== 'string' || !isValidId(id)) throw badRequest('The resource id is not a valid FHIR id.', [`${type}.id`]);
  const resource = checkWrite({ ...(body as object), id }, type, id);
  call.access.require(call.principal, 'update', { resourceType: type, id, resource });
  await checkExistingInReach(call, type, id);
  const { version, created } = await storeVersion(call.repo, resource, parseIfMatch(header(call.request, 'if-match')), 'PUT');
  return writeResponse(call, created ? 201 : 200, version, created ? `Created ${type}/${id}.` : `Updated ${type}/${id}.`);
}

/**
 * `DELETE [type]?params`: deletes the one match; with `_count=n` (at most 100) up to n matches, as Azure allows.
 * No match is a success (204), several without `_count` are 412. `hardDelete=true` removes history too.
 */
export async function conditionalDelete(call: FhirCall, type: string, hard: boolean): Promise<FhirResponse> {
  call.access.require(call.principal, hard ? 'hardDelete' : 'delete', { resourceType: type });
  const countParam = call.request.query.find(([n]) => n === '_count')?.[1];
  const count = countParam === undefined ? 1 : Number(countParam);
  if (!Number.isInteger(count) || count < 1 || count > MAX_CONDITIONAL_DELETE) {
    throw badRequest(`_count must be a whole number from 1 to ${MAX_CONDITIONAL_DELETE}.`, ['_count']);
  }
  const params = criteria(call.request.query, ['_count', 'hardDelete']);
  const ids = await matchingIds(call, type, params, count + 1);
  if (ids.length > count) {
    throw preconditionFailed(countParam === undefined
      ? `The search criteria matched more than one ${type}; add _count to delete several.`
      : `The search criteria matched more than ${count} ${type} resources.`);
  }
  // Not one transaction of our own: inside a transaction bundle this already runs in one.
  for (const id of ids) {
    const current = await call.repo.read(type, id);
    if (current && !current.deleted) requireOnVersion(call, hard ? 'hardDelete' : 'delete', current);
    if (hard) await call.repo.hardDelete(type, id);
    else await call.repo.delete(type, id);
  }
  return { status: 204 };
}

