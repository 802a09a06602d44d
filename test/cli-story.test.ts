/**
 * The README story with the real CLI against a real server over HTTPS: sign in as the admin, register an
 * app with a service principal and a secret, sign in as that app and get a FHIR token.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, cliWith, type Cli } from './support/cli.js';
import { ADMIN_PASSWORD, startTestServer, tempDir } from './support/server.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('entrada CLI: the README story', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let home: string;
  let configDir: string;
  let cli: Cli;
  let tenantId: string;

  beforeAll(async () => {
    server = await startTestServer();
    tenantId = server.first.tenant.id;
    home = tempDir();
    // A dir that does not exist yet, so the test sees the CLI create it 0700.
    configDir = path.join(home, 'config');
    cli = cliWith(cliEnv(server, configDir));
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('signs in as the admin and prints az\'s tenant-level account list', async () => {
    const login = await cli('login', '-u', 'admin@entrada.test', '-p', ADMIN_PASSWORD);
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(login.json()).toEqual([{
      cloudName: 'AzureCloud', homeTenantId: tenantId, id: tenantId, isDefault: true, managedByTenants: [],
      name: 'N/A(tenant level account)', state: 'Enabled', tenantId, user: { name: 'admin@entrada.test', type: 'user' },
    }]);
    // JSON as az prints it: 2-space indent, keys sorted.
    expect(login.stdout.startsWith('[\n  {\n    "cloudName": "AzureCloud",\n    "homeTenantId"')).toBe(true);
  });

  it('keeps its state private: dir 0700, files 0600', () => {
    expect(fs.statSync(configDir).mode & 0o777).toBe(0o700);
    const files = fs.readdirSync(configDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(fs.statSync(path.join(configDir, file)).mode & 0o777, file).toBe(0o600);
  });

  it('shows the current account as az account show does', async () => {
    const show = await cli('account', 'show');
    expect(show.code).toBe(0);
    expect(show.json()).toMatchObject({ environmentName: 'AzureCloud', tenantId, isDefault: true, user: { name: 'admin@entrada.test', type: 'user' } });
  });

  it('registers an app, its service principal and a secret, then signs in as the app for a FHIR token', async () => {
    const created = await cli('ad', 'app', 'create', '--display-name', 'story-app');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const app = created.json();
    expect(app).toMatchObject({ displayName: 'story-app', appId: expect.stringMatching(GUID), id: expect.stringMatching(GUID) });

    const sp = await cli('ad', 'sp', 'create', '--id', app.appId);
    expect(sp.stderr).toBe('');
    expect(sp.json()).toMatchObject({ appId: app.appId, id: expect.stringMatching(GUID) });

    const reset = await cli('ad', 'app', 'credential', 'reset', '--id', app.appId);
    expect(reset.code).toBe(0);
    expect(reset.stderr).toContain('WARNING: The output includes credentials that you must protect.');
    const secret = reset.json();
    expect(Object.keys(secret)).toEqual(['appId', 'password', 'tenant']);
    expect(secret).toMatchObject({ appId: app.appId, tenant: tenantId });
    expect(secret.password).toHaveLength(40);

    const spLogin = await cli('login', '--service-principal', '-u', app.appId, '-p', secret.password, '--tenant', tenantId);
    expect(spLogin.stderr).toBe('');
    expect(spLogin.code).toBe(0);
    expect(spLogin.json()).toEqual([expect.objectContaining({ tenantId, user: { name: app.appId, type: 'servicePrincipal' } })]);

    const token = await cli('account', 'get-access-token', '--resource', server.fhirUrl!);
    expect(token.stderr).toBe('');
    expect(token.code).toBe(0);
    const body = token.json();
    expect(Object.keys(body)).toEqual(['accessToken', 'expiresOn', 'expires_on', 'tenant', 'tokenType']);
    expect(body).toMatchObject({ tenant: tenantId, tokenType: 'Bearer', expiresOn: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/) });
    expect(body.expires_on).toBeGreaterThan(Date.now() / 1000);
    const claims = decodeJwt(body.accessToken);
    expect(claims.aud).toBe(server.fhirUrl);
    expect(claims.appid ?? claims.azp).toBe(app.appId);
    expect(claims.tid).toBe(tenantId);

    // The secret is kept as az keeps it: in the config dir, readable by the owner only.
    for (const file of fs.readdirSync(configDir)) expect(fs.statSync(path.join(configDir, file)).mode & 0o777).toBe(0o600);
  });

  it('logs out account by account, after which account show asks to log in', async () => {
    expect((await cli('account', 'list')).json()).toHaveLength(2);
    expect((await cli('logout')).code).toBe(0);
    // The service principal is gone; the admin, still signed in, is the current account again.
    expect((await cli('account', 'show')).json().user).toEqual({ name: 'admin@entrada.test', type: 'user' });
    expect((await cli('logout')).code).toBe(0);
    const show = await cli('account', 'show');
    expect(show.code).toBe(1);
    expect(show.stderr).toContain("ERROR: Please run 'entrada login' to setup account.");
  });
});
