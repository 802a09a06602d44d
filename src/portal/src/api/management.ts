/**
 * The Azure Resource Manager–shaped management API (`{publicUrl}/management`) for the Healthcare APIs blades:
 * workspaces, FHIR services, and FHIR role assignments and definitions, with the signed-in user's ARM token.
 * Failures are ArmApiError, which the shared ErrorBar shows like a Graph error (ARM's `{ error: { code } }`).
 */
import { MANAGEMENT_SCOPE, type Session } from '../auth/session';
import { GraphApiError } from './errors';

export const ARM_API_VERSION = '2024-03-31';
export const RESOURCE_GROUP = 'entrada';

/** An ARM failure: status plus ARM's error code (e.g. AuthorizationFailed, InvalidResourceName). */
export class ArmApiError extends GraphApiError {
  constructor(status: number, code: string, message: string, requestId?: string) {
    super(status, code, message, requestId);
    this.name = 'ArmApiError';
  }
}

export interface Management {
  get<T>(path: string): Promise<T>;
  list<T>(path: string): Promise<T[]>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
}

/** Paths below `/management` for one tenant (the subscription is the tenant id). */
export function armPaths(tenantId: string) {
  const rg = `/subscriptions/${tenantId}/resourceGroups/${RESOURCE_GROUP}`;
  const workspaces = `${rg}/providers/Microsoft.HealthcareApis/workspaces`;
  const workspace = (ws: string) => `${workspaces}/${encodeURIComponent(ws)}`;
  const services = (ws: string) => `${workspace(ws)}/fhirservices`;
  const service = (ws: string, svc: string) => `${services(ws)}/${encodeURIComponent(svc)}`;
  const assignments = (ws: string, svc: string) => `${service(ws, svc)}/providers/Microsoft.Authorization/roleAssignments`;
  return {
    workspaces, workspace, services, service, assignments,
    assignment: (ws: string, svc: string, id: string) => `${assignments(ws, svc)}/${encodeURIComponent(id)}`,
    roleDefinitions: `/subscriptions/${tenantId}/providers/Microsoft.Authorization/roleDefinitions`,
  };
}

export function createManagement(baseUrl: string, session: Session): Management {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${baseUrl}${path}${path.includes('?') ? '&' : '?'}api-version=${ARM_API_VERSION}`;
    const token = await session.token(MANAGEMENT_SCOPE);
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`, accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ArmApiError(response.status, error?.code ?? `HTTP ${response.status}`, error?.message ?? (text.slice(0, 300) || response.statusText),
        response.headers.get('x-ms-request-id') ?? undefined);
    }
    return json as T;
  }
  return {
    get: (path) => call('GET', path),
    list: async <T>(path: string) => (await call<{ value: T[] }>('GET', path)).value,
    put: (path, body) => call('PUT', path, body),
    delete: async (path) => {
      await call('DELETE', path);
    },
  };
}
