/**
 * MSAL Node's acquireTokenByUsernamePassword (ROPC) for the seed's public client, set up end to end with the
 * `entrada` CLI as a user following the README would: a user, the app with "Allow public client flows", its
 * service principal, the Healthcare APIs permission and admin consent. No browser is needed for ROPC, but the
 * flow belongs to the same story as the browser flows and runs with them.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, cliWith, type Cli, type CliResult } from '../support/cli.js';
import { ADMIN_PASSWORD, tempDir } from '../support/server.js';
import {
  ClientProcess, decodeJwt, FLOW_TIMEOUT, HEALTHCARE_APP_ID, POSTMAN_CALLBACK, seedServer, type Seed,
} from './harness.js';

function ok(r: CliResult, what: string): CliResult {
  if (r.code !== 0) throw new Error(`entrada ${what} exited ${r.code}: ${r.stderr}${r.stdout}`);
  return r;
}

describe('MSAL Node acquireTokenByUsernamePassword after admin consent with the CLI', () => {
  let seed: Seed;
  let cli: Cli;
  let configDir: string;
  let appId: string;
  let user: { id: string; username: string; password: string };
  const clients: ClientProcess[] = [];

  beforeAll(async () => {
    seed = await seedServer();
    configDir = tempDir();
    cli = cliWith(cliEnv(seed.server, configDir));
    ok(await cli('login', '-u', seed.server.first.adminUserPrincipalName, '-p', ADMIN_PASSWORD), 'login');

    const password = `Ropc-${crypto.randomUUID().slice(0, 8)}-Pw1!`;
    const username = `ropc.user@${seed.domain}`;
    const created = ok(await cli('ad', 'user', 'create', '--display-name', 'ROPC User', '--user-principal-name', username,
      '--password', password, '--force-change-password-next-sign-in', 'false'), 'ad user create').json();
    user = { id: created.id, username, password };

    const app = ok(await cli('ad', 'app', 'create', '--display-name', 'Entrada e2e ROPC client', '--is-fallback-public-client', 'true',
      '--public-client-redirect-uris', 'http://localhost', POSTMAN_CALLBACK), 'ad app create').json();
    appId = app.appId;
    ok(await cli('ad', 'sp', 'create', '--id', appId), 'ad sp create');
  });
  afterAll(async () => {
    for (const c of clients) c.kill();
    await seed?.server.close();
    if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
  });

  const ropc = (password: string) => {
    const client = new ClientProcess('e2e-msal-public.mjs', {
      flow: 'password', publicUrl: seed.server.publicUrl, tenantId: seed.tenantId, appId, scopes: [seed.fhirScope],
      username: user.username, password,
    }, seed.server);
    clients.push(client);
    return client.finish();
  };

  it('is refused with AADSTS65001 consent_required before consent', async () => {
    const { error } = await ropc(user.password);
    expect(error).toMatchObject({ errorCode: 'invalid_grant', subError: 'consent_required' });
    expect(error!.message).toContain('AADSTS65001');
  }, FLOW_TIMEOUT);

  it('gets a delegated FHIR token after `ad app permission add` + `admin-consent`, and refreshes it', async () => {
    const hc = ok(await cli('ad', 'sp', 'show', '--id', HEALTHCARE_APP_ID), 'ad sp show').json();
    const scopeId = hc.oauth2PermissionScopes.find((s: { value: string }) => s.value === 'user_impersonation').id;
    expect(scopeId).toBe(seed.healthcare.scopeId);
    ok(await cli('ad', 'app', 'permission', 'add', '--id', appId, '--api', HEALTHCARE_APP_ID, '--api-permissions', `${scopeId}=Scope`),
      'ad app permission add');
    ok(await cli('ad', 'app', 'permission', 'admin-consent', '--id', appId), 'ad app permission admin-consent');

    const run = await ropc(user.password);
    if (run.error) throw new Error(`ROPC failed: ${JSON.stringify(run.error)}`);
    const token = run.get('token').result;
    const expected = { aud: seed.fhirUrl, scp: 'user_impersonation', oid: user.id, tid: seed.tenantId, appid: appId };
    expect(decodeJwt(token.accessToken)).toMatchObject({ ...expected, upn: user.username });
    expect(token.idTokenClaims).toMatchObject({ aud: appId, oid: user.id, preferred_username: user.username });
    const refreshed = run.get('refreshed');
    expect(refreshed.cachedFromCache).toBe(true);
    expect(refreshed.result.fromCache).toBe(false);
    expect(decodeJwt(refreshed.result.accessToken)).toMatchObject(expected);
  }, FLOW_TIMEOUT);

  it('reports a wrong password as AADSTS50126 through MSAL', async () => {
    const { error } = await ropc('not-the-password');
    expect(error).toMatchObject({ errorCode: 'invalid_grant' });
    expect(error!.message).toContain('AADSTS50126');
  }, FLOW_TIMEOUT);
});
