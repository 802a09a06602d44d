/**
 * OData system query options of a Graph collection request: `$filter`, `$select`, `$top`, `$skiptoken`,
 * `$count`. Options we do not implement are refused, never silently ignored: a script that asked for
 * `$orderby` must not get an unordered page and believe it is ordered.
 */
import { isGuid } from '../lib/ids.js';
import { graphErrors } from './errors.js';
import { parseFilter, type FilterClause, type FilterSpec } from './odata-filter.js';

export interface ListQuery {
  filter: FilterClause[];
  select?: string[];
  top: number;
  /** Object id to continue after (decoded `$skiptoken`). */
  after?: string;
  count: boolean;
}

export interface CollectionSpec extends FilterSpec {
  /** `microsoft.graph.{type}` in messages. */
  type: string;
  /** Every property `$select` may name (canonical spelling). */
  selectable: readonly string[];
  /** Whether `$count=true` is answered. */
  countable: boolean;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;
const KNOWN_BUT_UNSUPPORTED = new Set(['$expand', '$orderby', '$search', '$skip', '$levels', '$apply', '$compute', '$format']);
const SUPPORTED = new Set(['$filter', '$select', '$top', '$skiptoken', '$count']);

/** One value per option: OData forbids repeating a system query option. */
function single(query: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw graphErrors.odata(`Query option '${name}' was specified more than once, but it must be specified at most once.`);
  return typeof value === 'string' ? value : undefined;
}

/** Reject `$`-options we do not implement; plain parameters (api-version and the like) are ignored, as Graph does. */
export function checkQueryOptions(query: Readonly<Record<string, unknown>>, supported: ReadonlySet<string> = SUPPORTED): void {
  for (const name of Object.keys(query)) {
    if (!name.startsWith('$')) continue;
    const lower = name.toLowerCase();
    if (supported.has(lower)) {
      single(query, name);
      continue;
    }
    if (KNOWN_BUT_UNSUPPORTED.has(lower) || SUPPORTED.has(lower)) {
      throw graphErrors.unsupportedQuery(`The query option '${name}' is not supported for this request.`);
    }
    throw graphErrors.odata(`The query parameter '${name}' is not supported.`);
  }
}

export function parseSelect(text: string | undefined, spec: Pick<CollectionSpec, 'type' | 'selectable'>): string[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((s) => s.trim());
  if (names.includes('*')) return undefined;
  const out: string[] = [];
  for (const name of names) {
    const found = spec.selectable.find((p) => p.toLowerCase() === name.toLowerCase());
    if (!found) {
      throw graphErrors.odata(name === ''
        ? "Parsing OData Select and Expand failed: Term '' is not valid in a $select or $expand expression."
        : `Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.${spec.type}'.`);
    }
    if (!out.includes(found)) out.push(found);
  }
  return out;
}

export function parseTop(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PAGE_SIZE;
  const n = /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(n >= 1 && n <= MAX_PAGE_SIZE)) {
    throw graphErrors.badRequest(`Invalid page size specified: '${text}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`);
  }
  return n;
}

/** Skip tokens are opaque to clients; ours wrap the last object id of the previous page. */
export function encodeSkipToken(afterId: string): string {
  return Buffer.from(`v1:${afterId}`).toString('base64url');
}

export function decodeSkipToken(token: string): string {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(token) ? Buffer.from(token, 'base64url').toString() : '';
  const id = text.startsWith('v1:') ? text.slice(3) : '';
  if (!isGuid(id)) throw graphErrors.badRequest('The specified page token value has expired or is invalid.');
  return id.toLowerCase();
}

/** A system query option by name, in whatever case the client spelled it (OData option names are case-insensitive). */
export function queryOption(query: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const key = Object.keys(query).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : single(query, key);
}

/** Parse a collection request's options; `consistencyLevel` is the request's ConsistencyLevel header. */
export function parseListQuery(query: Readonly<Record<string, unknown>>, spec: CollectionSpec, consistencyLevel: string | undefined): ListQuery {
  checkQueryOptions(query);
  const get = (name: string) => queryOption(query, name);
  const filterText = get('$filter');
  const countText = get('$count');
  const skipToken = get('$skiptoken');
  const result: ListQuery = {
    filter: filterText === undefined ? [] : parseFilter(filterText, spec),
    top: parseTop(get('$top')),
    count: false,
  };
  const select = parseSelect(get('$select'), spec);
  if (select) result.select = select;
  if (skipToken !== undefined) result.after = decodeSkipToken(skipToken);
  if (countText !== undefined) {
    const value = countText.toLowerCase();
    if (value !== 'true' && value !== 'false') throw graphErrors.odata(`'${countText}' is not a valid count option.`);
    result.count = value === 'true';
    if (result.count && (!spec.countable || consistencyLevel?.toLowerCase() !== 'eventual')) {
      throw graphErrors.badRequest('$count is not currently supported.');
    }
  }
  return result;
}

/** The value of a filter clause, if the query has one for that property and operator. */
export function filterValue(query: ListQuery, property: string, op: FilterClause['op']): string | undefined {
  return query.filter.find((c) => c.property === property && c.op === op)?.value;
}

/** The directory query a Graph list asks for: the filters both applications and servicePrincipals support, and the page. */
export function directoryQuery(query: ListQuery): { appId?: string; displayName?: string; displayNameStartsWith?: string; top: number; after?: string } {
  return {
    appId: filterValue(query, 'appId', 'eq'),
    displayName: filterValue(query, 'displayName', 'eq'),
    displayNameStartsWith: filterValue(query, 'displayName', 'startswith'),
    top: query.top,
    after: query.after,
  };
}
