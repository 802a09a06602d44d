/** `entrada ad user update --set` sets and clears SMART's fhirUser directory extension on a user. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FHIR_USER_PROPERTY } from '../src/directory/fhir-user.js';
import { startSignedInCli, stopSignedInCli, type Cli, type CliServer } from './support/cli.js';

const PASSWORD = 'Str0ng-Secret!';

describe('entrada ad user update --set fhirUser', () => {
  let server: CliServer;
  let home: string;
  let cli: Cli;

  beforeAll(async () => {
    ({ server, home, cli } = await startSignedInCli());
  });
  afterAll(() => stopSignedInCli(server, home));

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
