/** Steps every writing interaction shares (update, conditional update, patch, transaction entries). */
import type { Resource } from '@medplum/fhirtypes';
import { preconditionFailed } from '../outcome.js';
import { VersionConflictError, type FhirRepository, type ResourceVersion } from '../repository.js';
import type { DataAction, FhirCall } from './types.js';
import { etag } from './versioning.js';

/** repo.update with FHIR's answer to a version conflict (412, naming both versions). */
export async function storeVersion(repo: FhirRepository, resource: Resource, ifMatch: string | undefined, method: 'PUT' | 'PATCH'):
Promise<{ version: ResourceVersion; created: boolean }> {
  try {
    return await repo.update(resource, { ...(ifMatch !== undefined ? { ifMatch } : {}), method });
  } catch (err) {
    if (err instanceof VersionConflictError) {
      throw preconditionFailed(err.currentVersionId === undefined
        ? `The resource ${resource.resourceType}/${resource.id} does not exist, so version ${etag(ifMatch ?? '')} cannot match.`
        : `The version ${etag(ifMatch ?? '')} does not match the current version ${etag(err.currentVersionId)}.`);
    }
    throw err;
  }
}

/**
 * A caller limited to a patient's compartment (SMART) may only replace what it could read: the current version
 * must be in reach too, not just the new one.
 */
export async function checkExistingInReach(call: FhirCall, type: string, id: string): Promise<void> {
  if (!call.access.searchRestriction(call.principal)) return;
  const current = await call.repo.read(type, id);
  if (current?.resource) call.access.require(call.principal, 'update', { resourceType: type, id, resource: current.resource });
}

/** A copy without id, for creates: the server assigns ids. */
export function withoutId(resource: Resource): Resource {
  if (resource.id === undefined) return resource;
  const { id: _ignored, ...rest } = resource;
  return rest as Resource;
}


/**
 * The resource-level check of a stored version, for callers confined to a compartment (SMART). Others passed
 * the type-level check already, and their reads must not parse the stored JSON just to be checked.
 */
export function requireOnVersion(call: FhirCall, action: DataAction, v: ResourceVersion): void {
  if (!call.access.searchRestriction(call.principal)) return;
  call.access.require(call.principal, action, { resourceType: v.resourceType, id: v.id, resource: v.resource });
}
