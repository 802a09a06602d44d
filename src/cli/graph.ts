/**
 * A lightweight Microsoft Graph v1.0 client, like az's GraphClient: bearer token for Graph, OData errors
 * reported by their message, collections followed through @odata.nextLink.
 */
import type { Credentials } from './credentials.js';
import { CliError, GraphError } from './errors.js';
import { parseJson, send } from './http.js';
import type { Runtime } from './runtime.js';
import { GRAPH_SCOPE } from './sts.js';

export type GraphObject = Record<string, unknown>;

export interface ListOptions {
  filter?: string;
  /** Properties to ask for ($select). */
  select?: string[];
  /** Stop once this many items are collected (az lists 100 and warns when there are more). */
  limit?: number;
}

export class Graph {
  constructor(
    private readonly runtime: Runtime,
    private readonly credentials: Credentials,
    private readonly debug?: (line: string) => void,
  ) {}

  get(path: string): Promise<GraphObject> {
    return this.request('GET', path) as Promise<GraphObject>;
  }

  /** GET that answers undefined for 404, for lookups that try one key and then another. */
  async find(path: string): Promise<GraphObject | undefined> {
    try {
      return await this.get(path);
    } catch (err) {
      if (err instanceof GraphError && err.status === 404) return undefined;
      throw err;
    }
  }

  post(path: string, body: unknown): Promise<GraphObject | undefined> {
    return this.request('POST', path, body) as Promise<GraphObject | undefined>;
  }

  async patch(path: string, body: unknown): Promise<void> {
    await this.request('PATCH', path, body);
  }

  async delete(path: string): Promise<void> {
    await this.request('DELETE', path);
  }

  /** Every item of a collection (or the first `limit`), following @odata.nextLink. */
  async list(path: string, options: ListOptions = {}): Promise<GraphObject[]> {
    const params: string[] = [];
    if (options.filter) params.push(`$filter=${encodeURIComponent(options.filter)}`);
    if (options.select) params.push(`$select=${options.select.join(',')}`);
    let next: string | undefined = params.length > 0 ? `${path}?${params.join('&')}` : path;
    const items: GraphObject[] = [];
    while (next !== undefined && (options.limit === undefined || items.length < options.limit)) {
      const page = await this.request('GET', next) as { value?: GraphObject[]; '@odata.nextLink'?: string };
      items.push(...(page.value ?? []));
      next = page['@odata.nextLink'];
    }
    return options.limit === undefined ? items : items.slice(0, options.limit);
  }

  async request(method: string, pathOrUrl: string, body?: unknown, retried = false): Promise<unknown> {
    const token = await this.credentials.token(GRAPH_SCOPE, { fresh: retried });
    const response = await send(this.runtime, {
      method, url: this.url(pathOrUrl),
      headers: { authorization: `Bearer ${token.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }, this.debug);
    // A cached token can outlive the server's keys (a reset data dir): get a fresh one once before giving up.
    if (response.status === 401 && !retried) return this.request(method, pathOrUrl, body, true);
    const parsed = parseJson(response, 'Microsoft Graph');
    if (response.status >= 200 && response.status < 300) return parsed;
    const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new GraphError(error?.message || `Microsoft Graph answered ${response.status}.`, response.status, error?.code);
  }

  /**
   * Graph paths are relative to {ENTRADA_URL}/v1.0. An absolute nextLink is rebased onto ENTRADA_URL, so the
   * bearer token never goes to another origin (a server behind a proxy may name its public URL differently).
   */
  private url(pathOrUrl: string): string {
    if (!/^https?:\/\//i.test(pathOrUrl)) return `${this.runtime.url}/v1.0${pathOrUrl}`;
    const target = new URL(pathOrUrl);
    const base = new URL(this.runtime.url);
    if (target.origin === base.origin) return pathOrUrl;
    const at = target.pathname.indexOf('/v1.0/');
    if (at < 0) throw new CliError(`Microsoft Graph returned a link outside its API: ${pathOrUrl}`);
    return `${this.runtime.url}${target.pathname.slice(at)}${target.search}`;
  }
}

/** An OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
