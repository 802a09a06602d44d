/** Graph's directoryObject: what a group's members and a user's memberOf hold, each item typed by `@odata.type`. */
import type { DirectoryObjectType, GroupMember } from '../directory/groups.js';
import type { GraphCall } from './context.js';
import { serializeGroup } from './groups.js';
import { serializeServicePrincipal } from './service-principals.js';
import { userJson } from './users.js';

const ODATA_TYPE: Record<DirectoryObjectType, string> = {
  User: '#microsoft.graph.user', Group: '#microsoft.graph.group', ServicePrincipal: '#microsoft.graph.servicePrincipal',
};

/** The objects themselves, each with its @odata.type; ones that vanished meanwhile are left out. */
export async function directoryObjects(call: GraphCall, refs: GroupMember[]): Promise<(Record<string, unknown> & { id: string })[]> {
  const { directory } = call.deps;
  const out: (Record<string, unknown> & { id: string })[] = [];
  for (const ref of refs) {
    let body: Record<string, unknown> | undefined;
    if (ref.type === 'User') {
      const user = await directory.users.get(call.tenantId, ref.id);
      body = user && userJson(user);
    } else if (ref.type === 'Group') {
      const group = await directory.groups.get(call.tenantId, ref.id);
      body = group && serializeGroup(group);
    } else {
      const sp = await directory.servicePrincipals.get(call.tenantId, ref.id);
      body = sp && serializeServicePrincipal(sp);
    }
    if (body) out.push({ '@odata.type': ODATA_TYPE[ref.type], ...body, id: ref.id });
  }
  return out;
}
