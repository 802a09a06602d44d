/** OData JSON envelopes as Microsoft Graph writes them: `@odata.context`, `value`, next links, counts. */
import type { GraphCall, GraphResult } from './context.js';
import { graphErrors } from './errors.js';
import { encodeSkipToken } from './odata-query.js';

/** Graph's exact response media type; some clients match on it. */
export const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function serviceRoot(call: Pick<GraphCall, 'deps'>): string {
  return `${call.deps.publicUrl().replace(/\/+$/, '')}/v1.0`;
}

/** `{root}/$metadata#{path}`, with the selected properties in parentheses as Graph writes them. */
export function contextUrl(call: Pick<GraphCall, 'deps'>, path: string, select?: readonly string[], entity = false): string {
  return `${serviceRoot(call)}/$metadata#${path}${select ? `(${select.join(',')})` : ''}${entity ? '/$entity' : ''}`;
}

/** Only the selected properties, in the order asked; the whole object when nothing was selected. */
export function project(object: object, select?: readonly string[]): Record<string, unknown> {
  const source = object as Record<string, unknown>;
  if (!select) return source;
  const out: Record<string, unknown> = {};
  for (const name of select) out[name] = source[name] ?? null;
  return out;
}

export function entity(call: Pick<GraphCall, 'deps'>, path: string, object: object, options: { select?: readonly string[]; status?: number; location?: string } = {}): GraphResult {
  return {
    status: options.status ?? 200,
    body: { '@odata.context': contextUrl(call, path, options.select, true), ...project(object, options.select) },
    ...(options.location ? { location: options.location } : {}),
  };
}

export interface Page<T> { items: T[]; next?: string; count?: number }

/**
 * A collection with its next link. The link repeats the request's other query options, so following it
 * keeps the same filter, selection and page size; only `$skiptoken` changes.
 */
export function collection<T extends object>(call: Pick<GraphCall, 'deps' | 'query'>, path: string, page: Page<T>, select?: readonly string[]): GraphResult {
  const body: Record<string, unknown> = { '@odata.context': contextUrl(call, path, select) };
  if (page.count !== undefined) body['@odata.count'] = page.count;
  if (page.next !== undefined) body['@odata.nextLink'] = nextLink(call, path, page.next);
  body.value = page.items.map((item) => project(item, select));
  return { status: 200, body };
}

function nextLink(call: Pick<GraphCall, 'deps' | 'query'>, path: string, after: string): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(call.query)) {
    if (name.toLowerCase() === '$skiptoken') continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      // `$` stays literal in option names, as in Graph's own links.
      parts.push(`${encodeURIComponent(name).replace(/^%24/, '$')}=${encodeURIComponent(String(v))}`);
    }
  }
  parts.push(`$skiptoken=${encodeSkipToken(after)}`);
  return `${serviceRoot(call)}/${path}?${parts.join('&')}`;
}

export const noContent: GraphResult = { status: 204 };

/** Page a small, fully loaded collection (a principal's assignments) the same way the directory pages. */
export function pageOf<T extends { id: string }>(items: T[], top: number, after?: string): Page<T> {
  const start = after === undefined ? 0 : items.findIndex((i) => i.id === after) + 1;
  const slice = items.slice(start, start + top);
  return start + top < items.length ? { items: slice, next: slice[slice.length - 1]!.id } : { items: slice };
}

/** A request body that must be a JSON object; an absent body counts as `{}`. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw graphErrors.badRequest('The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
