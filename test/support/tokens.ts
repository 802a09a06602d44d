/**
 * Real access tokens for Graph tests, from the real token endpoint in process (no minting, no mocks): resource
 * owner password for users, client credentials for apps, exactly as `az login -u -p` and a daemon would.
 */
import type { TestApp } from './server.js';
import { ADMIN_PASSWORD } from './server.js';

export const CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
/** Microsoft Graph's Application.ReadWrite.All app role (application permission). */
export const GRAPH_APPLICATION_READWRITE_ALL = '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9';

async function token(t: TestApp, tenant: string, params: Record<string, string>): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/${tenant}/oauth2/v2.0/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(params).toString(),
  });
  if (res.statusCode !== 200) throw new Error(`token request failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { access_token: string }).access_token;
}

/** A delegated token for a user, through the Entrada CLI (public client, preauthorized for Graph). */
export function userToken(t: TestApp, options: { username?: string; password?: string; tenant?: string; scope?: string } = {}): Promise<string> {
  return token(t, options.tenant ?? t.tenantId, {
    grant_type: 'password', client_id: CLI_CLIENT_ID,
    username: options.username ?? `admin@${t.domain}`, password: options.password ?? ADMIN_PASSWORD,
    scope: options.scope ?? GRAPH_DEFAULT_SCOPE,
  });
}

/** An app-only token for a confidential client. */
export function appToken(t: TestApp, clientId: string, secret: string, options: { tenant?: string; scope?: string } = {}): Promise<string> {
  return token(t, options.tenant ?? t.tenantId, {
    grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: options.scope ?? GRAPH_DEFAULT_SCOPE,
  });
}
