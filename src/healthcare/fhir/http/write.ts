/** create (POST [type]) and update (PUT [type]/[id], an upsert that keeps the client's id), with If-Match. */
import type { Resource } from '@medplum/fhirtypes';
import { conditionalCreate } from './conditional.js';
import { writeResponse } from './respond.js';
import { header, type FhirCall, type FhirResponse } from './types.js';
import { checkWrite } from './validate.js';
import { parseIfMatch } from './versioning.js';
import { checkExistingInReach, storeVersion, withoutId } from './write-steps.js';

/** `POST [type]`: the server assigns the id (one in the body is ignored); `If-None-Exist` makes it conditional. */
export async function create(call: FhirCall, type: string): Promise<FhirResponse> {
  call.access.require(call.principal, 'create', { resourceType: type });
  const body = call.request.body;
  const resource = checkWrite(typeof body === 'object' && body !== null && !Array.isArray(body) ? withoutId(body as Resource) : body, type);
  call.access.require(call.principal, 'create', { resourceType: type, resource });
  const ifNoneExist = header(call.request, 'if-none-exist');
  if (ifNoneExist !== undefined) return conditionalCreate(call, type, resource, ifNoneExist);
  const v = await call.repo.create(resource, 'POST');
  return writeResponse(call, 201, v, `Created ${type}/${v.id}.`);
}

/** `PUT [type]/[id]`: 201 when it created the resource, 200 when it made a new version; 412 on an If-Match mismatch. */
export async function update(call: FhirCall, type: string, id: string): Promise<FhirResponse> {
  call.access.require(call.principal, 'update', { resourceType: type, id });
  const resource = checkWrite(call.request.body, type, id);
  call.access.require(call.principal, 'update', { resourceType: type, id, resource });
  await checkExistingInReach(call, type, id);
  const ifMatch = parseIfMatch(header(call.request, 'if-match'));
  const { version, created } = await storeVersion(call.repo, resource, ifMatch, 'PUT');
  return writeResponse(call, created ? 201 : 200, version, created ? `Created ${type}/${id}.` : `Updated ${type}/${id}.`);
}
