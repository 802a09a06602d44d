/**
 * A client of the token service, speaking the Entra v2.0 protocol as MSAL would: form posts to
 * /{tenant}/oauth2/v2.0/token and /devicecode, AADSTS error answers turned into az-like messages.
 */
import { decodeJwt } from 'jose';
import { StsError, CliError } from './errors.js';
import { parseJson, send } from './http.js';
import type { Runtime } from './runtime.js';

/** The Entrada CLI first-party public client (Azure CLI's appId, so tools that hard-code it keep working). */
export const CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** What az login asks for: a Graph token plus the id token and a refresh token. */
export const LOGIN_SCOPE = `${GRAPH_SCOPE} openid profile offline_access`;

export interface TokenResponse {
  token_type: string;
  access_token: string;
  expires_in?: number | string;
  expires_on?: number | string;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
}

export interface DeviceCodeResponse {
  device_code: string;
  user_code: string;
  verification_uri: string;
  expires_in: number;
  interval?: number;
  message?: string;
}

interface OAuthErrorBody { error?: string; error_description?: string; error_codes?: number[] }

export class Sts {
  constructor(private readonly runtime: Runtime, private readonly debug?: (line: string) => void) {}

  token(tenant: string, params: Record<string, string>): Promise<TokenResponse> {
    return this.post(tenant, 'token', params) as Promise<TokenResponse>;
  }

  deviceCode(tenant: string, params: Record<string, string>): Promise<DeviceCodeResponse> {
    return this.post(tenant, 'devicecode', params) as Promise<DeviceCodeResponse>;
  }

  /** The v2.0 token endpoint for `tenant`, exactly as requests go to it (a client assertion's aud). */
  tokenEndpoint(tenant: string): string {
    return this.endpoint(tenant, 'token');
  }

  private endpoint(tenant: string, name: string): string {
    return `${this.runtime.url}/${encodeURIComponent(tenant)}/oauth2/v2.0/${name}`;
  }

  private async post(tenant: string, endpoint: string, params: Record<string, string>): Promise<unknown> {
    const url = this.endpoint(tenant, endpoint);
    const response = await send(this.runtime, {
      method: 'POST', url, body: new URLSearchParams(params).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }, this.debug);
    const body = parseJson(response, 'The token service') as (OAuthErrorBody & Record<string, unknown>) | undefined;
    if (response.status >= 200 && response.status < 300 && body && !body.error) return body;
    // An OAuth error has error_description; anything else (a bare 404 from a proxy or router) is not one.
    if (typeof body?.error === 'string' && (typeof body.error_description === 'string' || [400, 401].includes(response.status))) {
      throw new StsError(body.error_description || body.error, body.error, body.error_codes ?? []);
    }
    throw new CliError(`The token service answered ${response.status} at ${url}.`);
  }
}

/** Claims of a token we received; the CLI reads them only to learn the tenant and user, never to trust them. */
export function claimsOf(token: string | undefined): Record<string, unknown> {
  if (!token) return {};
  try {
    return decodeJwt(token) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** When the token expires, in seconds since the epoch: expires_on (v1), expires_in, or the token's exp. */
export function expiresOn(response: TokenResponse, now = Date.now()): number {
  if (response.expires_on !== undefined && Number.isFinite(Number(response.expires_on))) return Number(response.expires_on);
  if (response.expires_in !== undefined && Number.isFinite(Number(response.expires_in))) {
    return Math.floor(now / 1000) + Number(response.expires_in);
  }
  const exp = claimsOf(response.access_token).exp;
  return typeof exp === 'number' ? exp : Math.floor(now / 1000) + 3600;
}
