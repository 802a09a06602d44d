/**
 * FHIR search over a service's index tables: `searchBundle` answers a search interaction with a searchset
 * Bundle; `findMatches` gives the ids conditional create/update/delete act on.
 */
import type { BundleLink, Resource } from '@medplum/fhirtypes';
import { FhirError, operationOutcome } from '../outcome.js';
import type { FhirRepository } from '../repository.js';
import { pagingLink, searchsetBundle } from './bundle.js';
import { decodeCursor, type Cursor } from './cursor.js';
import { applyElements, applySummary } from './elements.js';
import { resolveIncludes } from './include.js';
import { loadResources } from './load.js';
import { parseSearch } from './parse.js';
import { countMatches, queryPage, type Page, type SearchPlan } from './query.js';
import { allowedTypes } from './restrict.js';
import { orderSignature } from './sort.js';
import type { MatchRequest, SearchBundle, SearchRequest } from './types.js';

/** Run a search interaction (type level, or system level without resourceType) and build its Bundle. */
export async function searchBundle(repo: FhirRepository, request: SearchRequest): Promise<SearchBundle> {
  const baseUrl = repo.scope.baseUrl;
  const parsed = parseSearch(request.params, { resourceType: request.resourceType, baseUrl, strict: !!request.strict });
  // A chain or _has looks at resources other than those returned, which the restriction does not cover.
  if (request.restrict && parsed.filters.some((f) => f.kind === 'chain' || f.kind === 'has')) {
    throw new FhirError(403, 'forbidden', 'Chained and _has search parameters are not available with SMART patient or user scopes.');
  }
  const order = orderSignature(parsed.sort);
  const cursor = parsed.cursor ? decodeCursor(parsed.cursor, order) : undefined;
  const plan: SearchPlan = { parsed, types: allowedTypes(parsed.types, request.restrict), restrict: request.restrict };
  const nothing = plan.types !== 'all' && plan.types.length === 0;

  const countOnly = parsed.summary === 'count' || parsed.count === 0;
  const total = countOnly || parsed.total !== 'none' ? (nothing ? 0 : await countMatches(repo, plan)) : undefined;
  const self: BundleLink = { relation: 'self', url: request.selfUrl };
  if (countOnly) {
    const outcome = parsed.warnings.length ? operationOutcome(parsed.warnings) : undefined;
    return searchsetBundle({ baseUrl, matches: [], included: [], outcome, total, links: [self] });
  }

  const page: Page = nothing ? { keys: [], hasMore: false } : await queryPage(repo, plan, parsed.count, cursor);
  const found = await loadResources(repo, page.keys);
  const includes = parsed.includes.length || parsed.revincludes.length
    ? await resolveIncludes(repo, page.keys, parsed.includes, parsed.revincludes, request.restrict)
    : { resources: [], truncated: false };
  if (includes.truncated) {
    parsed.warnings.push({ severity: 'warning', code: 'too-costly', diagnostics: `Only the first ${includes.resources.length} included resources are returned.` });
  }
  const shape = <T extends { resource: Resource }>(k: T, elements: boolean): T =>
    ({ ...k, resource: applySummary(elements ? applyElements(k.resource, parsed.elements) : k.resource, parsed.summary) });

  return searchsetBundle({
    baseUrl,
    matches: found.map((k) => shape(k, true)),
    included: includes.resources.map((k) => shape(k, false)),
    outcome: parsed.warnings.length ? operationOutcome(parsed.warnings) : undefined,
    total,
    links: [self, ...pagingLinks(request, page, cursor, order)],
  });
}

function pagingLinks(request: SearchRequest, page: Page, cursor: Cursor | undefined, order: string): BundleLink[] {
  const links: BundleLink[] = [];
  const link = (relation: string, c: Cursor | undefined) => links.push({ relation, url: pagingLink(request.selfUrl, request.params, c) });
  if (cursor) link('first', undefined);
  const backwards = cursor?.direction === 'prev';
  // Read forwards, more rows mean a next page; read backwards, the page we came from is the next one.
  if (page.last && (backwards || page.hasMore)) link('next', { order, values: page.last, direction: 'next' });
  if (page.first && (backwards ? page.hasMore : cursor !== undefined)) link('previous', { order, values: page.first, direction: 'prev' });
  return links;
}

/**
 * The ids of `resourceType` resources matching `params` (at most `limit`), for conditional interactions.
 * Unknown parameters are refused (a 400) rather than ignored: ignoring one would widen the match.
 */
export async function findMatches(repo: FhirRepository, request: MatchRequest): Promise<string[]> {
  const parsed = parseSearch(request.params, { resourceType: request.resourceType, baseUrl: repo.scope.baseUrl, strict: true });
  const plan: SearchPlan = { parsed: { ...parsed, sort: [] }, types: [request.resourceType] };
  const page = await queryPage(repo, plan, Math.max(1, request.limit));
  return page.keys.map((k) => k.id);
}
