/**
 * patch: `PATCH [type]/[id]` with a JSON Patch document (RFC 6902, `application/json-patch+json`), applied by
 * fast-json-patch to the current version. The result is validated like any write and stored as the next
 * version, guarded by If-Match (the client's, or the version we patched, so a concurrent write is not lost).
 */
import type { Resource } from '@medplum/fhirtypes';
import jsonpatch, { type Operation } from 'fast-json-patch';
import { badRequest, FhirError, gone, notFound, preconditionFailed } from '../outcome.js';
import { writeResponse } from './respond.js';
import { header, type FhirCall, type FhirResponse } from './types.js';
import { checkWrite } from './validate.js';
import { etag, parseIfMatch } from './versioning.js';
import { storeVersion } from './write-steps.js';

export const JSON_PATCH = 'application/json-patch+json';
const ATTEMPTS = 3;

export async function patch(call: FhirCall, type: string, id: string): Promise<FhirResponse> {
  if (call.request.contentType !== JSON_PATCH) {
    throw new FhirError(415, 'not-supported', `PATCH takes a JSON Patch document (${JSON_PATCH}).`);
  }
  return applyJsonPatch(call, type, id, call.request.body);
}

/** Apply a JSON Patch to the current version of Type/id and store the result; shared with bundle entries. */
export async function applyJsonPatch(call: FhirCall, type: string, id: string, document: unknown): Promise<FhirResponse> {
  call.access.require(call.principal, 'update', { resourceType: type, id });
  const operations = patchOperations(document);
  const ifMatch = parseIfMatch(header(call.request, 'if-match'));
  for (let attempt = 1; ; attempt++) {
    const current = await call.repo.read(type, id);
    if (!current) throw notFound(`Resource type '${type}' with id '${id}' couldn't be found.`);
    if (current.deleted || !current.resource) throw gone(`Resource type '${type}' with id '${id}' has been deleted.`);
    call.access.require(call.principal, 'update', { resourceType: type, id, resource: current.resource });
    if (ifMatch !== undefined && ifMatch !== current.versionId) {
      throw preconditionFailed(`The version ${etag(ifMatch)} does not match the current version ${etag(current.versionId)}.`);
    }
    const patched = applyTo(current.resource, operations);
    const resource = checkWrite(patched, type, id);
    call.access.require(call.principal, 'update', { resourceType: type, id, resource });
    try {
      const { version } = await storeVersion(call.repo, resource, current.versionId, 'PATCH');
      return writeResponse(call, 200, version, `Patched ${type}/${id}.`);
    } catch (err) {
      // Someone wrote in between: patch the newer version, unless the client pinned the one it saw.
      if (!(err instanceof FhirError) || err.status !== 412 || ifMatch !== undefined || attempt >= ATTEMPTS) throw err;
    }
  }
}

function patchOperations(document: unknown): Operation[] {
  if (!Array.isArray(document)) throw badRequest('A JSON Patch document is an array of operations.');
  const error = jsonpatch.validate(document as Operation[]);
  if (error) throw badRequest(`Invalid JSON Patch operation: ${describe(error)}`);
  return document as Operation[];
}

function applyTo(resource: Resource, operations: Operation[]): unknown {
  try {
    return jsonpatch.applyPatch(jsonpatch.deepClone(resource), operations, true, true, true).newDocument;
  } catch (err) {
    if (err instanceof jsonpatch.JsonPatchError) {
      // A failed `test` or a path that is not there: the patch is well-formed but cannot apply.
      throw new FhirError(422, 'processing', `The patch could not be applied: ${describe(err)}`);
    }
    throw err;
  }
}

function describe(err: InstanceType<typeof jsonpatch.JsonPatchError>): string {
  const op = err.operation as Operation | undefined;
  const where = op ? ` (operation ${err.index ?? ''} ${op.op} ${op.path})` : '';
  return `${err.name === 'TEST_OPERATION_FAILED' ? 'a test operation failed' : err.message.split('\n')[0]}${where}`;
}
