/** `entrada ad app credential list --expiring-within`: the tenant-wide report and its exit code, against a real server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignedInCli, stopSignedInCli, type Cli, type CliServer } from './support/cli.js';

const DAY = 86_400_000;

describe('entrada ad app credential list --expiring-within', () => {
  let server: CliServer;
  let home: string;
  let cli: Cli;
  let lasting: { appId: string };
  let expiring: { appId: string };

  beforeAll(async () => {
    ({ server, home, cli } = await startSignedInCli());
    lasting = (await cli('ad', 'app', 'create', '--display-name', 'lasting-app')).json();
    expect((await cli('ad', 'app', 'credential', 'reset', '--id', lasting.appId)).code).toBe(0);
    expect((await cli('ad', 'app', 'credential', 'reset', '--id', lasting.appId, '--create-cert', '--append')).code).toBe(0);
    expiring = (await cli('ad', 'app', 'create', '--display-name', 'expiring-app')).json();
  });
  afterAll(() => stopSignedInCli(server, home));

  it('exits 0 with an empty list when nothing expires in the window', async () => {
    const report = await cli('ad', 'app', 'credential', 'list', '--expiring-within', '30d');
    expect(report).toMatchObject({ code: 0, stderr: '' });
    expect(report.json()).toEqual([]);
  });

  it('lists a secret that ends in 10 days and exits 3, so CI fails on it', async () => {
    const end = new Date(Date.now() + 10 * DAY);
    const endDate = `${end.toISOString().slice(0, 19)}Z`;
    const reset = await cli('ad', 'app', 'credential', 'reset', '--id', expiring.appId, '--display-name', 'ci-secret', '--end-date', endDate);
    expect(reset.code, reset.stderr).toBe(0);

    const report = await cli('ad', 'app', 'credential', 'list', '--expiring-within', '30d');
    expect(report.code).toBe(3);
    expect(report.stderr).toBe('WARNING: 1 credential has expired or expires within 30 days.\n');
    const rows = report.json();
    expect(rows).toEqual([{
      appId: expiring.appId, displayName: 'expiring-app', type: 'password', keyId: expect.any(String),
      credentialDisplayName: 'ci-secret', endDateTime: expect.any(String), state: 'expiringSoon',
    }]);
    expect(Date.parse(rows[0].endDateTime)).toBe(Date.parse(endDate));
    expect(Object.keys(rows[0])).toEqual(['appId', 'credentialDisplayName', 'displayName', 'endDateTime', 'keyId', 'state', 'type']);

    // The same credential in the app's own list carries its state.
    const own = await cli('ad', 'app', 'credential', 'list', '--id', expiring.appId);
    expect(own.json()).toEqual([expect.objectContaining({ keyId: rows[0].keyId, '@entrada.credentialState': 'expiringSoon' })]);
  });

  it('takes hours, weeks and bare days, one app with --id, certificates only with --cert', async () => {
    const code = async (...args: string[]) => (await cli('ad', 'app', 'credential', 'list', ...args, '--only-show-errors')).code;
    expect(await code('--expiring-within', '2w')).toBe(3);
    expect(await code('--expiring-within', '11')).toBe(3);
    expect(await code('--expiring-within', '9')).toBe(0);
    expect(await code('--expiring-within', '12h')).toBe(0);
    expect(await code('--expiring-within', '30d', '--id', lasting.appId)).toBe(0);
    expect(await code('--expiring-within', '30d', '--id', expiring.appId)).toBe(3);
    expect(await code('--expiring-within', '30d', '--cert')).toBe(0);
    // Everything that lasts a year is inside a window of two.
    const wide = await cli('ad', 'app', 'credential', 'list', '--expiring-within', '800d', '--query', '[].type', '--only-show-errors');
    expect(wide.json().sort()).toEqual(['certificate', 'password', 'password']);
  });

  it('prints a table for people, and usage errors exit 2', async () => {
    const table = await cli('ad', 'app', 'credential', 'list', '--expiring-within', '30d', '-o', 'table', '--only-show-errors');
    expect(table.code).toBe(3);
    expect(table.stdout.split('\n')[0]).toMatch(/^AppId\s+DisplayName\s+Type\s+KeyId\s+CredentialDisplayName\s+EndDateTime\s+State$/);
    expect(table.stdout).toContain('expiringSoon');

    const bad = await cli('ad', 'app', 'credential', 'list', '--expiring-within', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'soon' is not a duration");
    const neither = await cli('ad', 'app', 'credential', 'list');
    expect(neither).toMatchObject({ code: 1, stderr: 'ERROR: usage error: --id ID | --expiring-within DURATION\n' });
  });

  it('documents the exit code in --help', async () => {
    const help = await cli('ad', 'app', 'credential', 'list', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--expiring-within <duration>');
    expect(help.stdout).toContain('  3     the report lists at least one credential, so a CI job fails on it');
  });
});
