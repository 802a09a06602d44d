/** The searchset Bundle: match, include and outcome entries, the total, and paging links. */
import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, BundleLink, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { encodeCursor, type Cursor } from './cursor.js';
import type { MatchKey } from './query.js';

export interface SearchsetParts {
  baseUrl: string;
  matches: ReadonlyArray<MatchKey & { resource: Resource }>;
  included: ReadonlyArray<MatchKey & { resource: Resource }>;
  outcome?: OperationOutcome;
  total?: number;
  links: BundleLink[];
}

export function searchsetBundle(parts: SearchsetParts): Bundle<Resource> {
  const entry = (k: MatchKey & { resource: Resource }, mode: 'match' | 'include'): BundleEntry<Resource> => ({
    fullUrl: `${parts.baseUrl}/${k.resourceType}/${k.id}`,
    resource: k.resource,
    search: { mode },
  });
  const entries: BundleEntry<Resource>[] = [];
  if (parts.outcome) entries.push({ resource: parts.outcome, search: { mode: 'outcome' } });
  entries.push(...parts.matches.map((k) => entry(k, 'match')), ...parts.included.map((k) => entry(k, 'include')));
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: new Date().toISOString() },
    type: 'searchset',
    ...(parts.total !== undefined ? { total: parts.total } : {}),
    link: parts.links,
    entry: entries,
  };
}

/**
 * The request's URL with its own parameters (in their order) and `ct` replaced: first (no ct), next and
 * previous (a cursor), and self as called.
 */
export function pagingLink(selfUrl: string, params: ReadonlyArray<readonly [string, string]>, cursor: Cursor | undefined): string {
  const url = new URL(selfUrl);
  // A POST [base]/Type/_search pages on with GET [base]/Type?….
  url.pathname = url.pathname.replace(/\/_search$/, '');
  const search = new URLSearchParams();
  for (const [name, value] of params) if (name !== 'ct') search.append(name, value);
  if (cursor) search.append('ct', encodeCursor(cursor));
  url.search = search.toString();
  return url.toString();
}
