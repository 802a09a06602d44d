/** delete: `DELETE [type]/[id]` is soft (a deletion version; history stays); `?hardDelete=true` removes history too. */
import type { FhirCall, FhirResponse } from './types.js';
import { etag } from './versioning.js';

/** True when the query asks for a hard delete (Azure's `hardDelete=true`). */
export function isHardDelete(query: Array<[string, string]>): boolean {
  return query.some(([n, v]) => n === 'hardDelete' && v.toLowerCase() === 'true');
}

/** 204 whether or not there was anything to delete (deleting is idempotent, as on Azure). */
export async function remove(call: FhirCall, type: string, id: string): Promise<FhirResponse> {
  const hard = isHardDelete(call.request.query);
  const action = hard ? 'hardDelete' : 'delete';
  call.access.require(call.principal, action, { resourceType: type, id });
  if (call.access.searchRestriction(call.principal)) {
    const current = await call.repo.read(type, id);
    if (current?.resource) call.access.require(call.principal, action, { resourceType: type, id, resource: current.resource });
  }
  if (hard) {
    await call.repo.hardDelete(type, id);
    return { status: 204 };
  }
  const v = await call.repo.delete(type, id);
  return v ? { status: 204, headers: { etag: etag(v.versionId) } } : { status: 204 };
}
