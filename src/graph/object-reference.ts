/**
 * The `@odata.id` references (`…/v1.0/directoryObjects/{id}`) by which `$ref` requests and `members@odata.bind`
 * name directory objects.
 */
import { graphErrors } from './errors.js';

/** Sets an object may be referenced through; any host, since clients write graph.microsoft.com or our own URL. */
const REFERENCE = /(?:^|\/)(?:directoryObjects|users|groups|servicePrincipals)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** The object id an `@odata.id` reference names. */
export function referencedId(ref: unknown): string {
  if (typeof ref !== 'string') throw graphErrors.badRequest("Invalid value specified for property '@odata.id'.");
  let path = ref;
  try {
    path = new URL(ref).pathname;
  } catch {
    // Not absolute: a relative reference such as `directoryObjects/{id}`.
  }
  const match = REFERENCE.exec(path);
  if (!match) throw graphErrors.badRequest(`Invalid object identifier '${ref}'.`);
  return match[1]!.toLowerCase();
}
