/** `entrada ad app federated-credential`, as az's, against a real server. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignedInCli, stopSignedInCli, type Cli, type CliServer } from './support/cli.js';

const GITHUB = 'https://token.actions.githubusercontent.com';

describe('entrada ad app federated-credential', () => {
  let server: CliServer;
  let home: string;
  let cli: Cli;

  beforeAll(async () => {
    ({ server, home, cli } = await startSignedInCli());
  });
  afterAll(() => stopSignedInCli(server, home));

  it('creates from a file, lists, shows by id or name, updates, and deletes', async () => {
    const app = (await cli('ad', 'app', 'create', '--display-name', 'ci-app')).json();
    const file = path.join(home, 'credential.json');
    const parameters = { name: 'main-branch', issuer: GITHUB, subject: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      description: 'Deploys from main', audiences: ['api://AzureADTokenExchange'] };
    fs.writeFileSync(file, JSON.stringify(parameters));

    const created = await cli('ad', 'app', 'federated-credential', 'create', '--id', app.appId, '--parameters', `@${file}`);
    expect(created.code, created.stderr).toBe(0);
    const credential = created.json();
    expect(credential).toMatchObject({ ...parameters, id: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    // az takes a file path without @ too, and inline JSON.
    const second = await cli('ad', 'app', 'federated-credential', 'create', '--id', app.id, '--parameters',
      JSON.stringify({ ...parameters, name: 'pull-requests', subject: 'repo:octo-org/octo-repo:pull_request' }));
    expect(second.code, second.stderr).toBe(0);
    fs.writeFileSync(file, JSON.stringify({ ...parameters, name: 'tags', subject: 'repo:octo-org/octo-repo:ref:refs/tags/v1' }));
    expect((await cli('ad', 'app', 'federated-credential', 'create', '--id', app.appId, '--parameters', file)).code).toBe(0);

    const list = await cli('ad', 'app', 'federated-credential', 'list', '--id', app.appId);
    expect(list.json().map((c: { name: string }) => c.name).sort()).toEqual(['main-branch', 'pull-requests', 'tags']);

    const byId = await cli('ad', 'app', 'federated-credential', 'show', '--id', app.appId, '--federated-credential-id', credential.id);
    expect(byId.json()).toMatchObject({ id: credential.id, name: 'main-branch' });
    const byName = await cli('ad', 'app', 'federated-credential', 'show', '--id', app.appId, '--federated-credential-id', 'main-branch');
    expect(byName.json()).toMatchObject({ id: credential.id });

    // Scripts update with the create file, name included: the name is immutable but may be repeated.
    fs.writeFileSync(file, JSON.stringify({ ...parameters, subject: 'repo:octo-org/octo-repo:environment:Production' }));
    const updated = await cli('ad', 'app', 'federated-credential', 'update', '--id', app.appId,
      '--federated-credential-id', 'main-branch', '--parameters', `@${file}`);
    expect(updated).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const shown = await cli('ad', 'app', 'federated-credential', 'show', '--id', app.appId, '--federated-credential-id', credential.id);
    expect(shown.json()).toMatchObject({ name: 'main-branch', subject: 'repo:octo-org/octo-repo:environment:Production' });

    const table = await cli('ad', 'app', 'federated-credential', 'list', '--id', app.appId, '-o', 'table');
    expect(table.stdout.split('\n')[0]).toMatch(/^Name\s+Issuer\s+Subject\s+Audiences$/);

    const deleted = await cli('ad', 'app', 'federated-credential', 'delete', '--id', app.appId, '--federated-credential-id', credential.id);
    expect(deleted).toMatchObject({ code: 0, stdout: '' });
    const gone = await cli('ad', 'app', 'federated-credential', 'show', '--id', app.appId, '--federated-credential-id', credential.id);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^ERROR: /);
    expect((await cli('ad', 'app', 'federated-credential', 'list', '--id', app.appId)).json()).toHaveLength(2);
  });

  it('reports bad parameters: not JSON, not an object, and Graph\'s validation', async () => {
    const app = (await cli('ad', 'app', 'create', '--display-name', 'bad-fic-app')).json();
    const notJson = await cli('ad', 'app', 'federated-credential', 'create', '--id', app.appId, '--parameters', '{nope');
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^ERROR: --parameters: failed to parse string as JSON/);
    const array = await cli('ad', 'app', 'federated-credential', 'create', '--id', app.appId, '--parameters', '[]');
    expect(array.stderr).toMatch(/^ERROR: --parameters must be a JSON object/);
    const noIssuer = await cli('ad', 'app', 'federated-credential', 'create', '--id', app.appId, '--parameters',
      JSON.stringify({ name: 'x', subject: 's', audiences: ['api://AzureADTokenExchange'] }));
    expect(noIssuer.code).toBe(1);
    expect(noIssuer.stderr).toMatch(/^ERROR: .*issuer/i);
    const missing = await cli('ad', 'app', 'federated-credential', 'create', '--id', app.appId);
    expect(missing.code).toBe(2);
  });
});
