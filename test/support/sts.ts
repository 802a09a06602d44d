/** Helpers for STS tests: form posts through app.inject() and apps set up through the directory API. */
import type { LightMyRequestResponse } from 'fastify';
import { GRAPH_APP_ID } from '../../src/directory/first-party.js';
import type { TestApp } from './server.js';

export const CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

export interface InjectOptions { path?: string; headers?: Record<string, string>; version?: 1 | 2; tenant?: string }

/** POST an application/x-www-form-urlencoded body to a token endpoint. */
export function postToken(t: TestApp, params: Record<string, string>, options: InjectOptions = {}): Promise<LightMyRequestResponse> {
  const tenant = options.tenant ?? t.tenantId;
  const url = options.path ?? `/${tenant}/oauth2/${options.version === 1 ? '' : 'v2.0/'}token`;
  return t.app.inject({
    method: 'POST', url, payload: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
  });
}

export interface TestClient { appId: string; objectId: string; spId: string; secret: string }

/** An app registration with a secret and a service principal, as `az ad app create` + `credential reset` + `sp create`. */
export async function createConfidentialClient(t: TestApp, input: Record<string, unknown> = {}, withSp = true): Promise<TestClient> {
  const app = await t.directory.applications.create(t.tenantId, { displayName: 'sts test app', ...input });
  const credential = await t.directory.passwordCredentials.add(t.tenantId, app.id, { displayName: 'test' });
  const sp = withSp ? await t.directory.servicePrincipals.create(t.tenantId, { appId: app.appId }) : undefined;
  return { appId: app.appId, objectId: app.id, spId: sp?.id ?? '', secret: credential.secretText! };
}

/** Grant a Microsoft Graph app role to a client's service principal (application permission + admin consent). */
export async function grantGraphRole(t: TestApp, clientSpId: string, roleId: string): Promise<void> {
  const graph = (await t.directory.servicePrincipals.get(t.tenantId, GRAPH_APP_ID, 'appId'))!;
  await t.directory.appRoleAssignments.create(t.tenantId, { principalId: clientSpId, resourceId: graph.id, appRoleId: roleId });
}

/** Decode a JWT's header and payload without verifying it (tests verify signatures separately). */
export function decodeJwt(token: string): { header: Record<string, any>; payload: Record<string, any> } {
  const [h, p] = token.split('.');
  return { header: JSON.parse(Buffer.from(h!, 'base64url').toString()), payload: JSON.parse(Buffer.from(p!, 'base64url').toString()) };
}

/** The common checks of an STS error body (entra-protocol.md §5.1). */
export function expectStsError(res: LightMyRequestResponse, status: number, error: string, code: number): Record<string, any> {
  const body = res.json();
  if (res.statusCode !== status || body.error !== error || body.error_codes?.[0] !== code) {
    throw new Error(`expected ${status} ${error} AADSTS${code}, got ${res.statusCode} ${res.body}`);
  }
  return body;
}

/**
 * Record delegated consent (an oauth2PermissionGrant). The directory has no write API for grants yet (it comes
 * with the consent work), so this writes the row through the tenant-scoped store and clears the tenant's cache,
 * exactly as a directory write does.
 */
export async function grantConsent(t: TestApp, input: { clientSpId: string; resourceSpId: string; scope: string; principalId?: string }): Promise<void> {
  await t.store.tenant(t.tenantId).insert('oauth2_permission_grants', {
    id: crypto.randomUUID(), client_id: input.clientSpId, consent_type: input.principalId ? 'Principal' : 'AllPrincipals',
    principal_id: input.principalId ?? null, resource_id: input.resourceSpId, scope: input.scope, created_at: new Date().toISOString(),
  });
  t.directory.ctx.cache.invalidate(t.tenantId);
}

export interface TestApi { appId: string; spId: string; uri: string; roleId: string; scopeId: string }

/** An API app registration exposing one app role (`Data.Read`) and one delegated scope (`access_as_user`). */
export async function createApi(t: TestApp, options: { spProps?: Record<string, unknown>; tokenVersion?: 1 | 2; uri?: string } = {}): Promise<TestApi> {
  const roleId = crypto.randomUUID();
  const scopeId = crypto.randomUUID();
  const uri = options.uri ?? `api://sts-test-${crypto.randomUUID()}`;
  const app = await t.directory.applications.create(t.tenantId, {
    displayName: 'sts test api',
    identifierUris: [uri],
    appRoles: [{ id: roleId, value: 'Data.Read', displayName: 'Read data', description: 'Read data', allowedMemberTypes: ['Application', 'User'], isEnabled: true }],
    api: {
      requestedAccessTokenVersion: options.tokenVersion ?? null,
      oauth2PermissionScopes: [{
        id: scopeId, value: 'access_as_user', type: 'User', isEnabled: true, adminConsentDisplayName: 'Access', adminConsentDescription: 'Access',
      }],
    },
  });
  const sp = await t.directory.servicePrincipals.create(t.tenantId, { appId: app.appId, ...options.spProps });
  return { appId: app.appId, spId: sp.id, uri, roleId, scopeId };
}
