/**
 * A small Azure Resource Manager client for the server's /management API, like az's ARM calls: a bearer token
 * for `https://management.core.windows.net/` (what az asks for), `api-version` on every request, ARM errors
 * reported by their message (exit 3 when the resource is not there, as az).
 */
import type { Invocation } from './command.js';
import { CliError } from './errors.js';
import { parseJson, send } from './http.js';

export const MANAGEMENT_SCOPE = 'https://management.core.windows.net//.default';
export const HEALTHCARE_API_VERSION = '2024-03-31';
export const AUTHORIZATION_API_VERSION = '2022-04-01';

export type ArmObject = Record<string, unknown>;

/** An ARM error answer ({ error: { code, message } }). */
export class ArmError extends CliError {
  constructor(message: string, readonly status: number, readonly code: string | undefined) {
    super(message, status === 404 ? 3 : 1);
    this.name = 'ArmError';
  }
}

export class Management {
  constructor(private readonly invocation: Invocation) {}

  get(path: string, apiVersion: string, filter?: string): Promise<ArmObject> {
    return this.request('GET', path, apiVersion, undefined, filter) as Promise<ArmObject>;
  }

  /** GET that answers undefined for 404. */
  async find(path: string, apiVersion: string): Promise<ArmObject | undefined> {
    try {
      return await this.get(path, apiVersion);
    } catch (err) {
      if (err instanceof ArmError && err.status === 404) return undefined;
      throw err;
    }
  }

  async list(path: string, apiVersion: string, filter?: string): Promise<ArmObject[]> {
    const page = await this.get(path, apiVersion, filter) as { value?: ArmObject[] };
    return page.value ?? [];
  }

  put(path: string, apiVersion: string, body: unknown): Promise<ArmObject> {
    return this.request('PUT', path, apiVersion, body) as Promise<ArmObject>;
  }

  async delete(path: string, apiVersion: string): Promise<ArmObject | undefined> {
    return this.request('DELETE', path, apiVersion) as Promise<ArmObject | undefined>;
  }

  /** The subscription: az's default subscription is the signed-in tenant. */
  subscription(): string {
    return this.invocation.credentials().account().tenantId;
  }

  private async request(method: string, path: string, apiVersion: string, body?: unknown, filter?: string, retried = false): Promise<unknown> {
    const { runtime, options } = this.invocation;
    const token = await this.invocation.credentials().token(MANAGEMENT_SCOPE, { fresh: retried });
    const query = `api-version=${apiVersion}${filter ? `&$filter=${encodeURIComponent(filter)}` : ''}`;
    const debug = options.debug ? (line: string) => void runtime.io.stderr.write(`DEBUG: ${line}\n`) : undefined;
    const response = await send(runtime, {
      method, url: `${runtime.url}/management${path}?${query}`,
      headers: { authorization: `Bearer ${token.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }, debug);
    // A cached token can outlive the server's keys (a reset data dir): get a fresh one once before giving up.
    if (response.status === 401 && !retried) return this.request(method, path, apiVersion, body, filter, true);
    const parsed = parseJson(response, 'The management API');
    if (response.status >= 200 && response.status < 300) return parsed;
    const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    const message = error?.code ? `(${error.code}) ${error.message ?? ''}` : `The management API answered ${response.status}.`;
    throw new ArmError(message, response.status, error?.code);
  }
}

/** Path-segment encoding for names typed by the user. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
