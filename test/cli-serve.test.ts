/** `entrada serve --help` and the command line's own errors; nothing here needs a server. */
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../src/config.js';
import { cliWith } from './support/cli.js';

const cli = cliWith({ ENTRADA_CONFIG_DIR: '/nonexistent/entrada-cli-test' });

describe('entrada serve --help', () => {
  it('lists every setting with its flag, environment variable, doc and default', async () => {
    const help = await cli('serve', '--help');
    expect(help.code).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    for (const setting of SETTINGS) {
      expect(text).toContain(setting.flag);
      expect(text).toContain(`env: ${setting.env}`);
      expect(text).toContain(setting.doc.replace(/\s+/g, ' '));
      if (setting.fallback !== undefined) expect(text).toContain(`default: ${String(setting.fallback)}`);
    }
    const flags = help.stdout.match(/^ {2}--[a-z-]+/gm)!.map((f) => f.trim());
    expect(flags.sort()).toEqual(SETTINGS.map((s) => s.flag.split(' ')[0]!).sort());
    // Every ENTRADA_* variable that help names is a setting.
    const named = new Set(help.stdout.match(/ENTRADA_[A-Z_]+/g));
    expect([...named].every((env) => SETTINGS.some((s) => s.env === env))).toBe(true);
  });

  it('refuses a bad flag value as a usage error before starting anything', async () => {
    const port = await cli('serve', '--port', 'eighty');
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("invalid port 'eighty'");
  });
});

describe('the command line', () => {
  it('exits 2 on unknown commands and options, as az does on argument errors', async () => {
    expect(await cli('frobnicate')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'frobnicate'") });
    expect(await cli('ad', 'app', 'list', '--frob')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--frob'") });
    expect(await cli('ad', 'app', 'list', '-o', 'yaml')).toMatchObject({ code: 2 });
    expect(await cli('ad', 'app', 'list', '--query', '[?')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^ERROR: Invalid jmespath/) });
  });

  it('shows the help of a group named without a subcommand, as az does', async () => {
    expect(await cli('ad', 'app')).toMatchObject({ code: 0, stderr: expect.stringContaining('Usage: entrada ad app') });
  });

  it('accepts process.argv as well as bare arguments', async () => {
    const help = await cli(process.execPath, '/usr/lib/node_modules/entrada/bin/entrada.js', '--help');
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: entrada') });
    expect((await cli('--version')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('tells a user who is not signed in to log in', async () => {
    expect(await cli('ad', 'app', 'list')).toMatchObject({ code: 1, stdout: '', stderr: "ERROR: Please run 'entrada login' to setup account.\n" });
    expect(await cli('logout')).toMatchObject({ code: 1, stderr: 'ERROR: There are no active accounts.\n' });
  });
});
