/**
 * Sign-out (v2 `/oauth2/v2.0/logout`, v1 `/oauth2/logout`): ends this browser's sessions (the hinted account's,
 * or all of them in the tenant), then goes to `post_logout_redirect_uri` only when it is one of the app's own
 * registered URIs (redirect URIs or logout URL), else shows "You signed out of your account". Refresh tokens
 * are not revoked: as in Entra, apps that already hold tokens keep them.
 */
import type { FastifyReply } from 'fastify';
import { redirectUriMatches } from '../../directory/redirect-uri.js';
import { isGuid } from '../../lib/ids.js';
import { setSsoTokens, ssoTokens } from '../pages/cookies.js';
import { signedOutPage } from '../pages/message-pages.js';
import { resolveTenant, type TenantRef } from '../tenant.js';
import { findClientApp } from './client-app.js';
import type { Interaction } from './interaction.js';
import { sendToApp } from './respond.js';

/**
 * The claims of an id_token_hint. Its signature is not checked, deliberately: the hint only chooses which of
 * this browser's own sessions end and which app's registered URI to return to, neither of which grants anything.
 */
function hintClaims(token: string | undefined): { aud?: string; oid?: string; tid?: string } {
  const payload = token?.split('.')[1];
  if (!payload) return {};
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return { aud: str(claims.aud), oid: str(claims.oid), tid: str(claims.tid) };
  } catch {
    return {};
  }
}

export async function logout(ix: Interaction, segment: string, params: Record<string, string>): Promise<FastifyReply> {
  let tenant: TenantRef | undefined;
  try {
    tenant = await resolveTenant(ix.directory, segment);
  } catch {
    tenant = undefined;
  }
  const hint = hintClaims(params.id_token_hint);
  const logoutHint = params.logout_hint?.toLowerCase();
  const sessions = await ix.directory.sessions.find(ssoTokens(ix.request));
  const inTenant = sessions.filter((s) => tenant?.kind !== 'tenant' || s.tenantId === tenant.tenant.id);
  let ending = inTenant;
  if (hint.oid) ending = inTenant.filter((s) => s.userId === hint.oid && (!hint.tid || s.tenantId === hint.tid));
  else if (logoutHint) {
    const named: typeof inTenant = [];
    for (const s of inTenant) if ((await ix.directory.users.get(s.tenantId, s.userId))?.userPrincipalName === logoutHint) named.push(s);
    ending = named;
  }
  await ix.directory.sessions.end(ending.map((s) => s.token));
  setSsoTokens(ix.reply, sessions.filter((s) => !ending.includes(s)).map((s) => s.token));

  const back = tenant ? await returnUri(ix, tenant, params.client_id ?? hint.aud, params.post_logout_redirect_uri) : undefined;
  if (back) return sendToApp(ix.reply, { uri: back, mode: 'query', state: params.state }, {});
  return ix.show(signedOutPage());
}

/** The post-logout URI if the named app registered it (as a redirect URI or its logout URL). */
async function returnUri(ix: Interaction, tenant: TenantRef, appId: string | undefined, uri: string | undefined): Promise<string | undefined> {
  if (!uri || !appId || !isGuid(appId)) return undefined;
  const app = await findClientApp(ix.directory, tenant, appId, ix.publicUrl);
  if (!app) return undefined;
  const registered = [...app.redirectUris.web, ...app.redirectUris.spa, ...app.redirectUris.publicClient, ...(app.logoutUrl ? [app.logoutUrl] : [])];
  return registered.some((r) => redirectUriMatches(r, uri)) ? uri : undefined;
}
