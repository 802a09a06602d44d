/**
 * `entrada ad app permission`, against a real server over HTTPS: the seed's setup (Healthcare APIs
 * user_impersonation, admin consent, a directory user's delegated FHIR token) and application permissions.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignedInCli, stopSignedInCli, type Cli, type CliServer } from './support/cli.js';
import { httpsRequest } from './support/https.js';

const HEALTHCARE_API = '4f6778d8-5aef-43dc-a1ff-b073724b9495';
const USER_IMPERSONATION = 'db75143a-8f20-4238-9450-8b73ef4992f4';
const GRAPH_API = '00000003-0000-0000-c000-000000000000';
const GRAPH_USER_READ = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d';
const GRAPH_USER_READ_ALL_ROLE = 'df021288-bdef-4463-88db-98f22de89214';
const PASSWORD = 'Str0ng-Secret!';

describe('entrada ad app permission', () => {
  let server: CliServer;
  let home: string;
  let cli: Cli;

  async function ok(...args: string[]) {
    const result = await cli(...args);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return { ...result, value: result.stdout === '' ? undefined : result.json() };
  }

  async function token(params: Record<string, string>) {
    return httpsRequest(`${server.publicUrl}/${server.first.tenant.id}/oauth2/v2.0/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString(), ca: server.caPem,
    });
  }

  beforeAll(async () => {
    ({ server, home, cli } = await startSignedInCli());
  });
  afterAll(() => stopSignedInCli(server, home));

  it("sets up the seed's app: user_impersonation, admin consent, and a user's delegated FHIR token", async () => {
    const app = (await ok('ad', 'app', 'create', '--display-name', 'fhir-client', '--enable-public-client', 'true')).value;
    const user = (await ok('ad', 'user', 'create', '--display-name', 'Clinician', '--user-principal-name', 'clinician@entrada.test', '--password', PASSWORD)).value;

    const add = await ok('ad', 'app', 'permission', 'add', '--id', app.appId, '--api', HEALTHCARE_API, '--api-permissions', `${USER_IMPERSONATION}=Scope`);
    expect(add.stdout).toBe('');
    expect(add.stderr).toBe(`WARNING: Invoking \`entrada ad app permission grant --id ${app.appId} --api ${HEALTHCARE_API}\` is needed to make the change effective\n`);
    await ok('ad', 'app', 'permission', 'add', '--id', app.appId, '--api', HEALTHCARE_API, '--api-permissions', `${USER_IMPERSONATION}=Scope`, '--only-show-errors');
    expect((await ok('ad', 'app', 'permission', 'list', '--id', app.appId)).value).toEqual([
      { resourceAppId: HEALTHCARE_API, resourceAccess: [{ id: USER_IMPERSONATION, type: 'Scope' }] },
    ]);

    const ropc = () => token({
      grant_type: 'password', client_id: app.appId, username: 'clinician@entrada.test', password: PASSWORD, scope: `${server.fhirUrl}/user_impersonation`,
    });
    // No service principal yet, so no tokens: consent is what makes the change effective.
    expect((await ropc()).status).toBe(400);

    expect(await ok('ad', 'app', 'permission', 'admin-consent', '--id', app.appId)).toMatchObject({ stdout: '', stderr: '' });
    await ok('ad', 'app', 'permission', 'admin-consent', '--id', app.appId);
    const grants = (await ok('ad', 'app', 'permission', 'list-grants', '--id', app.appId, '--show-resource-name')).value;
    expect(grants).toEqual([expect.objectContaining({ consentType: 'AllPrincipals', principalId: null, scope: 'user_impersonation', resourceDisplayName: 'Azure Healthcare APIs' })]);

    const res = await ropc();
    expect(res.status, res.text).toBe(200);
    expect(decodeJwt(res.json.access_token)).toMatchObject({ aud: server.fhirUrl, scp: 'user_impersonation', oid: user.id, appid: app.appId });
  });

  it('admin-consents application permissions as app role assignments, and grants delegated ones', async () => {
    const app = (await ok('ad', 'app', 'create', '--display-name', 'daemon')).value;
    const secret = (await ok('ad', 'app', 'credential', 'reset', '--id', app.appId)).value.password;
    await ok('ad', 'app', 'permission', 'add', '--id', app.id, '--api', GRAPH_API, '--api-permissions', `${GRAPH_USER_READ_ALL_ROLE}=Role`, `${GRAPH_USER_READ}=Scope`);
    await ok('ad', 'app', 'permission', 'admin-consent', '--id', app.appId);
    await ok('ad', 'app', 'permission', 'admin-consent', '--id', app.appId);

    const res = await token({ grant_type: 'client_credentials', client_id: app.appId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' });
    expect(res.status, res.text).toBe(200);
    expect(decodeJwt(res.json.access_token).roles).toEqual(['User.Read.All']);
    const graphSpId = (await ok('ad', 'sp', 'show', '--id', GRAPH_API)).value.id;
    const clientSpId = (await ok('ad', 'sp', 'show', '--id', app.appId)).value.id;
    const [grant] = (await ok('ad', 'app', 'permission', 'list-grants', '--filter', `resourceId eq '${graphSpId}' and clientId eq '${clientSpId}'`)).value;
    expect(grant).toMatchObject({ scope: 'User.Read', consentType: 'AllPrincipals' });

    const twice = await cli('ad', 'app', 'permission', 'grant', '--id', app.appId, '--api', GRAPH_API, '--scope', 'openid');
    expect(twice).toMatchObject({ code: 1, stderr: 'ERROR: Permission entry already exists.\n' });
    const other = (await ok('ad', 'app', 'create', '--display-name', 'granted')).value;
    await ok('ad', 'sp', 'create', '--id', other.appId);
    const granted = (await ok('ad', 'app', 'permission', 'grant', '--id', other.appId, '--api', GRAPH_API, '--scope', 'User.Read openid')).value;
    expect(granted).toMatchObject({ consentType: 'AllPrincipals', principalId: null, scope: 'User.Read openid' });

    await ok('ad', 'app', 'permission', 'delete', '--id', app.appId, '--api', GRAPH_API, '--api-permissions', GRAPH_USER_READ);
    expect((await ok('ad', 'app', 'permission', 'list', '--id', app.appId)).value).toEqual([
      { resourceAppId: GRAPH_API, resourceAccess: [{ id: GRAPH_USER_READ_ALL_ROLE, type: 'Role' }] },
    ]);
    await ok('ad', 'app', 'permission', 'delete', '--id', app.appId, '--api', GRAPH_API);
    expect((await ok('ad', 'app', 'permission', 'list', '--id', app.appId)).value).toEqual([]);
  });

  it('refuses malformed permissions and unknown ones at consent', async () => {
    const app = (await ok('ad', 'app', 'create', '--display-name', 'typo')).value;
    const bad = await cli('ad', 'app', 'permission', 'add', '--id', app.appId, '--api', GRAPH_API, '--api-permissions', 'User.Read');
    expect(bad).toMatchObject({ code: 2, stderr: "ERROR: usage error: --api-permissions takes ID=Scope or ID=Role, not 'User.Read'\n" });
    await ok('ad', 'app', 'permission', 'add', '--id', app.appId, '--api', GRAPH_API, '--api-permissions', `${crypto.randomUUID()}=Scope`, '--only-show-errors');
    const consent = await cli('ad', 'app', 'permission', 'admin-consent', '--id', app.appId);
    expect(consent.code).toBe(1);
    expect(consent.stderr).toMatch(/is not a delegated permission \(scope\) of 'Microsoft Graph'/);
    expect((await cli('ad', 'app', 'permission', 'list-grants', '--id', app.appId, '--filter', 'x')).code).toBe(1);
  });
});
