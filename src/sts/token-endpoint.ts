/**
 * The token endpoint (entra-protocol.md §3.5) as small named steps: resolve the tenant, read the form body,
 * refuse repeated parameters, pick the grant by its (case-insensitive) grant_type, refuse a browser's
 * cross-origin call to a grant no single-page app may use, run it.
 */
import type { FastifyRequest } from 'fastify';
import { isFormBody } from '../lib/form.js';
import { StsError } from './errors.js';
import { authorizationCode } from './grants/authorization-code.js';
import { clientCredentials } from './grants/client-credentials.js';
import { checkCrossOrigin } from './grants/cross-origin.js';
import { deviceCode } from './grants/device-code.js';
import { onBehalfOf } from './grants/on-behalf-of.js';
import { password } from './grants/password.js';
import { refreshToken } from './grants/refresh-token.js';
import type { TokenVersion } from './sign.js';
import { resolveTenant, type TenantRef } from './tenant.js';
import type { Grant, StsDeps, TokenRequest } from './token-request.js';

const GRANTS: Record<string, Grant> = {
  client_credentials: clientCredentials,
  password,
  refresh_token: refreshToken,
  authorization_code: authorizationCode,
  // RFC 8628's name, and the short form MSAL Node (and ADAL) send.
  'urn:ietf:params:oauth:grant-type:device_code': deviceCode,
  device_code: deviceCode,
  'urn:ietf:params:oauth:grant-type:jwt-bearer': onBehalfOf,
};

/** The grants a single-page app may call cross-origin; they apply the SPA rules themselves, per token or code. */
const CROSS_ORIGIN_GRANTS: ReadonlySet<Grant> = new Set([authorizationCode, refreshToken]);

/**
 * The form parameters. Only an application/x-www-form-urlencoded body counts: parameters in the query string or
 * a JSON body are not read, so Entra's answer is that grant_type is missing (AADSTS900144).
 */
export function formParams(request: FastifyRequest, firstRequired = 'grant_type'): Record<string, string> {
  const body = request.body;
  if (!isFormBody(body)) throw new StsError(900144, { name: firstRequired });
  const repeated = body.duplicates[0];
  if (repeated !== undefined) throw new StsError(9000411, { name: repeated });
  return body.params;
}

function grantFor(params: Record<string, string>): Grant {
  const grantType = params.grant_type;
  if (!grantType) throw new StsError(900144, { name: 'grant_type' });
  // Postman's Azure docs send `Client_Credentials`; Entra accepts any case.
  const grant = GRANTS[grantType.toLowerCase()];
  if (!grant) throw new StsError(70003, { grantType });
  return grant;
}

/** Handle one token request; returns the success body or throws an StsError. */
export async function tokenEndpoint(deps: StsDeps, request: FastifyRequest, version: TokenVersion): Promise<Record<string, unknown>> {
  const now = deps.directory.clock.now();
  const tenant: TenantRef = await resolveTenant(deps.directory, (request.params as { tenant: string }).tenant);
  const params = formParams(request);
  const grant = grantFor(params);
  const authorization = request.headers.authorization;
  const origin = request.headers.origin;
  const tokenRequest: TokenRequest = { version, tenant, params, authorization, origin, now };
  if (origin !== undefined && !CROSS_ORIGIN_GRANTS.has(grant)) checkCrossOrigin(tokenRequest, false);
  return grant(deps, tokenRequest);
}
