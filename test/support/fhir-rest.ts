/**
 * Helpers for FHIR REST tests: a daemon app holding a FHIR role on the default service, its real token from
 * the token endpoint, and a small client over app.inject() that speaks FHIR JSON.
 */
import type { LightMyRequestResponse } from 'fastify';
import { createConfidentialClient } from './sts.js';
import type { TestApp } from './server.js';
import { appToken } from './tokens.js';

export const FHIR_JSON = 'application/fhir+json';

/** The path of the default service (`/fhir/local-fhir`). */
export function fhirPath(t: TestApp): string {
  return new URL(t.fhirUrl).pathname;
}

/** A client-credentials token for a new app that holds `role` on the default FHIR service. */
export async function fhirAppToken(t: TestApp, role = 'FHIR Data Contributor'): Promise<string> {
  const client = await createConfidentialClient(t, { displayName: `fhir ${role}` });
  await t.directory.healthcare.assignRole(t.tenantId, { principalId: client.spId, principalType: 'ServicePrincipal', role, scope: t.fhirUrl });
  return appToken(t, client.appId, client.secret, { scope: `${t.fhirUrl}/.default` });
}

export interface FhirInject {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  /** Below the service base, e.g. `Patient/1`; may carry a query. */
  path: string;
  body?: unknown;
  /** Sent as it is (overrides body). */
  payload?: string;
  headers?: Record<string, string>;
  token?: string | null;
}

export interface FhirClient {
  request(options: FhirInject): Promise<LightMyRequestResponse>;
  read(path: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  create(type: string, resource: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  update(path: string, resource: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  remove(path: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** A FHIR client of the default service with this token (null: no Authorization header). */
export function fhirClient(t: TestApp, token: string | null): FhirClient {
  const base = fhirPath(t);
  const request = ({ method = 'GET', path, body, payload, headers = {}, token: own }: FhirInject) => {
    const bearer = own === undefined ? token : own;
    const hasBody = payload !== undefined || body !== undefined;
    return t.app.inject({
      method, url: path === '' ? base : `${base}/${path}`,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(hasBody ? { 'content-type': FHIR_JSON } : {}),
        ...headers,
      },
      ...(hasBody ? { payload: payload ?? JSON.stringify(body) } : {}),
    });
  };
  return {
    request,
    read: (path, headers) => request({ path, ...(headers ? { headers } : {}) }),
    create: (type, body, headers) => request({ method: 'POST', path: type, body, ...(headers ? { headers } : {}) }),
    update: (path, body, headers) => request({ method: 'PUT', path, body, ...(headers ? { headers } : {}) }),
    remove: (path, headers) => request({ method: 'DELETE', path, ...(headers ? { headers } : {}) }),
  };
}

/** The OperationOutcome of a failed response, checking status, media type and issue code. */
export function expectOutcome(res: LightMyRequestResponse, status: number, code?: string): { issue: Array<Record<string, any>> } {
  const body = res.json();
  const ok = res.statusCode === status && body.resourceType === 'OperationOutcome'
    && String(res.headers['content-type']).startsWith('application/fhir+json') && (!code || body.issue?.[0]?.code === code);
  if (!ok) throw new Error(`expected ${status} OperationOutcome${code ? ` (${code})` : ''}, got ${res.statusCode} ${res.headers['content-type']} ${res.body.slice(0, 500)}`);
  return body;
}
