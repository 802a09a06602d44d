/**
 * Authorization codes for token-endpoint tests, issued straight into the same store /authorize uses (the sign-in
 * and consent pages are tested end to end elsewhere), and client apps registered with redirect URIs on each platform.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AuthorizationCodeGrant } from '../../src/directory/authorization-codes.js';
import type { TestApp } from './server.js';
import { createApi, createConfidentialClient, grantConsent, type TestApi, type TestClient } from './sts.js';

export const WEB_REDIRECT = 'https://app.example.com/signin-oidc';
export const SPA_REDIRECT = 'https://spa.example.com/';
export const SPA_ORIGIN = 'https://spa.example.com';
export const NATIVE_REDIRECT = 'http://localhost';

export interface Pkce { verifier: string; challenge: string }

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface CodeFixture { client: TestClient; api: TestApi; userId: string }

/** A client app with a secret and one redirect URI per platform, consented (for all users) to an API's scope. */
export async function codeFixture(t: TestApp, clientProps: Record<string, unknown> = {}): Promise<CodeFixture> {
  const api = await createApi(t, { tokenVersion: 2 });
  const client = await createConfidentialClient(t, {
    web: { redirectUris: [WEB_REDIRECT] }, spa: { redirectUris: [SPA_REDIRECT] }, publicClient: { redirectUris: [NATIVE_REDIRECT] },
    ...clientProps,
  });
  await grantConsent(t, { clientSpId: client.spId, resourceSpId: api.spId, scope: 'access_as_user' });
  const userId = (await t.directory.users.getByUpn(t.tenantId, `admin@${t.domain}`))!.id;
  return { client, api, userId };
}

const REDIRECTS = { web: WEB_REDIRECT, spa: SPA_REDIRECT, publicClient: NATIVE_REDIRECT } as const;

/** Issue a code as /authorize would after sign-in and consent. Defaults: web platform, PKCE S256, openid + offline_access. */
export async function issueCode(t: TestApp, f: CodeFixture, grant: Partial<AuthorizationCodeGrant> = {}): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkce();
  const platform = grant.platform ?? 'web';
  const code = await t.directory.authorizationCodes.issue({
    tenantId: t.tenantId, tenantSegment: t.tenantId, version: 2, clientId: f.client.appId, userId: f.userId,
    redirectUri: REDIRECTS[platform], platform, scope: `${f.api.uri}/access_as_user openid profile offline_access`,
    codeChallenge: challenge, codeChallengeMethod: 'S256', authTime: Math.floor(Date.now() / 1000) - 30, ...grant,
  });
  return { code, verifier };
}

/** The token request redeeming a code, as MSAL sends it (plus the secret for a web code). */
export function redeemParams(f: CodeFixture, code: string, verifier: string, extra: Record<string, string> = {}): Record<string, string> {
  return { grant_type: 'authorization_code', client_id: f.client.appId, code, redirect_uri: WEB_REDIRECT, code_verifier: verifier,
    client_secret: f.client.secret, ...extra };
}
