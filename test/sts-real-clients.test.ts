/**
 * The protocol against the real client libraries over real HTTPS: MSAL Node, Azure Identity, openid-client and
 * jose, run in a child process that trusts the development CA the way users are told to (NODE_EXTRA_CA_CERTS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRealClientFixture, scenarioValue } from './support/real-client.js';
import { ADMIN_PASSWORD, startTestServer } from './support/server.js';
import { CLI_CLIENT_ID } from './support/sts.js';

type Result<T = any> = { ok: true; value: T } | { ok: false; error: { message: string; errorCode?: string } };

function decode(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
}

describe('real clients over HTTPS', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let results: Record<string, Result>;
  let appId: string;
  let spId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const tenantId = server.first.tenant.id;
    const app = await server.directory.applications.create(tenantId, { displayName: 'real client test' });
    const secret = (await server.directory.passwordCredentials.add(tenantId, app.id, {})).secretText!;
    spId = (await server.directory.servicePrincipals.create(tenantId, { appId: app.appId })).id;
    appId = app.appId;
    const input = {
      publicUrl: server.publicUrl, tenantId, domain: server.first.tenant.domains[0]!.name, fhirUrl: server.fhirUrl, appId, secret,
      username: server.first.adminUserPrincipalName, password: ADMIN_PASSWORD, cliClientId: CLI_CLIENT_ID,
    };
    results = await runRealClientFixture('sts-real-clients.mjs', server.caCertPath!, 'STS_REAL_CLIENTS_INPUT', input);
  }, 90_000);
  afterAll(async () => server?.close());

  const value = (name: string) => scenarioValue(results, name);

  it('MSAL Node confidential client gets a FHIR token by tenant GUID, then from its cache', () => {
    const r = value('msalGuid');
    expect(r.tokenType).toBe('Bearer');
    expect(r.secondFromCache).toBe(true);
    expect(Date.parse(r.expiresOn) - Date.now()).toBeGreaterThan(3000_000);
    expect(decode(r.accessToken)).toMatchObject({ aud: server.fhirUrl, appid: appId, oid: spId, tid: server.first.tenant.id, ver: '1.0' });
  });

  it('MSAL Node works with the tenant domain as authority', () => {
    expect(decode(value('msalDomain').accessToken)).toMatchObject({ aud: server.fhirUrl, appid: appId });
  });

  it('MSAL Node reports a wrong secret as AADSTS7000215 (a 4xx it does not throttle)', () => {
    const r = results.msalWrongSecret!;
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.errorCode).toBe('invalid_client');
      expect(r.error.message).toContain('AADSTS7000215');
    }
  });

  it('Azure Identity ClientSecretCredential gets a FHIR token', () => {
    const r = value('identity');
    expect(r.expiresOnTimestamp).toBeGreaterThan(Date.now() + 3000_000);
    expect(decode(r.token)).toMatchObject({ aud: server.fhirUrl, appid: appId, appidacr: '1' });
  });

  it('openid-client discovers the v2 issuer, gets a token with client_secret_basic, and jose verifies it via jwks_uri', () => {
    const r = value('openidClient');
    const tid = server.first.tenant.id;
    expect(r.issuer).toBe(`${server.publicUrl}/${tid}/v2.0`);
    expect(r.jwksUri).toBe(`${server.publicUrl}/${tid}/discovery/v2.0/keys`);
    expect(r.protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(r.payload).toMatchObject({ iss: `${server.publicUrl}/${tid}/`, aud: server.fhirUrl, appid: appId, oid: spId, tid, ver: '1.0', idtyp: 'app' });
  });

  it("jose verifies MSAL's token against the discovered key set", () => {
    expect(value('verifyMsalToken')).toMatchObject({ appid: appId, oid: spId, sub: spId, tid: server.first.tenant.id, ver: '1.0' });
  });

  it('MSAL Node public client signs the admin in by ROPC and refreshes silently', () => {
    const r = value('msalRopc');
    expect(r.unsupported).toBeUndefined();
    const tid = server.first.tenant.id;
    const token = decode(r.accessToken);
    expect(token).toMatchObject({ aud: server.fhirUrl, appid: CLI_CLIENT_ID, scp: 'user_impersonation', upn: 'admin@entrada.test', tid });
    expect(r.account).toMatchObject({ homeAccountId: `${token.oid}.${tid}`, username: 'admin@entrada.test', tenantId: tid, localAccountId: token.oid });
    expect(r.idTokenClaims).toMatchObject({ aud: CLI_CLIENT_ID, tid, oid: token.oid });
    expect(r.silentFromCache).toBe(false);
    expect(decode(r.silentAccessToken)).toMatchObject({ aud: 'https://graph.microsoft.com', oid: token.oid });
  });
});
