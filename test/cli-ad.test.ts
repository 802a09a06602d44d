/** `entrada ad app|sp` and their output formats, against a real server, signed in as the admin. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignedInCli, stopSignedInCli, type Cli, type CliServer } from './support/cli.js';

describe('entrada ad', () => {
  let server: CliServer;
  let home: string;
  let cli: Cli;

  beforeAll(async () => {
    ({ server, home, cli } = await startSignedInCli());
  });
  afterAll(() => stopSignedInCli(server, home));

  async function create(...args: string[]) {
    const result = await cli('ad', 'app', 'create', ...args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return result.json();
  }

  it('creates an app from property flags and JSON files', async () => {
    const rolesFile = path.join(home, 'roles.json');
    fs.writeFileSync(rolesFile, JSON.stringify([{
      allowedMemberTypes: ['Application'], description: 'Read things', displayName: 'Reader', isEnabled: true, value: 'Things.Read',
    }]));
    const app = await create('--display-name', 'flags-app', '--sign-in-audience', 'AzureADMyOrg',
      '--web-redirect-uris', 'https://app.example/cb', 'https://app.example/cb2', '--web-home-page-url', 'https://app.example',
      '--public-client-redirect-uris', 'http://localhost', '--enable-public-client', 'true',
      '--identifier-uris', 'api://flags-app', '--app-roles', `@${rolesFile}`,
      '--required-resource-accesses', JSON.stringify([{ resourceAppId: '00000003-0000-0000-c000-000000000000',
        resourceAccess: [{ id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' }] }]));
    expect(app).toMatchObject({
      displayName: 'flags-app', signInAudience: 'AzureADMyOrg', isFallbackPublicClient: true, identifierUris: ['api://flags-app'],
      web: { redirectUris: ['https://app.example/cb', 'https://app.example/cb2'], homePageUrl: 'https://app.example' },
      publicClient: { redirectUris: ['http://localhost'] },
      appRoles: [expect.objectContaining({ value: 'Things.Read', id: expect.any(String) })],
      requiredResourceAccess: [{ resourceAppId: '00000003-0000-0000-c000-000000000000',
        resourceAccess: [{ id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' }] }],
    });
  });

  it('does not patch an existing app of the same name, as az would: it creates another', async () => {
    const first = await create('--display-name', 'twin');
    const second = await create('--display-name', 'twin');
    expect(second.id).not.toBe(first.id);
    const list = await cli('ad', 'app', 'list', '--display-name', 'twin');
    expect(list.json().map((a: { id: string }) => a.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('shows, lists, updates and deletes by appId or object id', async () => {
    const app = await create('--display-name', 'crud-app');
    expect((await cli('ad', 'app', 'show', '--id', app.appId)).json()).toMatchObject({ id: app.id, appId: app.appId });
    expect((await cli('ad', 'app', 'show', '--id', app.id)).json()).toMatchObject({ id: app.id, appId: app.appId });
    expect((await cli('ad', 'app', 'list', '--app-id', app.appId)).json()).toEqual([expect.objectContaining({ id: app.id })]);
    expect((await cli('ad', 'app', 'list', '--filter', `displayName eq 'crud-app'`)).json()).toHaveLength(1);
    expect((await cli('ad', 'app', 'list', '--all')).json().some((a: { id: string }) => a.id === app.id)).toBe(true);

    const update = await cli('ad', 'app', 'update', '--id', app.appId, '--display-name', 'crud-app-2',
      '--web-redirect-uris', 'https://crud.example/cb', '--set', 'web.homePageUrl=https://crud.example', 'groupMembershipClaims=All');
    expect(update.stderr).toBe('');
    expect(update.code).toBe(0);
    expect(update.stdout).toBe('');
    expect((await cli('ad', 'app', 'show', '--id', app.id)).json()).toMatchObject({
      displayName: 'crud-app-2', groupMembershipClaims: 'All',
      web: { redirectUris: ['https://crud.example/cb'], homePageUrl: 'https://crud.example' },
    });

    const deleted = await cli('ad', 'app', 'delete', '--id', app.id);
    expect(deleted).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const gone = await cli('ad', 'app', 'show', '--id', app.appId);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^ERROR: .*does not exist/);
  });

  it('lists, appends and deletes password credentials', async () => {
    const app = await create('--display-name', 'cred-app');
    const first = (await cli('ad', 'app', 'credential', 'reset', '--id', app.appId, '--display-name', 'one', '--years', '2')).json();
    // Within the tenant's default 24-month cap on credential lifetimes.
    const endDate = `${new Date().getUTCFullYear() + 1}-12-31`;
    const second = await cli('ad', 'app', 'credential', 'reset', '--id', app.appId, '--append', '--end-date', endDate, '--only-show-errors');
    expect(second.stderr).toBe('');
    expect(second.json().password).not.toBe(first.password);

    const list = (await cli('ad', 'app', 'credential', 'list', '--id', app.appId)).json();
    expect(list).toHaveLength(2);
    expect(list.every((c: { secretText: unknown }) => c.secretText === null || c.secretText === undefined)).toBe(true);
    const one = list.find((c: { displayName: string }) => c.displayName === 'one');
    expect(new Date(one.endDateTime).getUTCFullYear()).toBe(new Date().getUTCFullYear() + 2);
    expect(list.find((c: { displayName: string }) => c.displayName !== 'one').endDateTime).toMatch(new RegExp(`^${endDate}T00:00:00`));

    const deleted = await cli('ad', 'app', 'credential', 'delete', '--id', app.appId, '--key-id', one.keyId);
    expect(deleted).toMatchObject({ code: 0, stdout: '' });
    expect((await cli('ad', 'app', 'credential', 'list', '--id', app.id)).json()).toHaveLength(1);

    // Without --append, reset removes what is there.
    await cli('ad', 'app', 'credential', 'reset', '--id', app.appId);
    expect((await cli('ad', 'app', 'credential', 'list', '--id', app.appId)).json()).toHaveLength(1);
  });

  it('creates, shows, lists and deletes service principals', async () => {
    const app = await create('--display-name', 'sp-app');
    const sp = (await cli('ad', 'sp', 'create', '--id', app.id)).json();
    expect(sp).toMatchObject({ appId: app.appId, displayName: 'sp-app' });
    expect((await cli('ad', 'sp', 'show', '--id', app.appId)).json()).toMatchObject({ id: sp.id });
    expect((await cli('ad', 'sp', 'show', '--id', sp.id)).json()).toMatchObject({ appId: app.appId });
    expect((await cli('ad', 'sp', 'list', '--display-name', 'sp-app')).json()).toEqual([expect.objectContaining({ id: sp.id })]);
    expect((await cli('ad', 'sp', 'delete', '--id', app.appId)).code).toBe(0);
    expect((await cli('ad', 'sp', 'show', '--id', sp.id)).code).toBe(1);
  });

  it('prints tables, tsv and --query results as az does', async () => {
    const app = await create('--display-name', 'format-app');
    const table = await cli('ad', 'app', 'show', '--id', app.appId, '-o', 'table');
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^DisplayName\s+Id\s+AppId\s+CreatedDateTime$/);
    expect(lines[1]).toMatch(/^-+( +-+){3}$/);
    expect(lines[2]).toContain(app.appId);

    const appId = await cli('ad', 'app', 'show', '--id', app.id, '--query', 'appId', '-o', 'tsv');
    expect(appId.stdout).toBe(`${app.appId}\n`);
    const names = await cli('ad', 'app', 'list', '--display-name', 'format', '--query', '[].{name:displayName, id:appId}');
    expect(names.json()).toEqual([{ name: 'format-app', id: app.appId }]);
    const none = await cli('ad', 'app', 'show', '--id', app.id, '-o', 'none');
    expect(none.stdout).toBe('');
  });

  it('lists 100 with az\'s warning unless filtered or --all, following @odata.nextLink', async () => {
    for (let i = 0; i < 101; i++) {
      await server.directory.applications.create(server.first.tenant.id, { displayName: `bulk-${String(i).padStart(3, '0')}` });
    }
    const first = await cli('ad', 'app', 'list');
    expect(first.json()).toHaveLength(100);
    expect(first.stderr).toBe("WARNING: The result is not complete. You can still use '--all' to get all of them with long latency expected, or provide a filter through command arguments\n");
    expect((await cli('ad', 'app', 'list', '--only-show-errors')).stderr).toBe('');

    const all = await cli('ad', 'app', 'list', '--all', '--query', 'length(@)');
    expect(all.json()).toBeGreaterThan(101);
    expect(all.stderr).toBe('');
    const filtered = await cli('ad', 'app', 'list', '--display-name', 'bulk-', '--query', '[].displayName');
    expect(filtered.json()).toHaveLength(101);
    expect(new Set(filtered.json()).size).toBe(101);
  });

  it('reports Graph and usage errors on stderr with az exit codes', async () => {
    const missing = await cli('ad', 'app', 'show', '--id', '00000000-0000-0000-0000-000000000001');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^ERROR: /);
    expect(missing.stderr).not.toMatch(/\n\s+at /);

    const noName = await cli('ad', 'app', 'create');
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('--display-name');

    const badBool = await cli('ad', 'app', 'create', '--display-name', 'x', '--enable-public-client', 'maybe');
    expect(badBool.code).toBe(2);

    const both = await cli('ad', 'app', 'credential', 'reset', '--id', '00000000-0000-0000-0000-000000000001', '--years', '1', '--end-date', '2030-01-01');
    expect(both).toMatchObject({ code: 1, stderr: 'ERROR: usage error: --years | --end-date\n' });
  });
});
