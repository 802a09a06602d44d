/**
 * Reading an authorization request (v2 `/oauth2/v2.0/authorize`, v1 `/oauth2/authorize`), in Entra's order: what
 * cannot be trusted yet (tenant, client, redirect URI) fails on our error page; once the redirect URI matched the
 * registration, every other mistake goes back to the app at that URI.
 */
import type { Directory } from '../../directory/directory.js';
import { redirectUriMatches } from '../../directory/redirect-uri.js';
import { StsError } from '../errors.js';
import { issuerV1, issuerV2 } from '../route-table.js';
import { resolveTenant, type TenantRef } from '../tenant.js';
import { findClientApp, isMultiTenant, type ClientApp, type Platform } from './client-app.js';
import { checkPkce } from './pkce.js';
import { echoRedirectUri, type ResponseMode, type ResponseTarget } from './respond.js';
import { parseAuthorizeScope, v1AuthorizeScope, type AuthorizeScopes } from './scopes.js';

export type Prompt = 'login' | 'none' | 'consent' | 'select_account';
const PROMPTS: readonly string[] = ['login', 'none', 'consent', 'select_account'];
const MODES: readonly string[] = ['query', 'fragment', 'form_post'];

export interface AuthorizeRequest {
  version: 1 | 2;
  /** The tenant path segment as sent (kept for the code: it must be redeemed on the same alias). */
  segment: string;
  tenant: TenantRef;
  /** The parameters as received, to carry through the sign-in pages. */
  params: Record<string, string>;
  app: ClientApp;
  /** redirect_uri exactly as sent (or the only registered one, when none was sent). */
  redirectUri: string;
  platform: Platform;
  target: ResponseTarget;
  idToken: boolean;
  nonce?: string;
  prompt: Set<Prompt>;
  loginHint?: string;
  domainHint?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  scopes: AuthorizeScopes;
  /** v1 `resource`. */
  resource?: string;
  clientInfo: boolean;
}

/** An authorization request that failed: with a target, the app is told; without, the error page is shown. */
export class AuthorizeFailure extends Error {
  constructor(readonly error: StsError, readonly target?: ResponseTarget) {
    super(error.message);
    this.name = 'AuthorizeFailure';
  }
}

/** The issuer a response names: the tenant's, or the `{tenantid}` template while the tenant is not known. */
export function issuerOf(publicUrl: string, version: 1 | 2, tenantId: string): string {
  return version === 1 ? issuerV1(publicUrl, tenantId) : issuerV2(publicUrl, tenantId);
}

const page = (code: ConstructorParameters<typeof StsError>[0], args: Record<string, string> = {}) => new AuthorizeFailure(new StsError(code, args));

/** Which registered redirect URI the request's matches, and on which platform (exact string matches first). */
function matchRedirect(app: ClientApp, requested: string): Platform | undefined {
  const platforms: Platform[] = ['web', 'spa', 'publicClient'];
  return platforms.find((p) => app.redirectUris[p].includes(requested))
    ?? platforms.find((p) => app.redirectUris[p].some((r) => redirectUriMatches(r, requested)));
}

async function trustedPart(directory: Directory, publicUrl: string, segment: string, params: Record<string, string>) {
  let tenant: TenantRef;
  try {
    tenant = await resolveTenant(directory, segment);
  } catch (err) {
    throw new AuthorizeFailure(err as StsError);
  }
  const clientId = params.client_id;
  if (!clientId) throw page(900144, { name: 'client_id' });
  const app = await findClientApp(directory, tenant, clientId, publicUrl);
  if (!app) throw page(700016, { appId: clientId, tenant: segment });
  if (tenant.kind !== 'tenant' && !isMultiTenant(app)) throw page(50194, { appId: app.appId, name: app.displayName });
  const registered = [...app.redirectUris.web, ...app.redirectUris.spa, ...app.redirectUris.publicClient];
  let redirectUri = params.redirect_uri;
  if (!redirectUri) {
    if (registered.length === 0) throw page(500113);
    if (registered.length > 1) throw page(900144, { name: 'redirect_uri' });
    redirectUri = registered[0]!;
  }
  // A script or data URI would run in whatever page follows it: refused even if someone registered one.
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(redirectUri) || /^(javascript|data|vbscript):/i.test(redirectUri) || redirectUri.length > 2048) {
    throw page(90102);
  }
  const platform = matchRedirect(app, redirectUri);
  if (!platform) throw page(50011, { uri: redirectUri, appId: app.appId });
  return { tenant, app, redirectUri, platform };
}

/** Parse and check an authorization request; throws AuthorizeFailure. */
export async function parseAuthorizeRequest(
  directory: Directory, publicUrl: string, version: 1 | 2, segment: string, params: Record<string, string>,
): Promise<AuthorizeRequest> {
  const { tenant, app, redirectUri, platform } = await trustedPart(directory, publicUrl, segment, params);
  const types = new Set((params.response_type ?? '').split(' ').filter(Boolean));
  const idToken = types.has('id_token');
  const requestedMode = params.response_mode;
  const mode: ResponseMode = requestedMode && MODES.includes(requestedMode) ? requestedMode as ResponseMode : idToken ? 'fragment' : 'query';
  const target: ResponseTarget = {
    uri: echoRedirectUri(redirectUri), mode, state: params.state,
    iss: issuerOf(publicUrl, version, tenant.kind === 'tenant' ? tenant.tenant.id : '{tenantid}'),
  };
  const fail = (code: ConstructorParameters<typeof StsError>[0], args: Record<string, string> = {}) =>
    new AuthorizeFailure(new StsError(code, args), target);

  if (requestedMode && !MODES.includes(requestedMode)) throw fail(70007, { mode: requestedMode });
  if (types.size === 0) throw fail(900144, { name: 'response_type' });
  if (!types.has('code') || [...types].some((t) => t !== 'code' && t !== 'id_token')) throw fail(70005, { type: params.response_type! });
  if (idToken && !app.idTokenIssuance) throw fail(700054);
  if (idToken && !params.nonce) throw fail(900144, { name: 'nonce' });
  if (idToken && mode === 'query') throw fail(70007, { mode, detail: "Tokens may not be sent in the query string: use 'fragment' or 'form_post'." });

  const prompts = (params.prompt ?? '').split(' ').filter(Boolean);
  const unknown = prompts.find((p) => !PROMPTS.includes(p));
  if (unknown) throw fail(90023, { detail: `Invalid value '${unknown}' for the 'prompt' parameter.` });
  if (prompts.includes('none') && prompts.length > 1) throw fail(90023, { detail: "The 'prompt' value 'none' cannot be combined with other values." });

  const pkce = checkPkce(params.code_challenge, params.code_challenge_method);
  if (pkce instanceof StsError) throw new AuthorizeFailure(pkce, target);
  if (platform === 'spa' && !pkce) throw fail(50147);

  let scopes: AuthorizeScopes;
  try {
    if (version === 1) scopes = v1AuthorizeScope(params.resource, params.scope);
    else if (!params.scope?.trim()) throw new StsError(900144, { name: 'scope' });
    else scopes = parseAuthorizeScope(params.scope);
  } catch (err) {
    if (err instanceof StsError) throw new AuthorizeFailure(err, target);
    throw err;
  }
  return {
    version, segment, tenant, params, app, redirectUri, platform, target, idToken, nonce: params.nonce,
    prompt: new Set(prompts as Prompt[]), loginHint: params.login_hint || undefined, domainHint: params.domain_hint || undefined,
    codeChallenge: pkce?.challenge, codeChallengeMethod: pkce?.method, scopes, resource: version === 1 ? params.resource || undefined : undefined,
    clientInfo: params.client_info === '1',
  };
}
