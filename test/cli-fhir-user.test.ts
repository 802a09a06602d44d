/** `entrada ad user update --set` sets and clears SMART's fhirUser directory extension on a user. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FHIR_USER_PROPERTY } from '../src/directory/fhir-user.js';
import { cliEnv, cliWith, type Cli } from './support/cli.js';
import { ADMIN_PASSWORD, startTestServer, tempDir } from './support/server.js';

const PASSWORD = 'Str0ng-Secret!';

describe('entrada ad user update --set fhirUser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let home: string;
  let cli: Cli;

  beforeAll(async () => {
    server = await startTestServer();
    home = tempDir();
    cli = cliWith(cliEnv(server, home));
    expect((await cli('login', '-u', 'admin@entrada.test', '-p', ADMIN_PASSWORD)).code).toBe(0);
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('sets, shows and clears the attribute', async () => {
    const user = (await cli('ad', 'user', 'create', '--display-name', 'Pat', '--user-principal-name', 'pat@entrada.test', '--password', PASSWORD)).json();
    const set = await cli('ad', 'user', 'update', '--id', 'pat@entrada.test', '--set', `${FHIR_USER_PROPERTY}=Patient/pat-1`);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(await server.directory.users.get(server.first.tenant.id, user.id)).toMatchObject({ fhirUser: 'Patient/pat-1' });

    const bad = await cli('ad', 'user', 'update', '--id', 'pat@entrada.test', '--set', `${FHIR_USER_PROPERTY}=Encounter/1`);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(FHIR_USER_PROPERTY);

    expect((await cli('ad', 'user', 'update', '--id', 'pat@entrada.test', '--set', `${FHIR_USER_PROPERTY}=null`)).code).toBe(0);
    expect((await server.directory.users.get(server.first.tenant.id, user.id))?.fhirUser).toBeUndefined();
  });
});
