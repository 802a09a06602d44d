/** `entrada ad user` and `entrada ad group`, against a real server over HTTPS, signed in as the admin. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignedInCli, stopSignedInCli, type Cli, type CliServer } from './support/cli.js';

const PASSWORD = 'Str0ng-Secret!';

describe('entrada ad user / ad group', () => {
  let server: CliServer;
  let home: string;
  let cli: Cli;

  async function ok(...args: string[]) {
    const result = await cli(...args);
    expect(result.stderr, args.join(' ')).toBe('');
    expect(result.code, args.join(' ')).toBe(0);
    return result.stdout === '' ? undefined : result.json();
  }

  beforeAll(async () => {
    ({ server, home, cli } = await startSignedInCli());
  });
  afterAll(() => stopSignedInCli(server, home));

  it('creates, shows, lists, updates and deletes users', async () => {
    const user = await ok('ad', 'user', 'create', '--display-name', 'Jane Doe', '--user-principal-name', 'jane@entrada.test',
      '--password', PASSWORD, '--force-change-password-next-sign-in');
    expect(user).toMatchObject({ displayName: 'Jane Doe', userPrincipalName: 'jane@entrada.test', id: expect.any(String) });
    const stored = await server.directory.users.get(server.first.tenant.id, user.id);
    expect(stored).toMatchObject({ mailNickname: 'jane', forceChangePasswordNextSignIn: true, accountEnabled: true });

    expect(await ok('ad', 'user', 'show', '--id', 'jane@entrada.test')).toMatchObject({ id: user.id });
    expect(await ok('ad', 'user', 'show', '--id', user.id)).toMatchObject({ userPrincipalName: 'jane@entrada.test' });
    expect((await ok('ad', 'user', 'list', '--upn', 'jane@entrada.test')).map((u: any) => u.id)).toEqual([user.id]);
    expect((await ok('ad', 'user', 'list', '--display-name', 'jane')).map((u: any) => u.id)).toEqual([user.id]);

    expect(await ok('ad', 'user', 'update', '--id', 'jane@entrada.test', '--display-name', 'Jane D.', '--account-enabled', 'false',
      '--password', 'N3w-Secret!', '--force-change-password-next-sign-in', 'false')).toBeUndefined();
    expect(await server.directory.users.get(server.first.tenant.id, user.id)).toMatchObject({
      displayName: 'Jane D.', accountEnabled: false, forceChangePasswordNextSignIn: false,
    });
    expect((await ok('ad', 'user', 'list', '--filter', 'accountEnabled eq false')).map((u: any) => u.id)).toEqual([user.id]);
    expect(typeof await server.directory.users.authenticate(server.first.tenant.id, 'jane@entrada.test', 'N3w-Secret!')).toBe('object');

    expect(await ok('ad', 'user', 'delete', '--id', user.id)).toBeUndefined();
    const gone = await cli('ad', 'user', 'show', '--id', user.id);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^ERROR: Resource '.*' does not exist/);
  });

  it('reports the password policy and a foreign domain as Graph words them', async () => {
    const weak = await cli('ad', 'user', 'create', '--display-name', 'Weak', '--user-principal-name', 'weak@entrada.test', '--password', 'password');
    expect(weak).toMatchObject({ code: 1, stdout: '' });
    expect(weak.stderr).toBe('ERROR: The specified password does not comply with password complexity requirements. Please provide a different password.\n');
    const foreign = await cli('ad', 'user', 'create', '--display-name', 'X', '--user-principal-name', 'x@example.com', '--password', PASSWORD);
    expect(foreign.stderr).toMatch(/domain portion of the userPrincipalName/);
    expect((await cli('ad', 'user', 'create', '--display-name', 'X')).code).toBe(2);
  });

  it('creates groups idempotently as az does, unless --force', async () => {
    const group = await ok('ad', 'group', 'create', '--display-name', 'Clinicians', '--mail-nickname', 'clinicians', '--description', 'all of them');
    expect(group).toMatchObject({ displayName: 'Clinicians', securityEnabled: true, mailEnabled: false, description: 'all of them' });
    const again = await cli('ad', 'group', 'create', '--display-name', 'Clinicians', '--mail-nickname', 'clinicians');
    expect(again.stderr).toBe('WARNING: A group with the same display name and mail nickname already exists, returning.\n');
    expect(again.json().id).toBe(group.id);
    const forced = await ok('ad', 'group', 'create', '--display-name', 'Clinicians', '--mail-nickname', 'clinicians', '--force');
    expect(forced.id).not.toBe(group.id);
    const ambiguous = await cli('ad', 'group', 'show', '-g', 'Clinicians');
    expect(ambiguous).toMatchObject({ code: 1, stderr: "ERROR: More than one group match the name of 'Clinicians', please use the group's object id\n" });
    expect(await ok('ad', 'group', 'delete', '--group', forced.id)).toBeUndefined();
    expect(await ok('ad', 'group', 'show', '-g', 'Clinicians')).toMatchObject({ id: group.id });
    expect((await ok('ad', 'group', 'list', '--display-name', 'clin')).map((g: any) => g.id)).toEqual([group.id]);
    expect((await cli('ad', 'group', 'show', '-g', 'Nobody')).code).toBe(3);
  });

  it('adds, lists, checks and removes group members', async () => {
    const user = await ok('ad', 'user', 'create', '--display-name', 'Sam', '--user-principal-name', 'sam@entrada.test', '--password', PASSWORD);
    await ok('ad', 'group', 'create', '--display-name', 'Night shift', '--mail-nickname', 'night');
    expect(await ok('ad', 'group', 'member', 'add', '-g', 'Night shift', '--member-id', user.id)).toBeUndefined();
    const members = await ok('ad', 'group', 'member', 'list', '-g', 'Night shift');
    expect(members).toEqual([expect.objectContaining({ '@odata.type': '#microsoft.graph.user', id: user.id })]);
    expect(await ok('ad', 'group', 'member', 'check', '-g', 'Night shift', '--member-id', user.id)).toEqual({ value: true });
    const twice = await cli('ad', 'group', 'member', 'add', '-g', 'Night shift', '--member-id', user.id);
    expect(twice.stderr).toMatch(/already exist/);
    expect(await ok('ad', 'group', 'member', 'remove', '-g', 'Night shift', '--member-id', user.id)).toBeUndefined();
    expect(await ok('ad', 'group', 'member', 'check', '-g', 'Night shift', '--member-id', user.id)).toEqual({ value: false });
    expect(await ok('ad', 'group', 'member', 'list', '-g', 'Night shift')).toEqual([]);
  });
});
