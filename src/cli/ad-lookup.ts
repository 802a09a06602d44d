/**
 * Finding directory objects the way az's --id does, and listing them the way az lists: shared by the
 * `ad app`, `ad app credential` and `ad sp` commands.
 */
import { isGuid } from '../lib/ids.js';
import type { Invocation } from './command.js';
import { CliError } from './errors.js';
import { odataString, type GraphObject } from './graph.js';

/** az's table transformer for applications and service principals. */
export function directoryRow(item: Record<string, unknown>): Record<string, unknown> {
  return { DisplayName: item.displayName, Id: item.id, AppId: item.appId, CreatedDateTime: item.createdDateTime };
}

export const LIST_INCOMPLETE = "The result is not complete. You can still use '--all' to get all of them with"
  + ' long latency expected, or provide a filter through command arguments';

/**
 * Find an application by appId or object id (az --id), or by identifier URI. The appId is tried first,
 * with Graph's alternate key /applications(appId='…'), then the object id.
 */
export async function resolveApplication(invocation: Invocation, id: string): Promise<GraphObject> {
  const graph = invocation.graph();
  if (isGuid(id)) {
    return (await graph.find(`/applications(appId=${odataString(id)})`)) ?? graph.get(`/applications/${id}`);
  }
  const [found] = await graph.list('/applications', { filter: `identifierUris/any(s:s eq ${odataString(id)})` });
  if (!found) throw new CliError(`Application with identifier URI '${id}' doesn't exist`, 3);
  return found;
}

/** az's list: every match when filtered or --all, else the first 100 with a warning when there are more. */
export async function listObjects(invocation: Invocation, path: string, filters: string[], all?: boolean): Promise<GraphObject[]> {
  const filter = filters.length > 0 ? filters.join(' and ') : undefined;
  if (filter || all) return invocation.graph().list(path, { filter });
  const items = await invocation.graph().list(path, { limit: 101 });
  if (items.length > 100) invocation.warn(LIST_INCOMPLETE);
  return items.slice(0, 100);
}

/** az's --show-mine: the signed-in user's owned objects of one type. */
export async function ownedObjects(invocation: Invocation, type: string): Promise<GraphObject[]> {
  const owned = await invocation.graph().list('/me/ownedObjects');
  return owned.filter((o) => String(o['@odata.type'] ?? '').toLowerCase() === `#microsoft.graph.${type.toLowerCase()}`);
}

/**
 * Find a service principal by appId (Graph's alternate key), object id, or any servicePrincipalName
 * such as an identifier URI, as az's _resolve_service_principal accepts them.
 */
export async function resolveServicePrincipal(invocation: Invocation, id: string): Promise<GraphObject> {
  const graph = invocation.graph();
  if (isGuid(id)) {
    return (await graph.find(`/servicePrincipals(appId=${odataString(id)})`)) ?? graph.get(`/servicePrincipals/${id}`);
  }
  const [found] = await graph.list('/servicePrincipals', { filter: `servicePrincipalNames/any(c:c eq ${odataString(id)})` });
  if (!found) throw new CliError(`Service principal '${id}' doesn't exist`, 3);
  return found;
}
