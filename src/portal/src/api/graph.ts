/**
 * The Graph-compatible API (`/v1.0`) for blades: typed JSON calls with the signed-in user's token, paging
 * followed for lists, and failures as GraphApiError (see errors.ts) so every blade shows them the same way.
 */
import { GRAPH_SCOPE, type Session } from '../auth/session';
import { GraphApiError } from './errors';

export interface Graph {
  get<T>(path: string): Promise<T>;
  /** Every item of a collection, following @odata.nextLink. */
  list<T>(path: string): Promise<T[]>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch(path: string, body: unknown): Promise<void>;
  delete(path: string): Promise<void>;
}

/** A string literal in an OData URL (`'it''s'`). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function createGraph(baseUrl: string, session: Session): Graph {
  async function call<T>(method: string, pathOrUrl: string, body?: unknown): Promise<T> {
    const url = pathOrUrl.startsWith('https://') || pathOrUrl.startsWith('http://') ? pathOrUrl : `${baseUrl}${pathOrUrl}`;
    const token = await session.token(GRAPH_SCOPE);
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const json = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string; innerError?: Record<string, string> } } | undefined)?.error;
      throw new GraphApiError(
        response.status,
        error?.code ?? `HTTP ${response.status}`,
        error?.message ?? (text.slice(0, 300) || response.statusText),
        error?.innerError?.['request-id'] ?? response.headers.get('request-id') ?? undefined,
      );
    }
    return json as T;
  }
  return {
    get: (path) => call('GET', path),
    async list<T>(path: string) {
      const items: T[] = [];
      let next: string | undefined = path;
      while (next) {
        const page: { value: T[]; '@odata.nextLink'?: string } = await call('GET', next);
        items.push(...page.value);
        next = page['@odata.nextLink'];
      }
      return items;
    },
    post: (path, body) => call('POST', path, body ?? {}),
    patch: async (path, body) => {
      await call('PATCH', path, body);
    },
    delete: async (path) => {
      await call('DELETE', path);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
