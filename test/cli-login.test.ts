/** `entrada login`, `account get-access-token` and the token cache, against a real server. */
import fs from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, cliWith, type Cli } from './support/cli.js';
import { ADMIN_PASSWORD, startTestServer, tempDir } from './support/server.js';

describe('entrada login and tokens', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let home: string;
  let cli: Cli;
  let tenantId: string;

  const tokensFile = () => path.join(home, 'tokens.json');
  const readTokens = () => JSON.parse(fs.readFileSync(tokensFile(), 'utf8'));

  beforeAll(async () => {
    server = await startTestServer();
    tenantId = server.first.tenant.id;
    home = tempDir();
    cli = cliWith(cliEnv(server, home));
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('reports a wrong password as az does: the AADSTS message, how to sign in, exit 1', async () => {
    const result = await cli('login', '-u', 'admin@entrada.test', '-p', 'not-the-password');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ERROR: AADSTS50126: /);
    expect(result.stderr).toContain('Interactive authentication is needed. Please run:\nentrada login\n');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(home, 'accounts.json'))).toBe(false);
  });

  it('reports a bad client secret and a bad certificate file clearly', async () => {
    const bad = await cli('login', '--service-principal', '-u', '04b07795-8ddb-461a-bbee-02f9e1bf7b46', '-p', 'nope', '--tenant', tenantId);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ERROR: AADSTS\d+: /);

    // A password that names a file is a PEM file, as az takes it; one without a private key is refused before any request.
    const pem = path.join(home, 'cert.pem');
    fs.writeFileSync(pem, '-----BEGIN CERTIFICATE-----\n');
    const cert = await cli('login', '--service-principal', '-u', '04b07795-8ddb-461a-bbee-02f9e1bf7b46', '-p', pem, '--tenant', tenantId);
    expect(cert).toMatchObject({ code: 1, stdout: '' });
    expect(cert.stderr).toContain(`ERROR: The certificate file '${pem}' holds no private key.`);
    const both = await cli('login', '--service-principal', '-u', 'x', '-p', 'y', '--certificate', pem, '--tenant', tenantId);
    expect(both.stderr).toBe('ERROR: usage error: --password SECRET | --certificate PEM_FILE\n');

    const noTenant = await cli('login', '--service-principal', '-u', 'x', '-p', 'y');
    expect(noTenant.stderr).toBe('ERROR: usage error: --service-principal --username NAME --password SECRET --tenant TENANT\n');
  });

  it('signs in to a tenant named by its domain and stores the GUID', async () => {
    const login = await cli('login', '-u', 'admin@entrada.test', '-p', ADMIN_PASSWORD, '--tenant', 'entrada.test');
    expect(login.code, login.stderr).toBe(0);
    expect(login.json()[0]).toMatchObject({ tenantId, homeTenantId: tenantId, id: tenantId });
    expect(Object.keys(readTokens().refreshTokens)).toHaveLength(1);
  });

  it('gets a user token for a FHIR service with the refresh token, and caches it', async () => {
    const first = await cli('account', 'get-access-token', '--resource', server.fhirUrl!);
    expect(first.code, first.stderr).toBe(0);
    const claims = decodeJwt(first.json().accessToken);
    expect(claims).toMatchObject({ aud: server.fhirUrl, tid: tenantId });
    expect(claims.upn ?? claims.preferred_username).toBe('admin@entrada.test');

    const again = await cli('account', 'get-access-token', '--resource', server.fhirUrl!, '--debug');
    expect(again.json().accessToken).toBe(first.json().accessToken);
    expect(again.stderr).toBe('');
  });

  it('gets Microsoft Graph tokens by default and by --scope', async () => {
    const graph = await cli('account', 'get-access-token');
    expect(decodeJwt(graph.json().accessToken).aud).toMatch(/^https:\/\/graph\.microsoft\.com\/?$/);
    const scoped = await cli('account', 'get-access-token', '--scope', `${server.fhirUrl}/.default`);
    expect(decodeJwt(scoped.json().accessToken).aud).toBe(server.fhirUrl);
    const both = await cli('account', 'get-access-token', '--scope', 'a', '--resource', 'b');
    expect(both).toMatchObject({ code: 1, stderr: 'ERROR: usage error: --resource | --resource-type | --scope\n' });
  });

  it('refreshes an expired cached token, and retries once when Graph rejects a cached one', async () => {
    const tokens = readTokens();
    for (const token of Object.values<{ expiresOn: number }>(tokens.accessTokens)) token.expiresOn = Math.floor(Date.now() / 1000) - 10;
    fs.writeFileSync(tokensFile(), JSON.stringify(tokens), { mode: 0o600 });
    const list = await cli('ad', 'sp', 'list', '--debug');
    expect(list.code).toBe(0);
    expect(list.stderr).toContain('DEBUG: POST');

    const stale = readTokens();
    for (const token of Object.values<{ accessToken: string }>(stale.accessTokens)) token.accessToken = 'not-a-token';
    fs.writeFileSync(tokensFile(), JSON.stringify(stale), { mode: 0o600 });
    const retried = await cli('ad', 'sp', 'list');
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.json().length).toBeGreaterThan(0);
  });

  it('forgets the sign-in when ENTRADA_URL names another server', async () => {
    const other = cliWith({ ...cliEnv(server, home), ENTRADA_URL: 'https://localhost:1' });
    const show = await other('account', 'show');
    expect(show).toMatchObject({ code: 1, stderr: "ERROR: Please run 'entrada login' to setup account.\n" });
  });

  it('says how to reach the server when it is not there', async () => {
    const other = cliWith({ ...cliEnv(server, tempDir()), ENTRADA_URL: 'https://127.0.0.1:1' });
    const login = await other('login', '-u', 'a@b.c', '-p', 'x');
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('ERROR: Cannot reach Entrada at https://127.0.0.1:1');
  });

  it('says how to trust the development CA when it is not trusted', async () => {
    const untrusted = cliWith({ ENTRADA_URL: server.publicUrl, ENTRADA_CONFIG_DIR: tempDir(), ENTRADA_DATA_DIR: tempDir() });
    const login = await untrusted('login', '-u', 'admin@entrada.test', '-p', ADMIN_PASSWORD);
    expect(login.code).toBe(1);
    expect(login.stderr).toMatch(/^ERROR: Certificate verification failed/);
    expect(login.stderr).toContain('ENTRADA_CA_CERT');

    // Without ENTRADA_CA_CERT, the CA that `entrada serve` generated under ENTRADA_DATA_DIR is trusted.
    const local = cliWith({ ENTRADA_URL: server.publicUrl, ENTRADA_CONFIG_DIR: tempDir(), ENTRADA_DATA_DIR: server.config.dataDir });
    expect((await local('login', '-u', 'admin@entrada.test', '-p', ADMIN_PASSWORD)).code).toBe(0);
  });
});
