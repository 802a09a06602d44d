/**
 * Reference resolution inside a batch or transaction: `urn:uuid:` (and `urn:oid:`) fullUrls of the entries are
 * replaced by the `Type/id` they were given, and conditional references (`Patient?identifier=…`) by the one
 * resource they match.
 */
import type { Resource } from '@medplum/fhirtypes';
import { badRequest, preconditionFailed } from '../outcome.js';
import { findMatches } from '../search/index.js';
import type { FhirRepository } from '../repository.js';
import { isResourceType } from '../definitions.js';
import { parseCriteria } from './conditional.js';

/** `Type?params`: a conditional reference. */
const CONDITIONAL = /^([A-Z][A-Za-z]+)\?(.+)$/;

/** Every string of `value` equal to a key of `map` replaced by its value, in a fresh copy (input is untouched). */
export function rewriteReferences<T>(value: T, map: ReadonlyMap<string, string>): T {
  if (map.size === 0) return value;
  return rewrite(value, map) as T;
}

function rewrite(value: unknown, map: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return map.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rewrite(v, map));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = rewrite(v, map);
    return out;
  }
  return value;
}

/** The `reference` strings of a resource that are conditional (`Type?criteria`). */
export function conditionalReferences(resource: Resource): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        if (k === 'reference' && typeof child === 'string' && CONDITIONAL.test(child)) found.add(child);
        else walk(child);
      }
    }
  };
  walk(resource);
  return [...found];
}

/** Each conditional reference of the resource replaced by `Type/id` of its one match; 412 for none or several. */
export async function resolveConditionalReferences(repo: FhirRepository, resource: Resource): Promise<Resource> {
  const refs = conditionalReferences(resource);
  if (!refs.length) return resource;
  const map = new Map<string, string>();
  for (const ref of refs) {
    const [, type, query] = CONDITIONAL.exec(ref)!;
    if (!isResourceType(type!)) throw badRequest(`The conditional reference '${ref}' names an unknown resource type.`);
    const ids = await findMatches(repo, { resourceType: type!, params: parseCriteria(query!), limit: 2 });
    if (ids.length !== 1) {
      throw preconditionFailed(`The conditional reference '${ref}' matched ${ids.length === 0 ? 'no' : 'more than one'} resource; it must match exactly one.`);
    }
    map.set(ref, `${type}/${ids[0]}`);
  }
  return rewriteReferences(resource, map);
}

/** True for the placeholder fullUrls a bundle may use for resources the server will name. */
export function isPlaceholder(fullUrl: string | undefined): fullUrl is string {
  return !!fullUrl && (fullUrl.startsWith('urn:uuid:') || fullUrl.startsWith('urn:oid:'));
}

