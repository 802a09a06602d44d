/**
 * Userinfo (OpenID Connect Core §5.3) in its two Entra places: Microsoft Graph's `{publicUrl}/oidc/userinfo`, which
 * v2 discovery names, and the v1 `/{tenant}/openid/userinfo`. The bearer must be a user's Microsoft Graph token
 * obtained with the `openid` scope; `profile` adds the names and `email` the address, as Graph answers. `sub` is the
 * token's own pairwise value, so it equals the `sub` of the ID token the same client received.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokenError } from '../access/access-token-verifier.js';
import { bearerToken } from '../access/bearer-token.js';
import type { Caller } from '../access/caller.js';
import { GRAPH_APP_ID } from '../directory/first-party.js';
import { StsError } from './errors.js';
import { resolveTenant } from './tenant.js';
import type { StsDeps } from './token-request.js';

/** Microsoft Graph's audiences: its App ID URI (with or without the slash) and its appId. */
const GRAPH_AUDIENCES: readonly string[] = ['https://graph.microsoft.com', 'https://graph.microsoft.com/', GRAPH_APP_ID];

/** A refused bearer: 401 with a Bearer challenge, so the client knows to get (another) token. */
class Unauthorized extends Error {}

async function verifiedCaller(deps: StsDeps, request: FastifyRequest): Promise<Caller> {
  let caller: Caller;
  try {
    caller = await deps.verifier.verify(bearerToken(request.headers.authorization), GRAPH_AUDIENCES);
  } catch (err) {
    if (err instanceof AccessTokenError) throw new Unauthorized(err.message);
    throw err;
  }
  if (caller.kind !== 'user' || !caller.scopes.has('openid')) {
    throw new Unauthorized('The access token must be issued for a user with the openid scope.');
  }
  return caller;
}

/** The claims about the signed-in user; `tenantSegment` is the v1 path's tenant, which must be the token's. */
export async function userInfo(deps: StsDeps, request: FastifyRequest, tenantSegment?: string): Promise<Record<string, unknown>> {
  const caller = await verifiedCaller(deps, request);
  if (tenantSegment !== undefined) {
    const ref = await resolveTenant(deps.directory, tenantSegment);
    if (ref.kind === 'tenant' && ref.tenant.id !== caller.tenantId) throw new Unauthorized('The access token was issued by another tenant.');
  }
  const user = await deps.directory.users.get(caller.tenantId, caller.oid);
  if (!user?.accountEnabled) throw new Unauthorized('The user of the access token does not exist or is disabled.');
  const profile = caller.scopes.has('profile');
  return {
    sub: caller.claims.sub,
    name: profile ? user.displayName : undefined,
    family_name: profile ? user.surname ?? undefined : undefined,
    given_name: profile ? user.givenName ?? undefined : undefined,
    email: caller.scopes.has('email') ? user.mail ?? undefined : undefined,
  };
}

/** Answer a userinfo request; a bad bearer is 401 with `WWW-Authenticate: Bearer` (RFC 6750 §3). */
export async function sendUserInfo(deps: StsDeps, request: FastifyRequest, reply: FastifyReply, tenantSegment?: string): Promise<FastifyReply> {
  reply.header('cache-control', 'no-store').header('access-control-allow-origin', '*').type('application/json; charset=utf-8');
  try {
    return reply.send(JSON.stringify(await userInfo(deps, request, tenantSegment)));
  } catch (err) {
    if (!(err instanceof Unauthorized) && !(err instanceof StsError && err.code === 90002)) throw err;
    const base = deps.publicUrl().replace(/\/+$/, '');
    return reply.code(401)
      .header('www-authenticate', `Bearer realm="", authorization_uri="${base}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}", error="invalid_token"`)
      .send(JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: err.message } }));
  }
}
