/** Helpers for Graph tests: requests through app.inject() with a bearer token, and checks of Graph's error shape. */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './server.js';

export type Method = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface GraphClient {
  request(method: Method, path: string, options?: { body?: unknown; headers?: Record<string, string>; payload?: string }): Promise<LightMyRequestResponse>;
  get(path: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(path: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(path: string, body: unknown): Promise<LightMyRequestResponse>;
  delete(path: string): Promise<LightMyRequestResponse>;
}

/** A client for `/v1.0` with this token (none when undefined). */
export function graphClient(t: TestApp, token: string | undefined): GraphClient {
  const request: GraphClient['request'] = (method, path, options = {}) => t.app.inject({
    method,
    url: `/v1.0${path}`,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
    ...(options.payload !== undefined ? { payload: options.payload } : {}),
  });
  return {
    request,
    get: (path, headers) => request('GET', path, { headers }),
    post: (path, body) => request('POST', path, { body }),
    patch: (path, body) => request('PATCH', path, { body }),
    delete: (path) => request('DELETE', path),
  };
}

/** Assert a Graph error: status, code, the `{error:{code,message,innerError}}` shape and the correlation headers. */
export function expectGraphError(res: LightMyRequestResponse, status: number, code: string, message?: string | RegExp): Record<string, any> {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const { error } = res.json();
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else if (message) expect(error.message).toMatch(message);
  expect(error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  expect(error.innerError['request-id']).toBe(res.headers['request-id']);
  expect(error.innerError['client-request-id']).toBe(res.headers['client-request-id']);
  return error;
}
