/** Helpers for management API tests: ARM paths, a client with a bearer token, and ARM error checks. */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './server.js';
import { userToken } from './tokens.js';

export const MANAGEMENT_SCOPE = 'https://management.azure.com/.default';
export const API_VERSION = '2024-03-31';

/** ARM resource paths of a tenant (subscription = tenant id, resource group `entrada`). */
export function armPaths(tenantId: string) {
  const rg = `/subscriptions/${tenantId}/resourceGroups/entrada`;
  const workspace = (ws: string) => `${rg}/providers/Microsoft.HealthcareApis/workspaces/${ws}`;
  const service = (ws: string, svc: string) => `${workspace(ws)}/fhirservices/${svc}`;
  return {
    rg, workspace, service,
    workspaces: `${rg}/providers/Microsoft.HealthcareApis/workspaces`,
    assignments: (ws: string, svc: string) => `${service(ws, svc)}/providers/Microsoft.Authorization/roleAssignments`,
    assignment: (ws: string, svc: string, id: string) => `${service(ws, svc)}/providers/Microsoft.Authorization/roleAssignments/${id}`,
    roleDefinitions: `/subscriptions/${tenantId}/providers/Microsoft.Authorization/roleDefinitions`,
    roleDefinition: (id: string) => `/subscriptions/${tenantId}/providers/Microsoft.Authorization/roleDefinitions/${id}`,
  };
}

export interface ManagementClient {
  request(method: 'GET' | 'PUT' | 'DELETE' | 'POST' | 'PATCH', path: string, body?: unknown, query?: string): Promise<LightMyRequestResponse>;
  get(path: string, query?: string): Promise<LightMyRequestResponse>;
  put(path: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(path: string): Promise<LightMyRequestResponse>;
}

/** A client for `/management` with this token (none when undefined); adds api-version unless the query names one. */
export function managementClient(t: TestApp, token: string | undefined): ManagementClient {
  const request: ManagementClient['request'] = (method, path, body, query = `api-version=${API_VERSION}`) => t.app.inject({
    method, url: `/management${path}${query ? `?${query}` : ''}`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return {
    request,
    get: (path, query) => request('GET', path, undefined, query),
    put: (path, body = { location: 'local' }) => request('PUT', path, body),
    delete: (path) => request('DELETE', path),
  };
}

/** A delegated token for Azure Resource Manager through the CLI client. */
export function managementToken(t: TestApp, options: { username?: string; password?: string; tenant?: string } = {}): Promise<string> {
  return userToken(t, { ...options, scope: MANAGEMENT_SCOPE });
}

/** Assert an ARM error: status, `{ error: { code, message } }`. */
export function expectArmError(res: LightMyRequestResponse, status: number, code: string, message?: RegExp): void {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const { error } = res.json();
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  if (message) expect(error.message).toMatch(message);
}
