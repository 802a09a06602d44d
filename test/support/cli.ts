/** Running the `entrada` CLI in-process, with captured output, against a server or on its own. */
import fs from 'node:fs';
import { run } from '../../src/cli/index.js';
import { ADMIN_PASSWORD, startTestServer, tempDir } from './server.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON. */
  json<T = any>(): T;
}

export type Cli = (...args: string[]) => Promise<CliResult>;

/** A CLI bound to one environment (ENTRADA_URL, ENTRADA_CONFIG_DIR, ENTRADA_CA_CERT, …). */
export function cliWith(env: Record<string, string | undefined>): Cli {
  return async (...args) => {
    let stdout = '';
    let stderr = '';
    const code = await run(args, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env,
    });
    return { code, stdout, stderr, json: () => JSON.parse(stdout) };
  };
}

/** The client settings for a test server: its URL, a config dir, and its development CA. */
export function cliEnv(server: { publicUrl: string; caCertPath?: string }, configDir: string): Record<string, string | undefined> {
  return { ENTRADA_URL: server.publicUrl, ENTRADA_CONFIG_DIR: configDir, ENTRADA_CA_CERT: server.caCertPath };
}

export type CliServer = Awaited<ReturnType<typeof startTestServer>>;

/** A test server, a fresh config dir, and a CLI there already signed in as the admin. */
export async function startSignedInCli(): Promise<{ server: CliServer; home: string; cli: Cli }> {
  const server = await startTestServer();
  const home = tempDir();
  const cli = cliWith(cliEnv(server, home));
  const login = await cli('login', '-u', 'admin@entrada.test', '-p', ADMIN_PASSWORD);
  if (login.code !== 0) {
    await stopSignedInCli(server, home);
    throw new Error(`admin login failed (${login.code}): ${login.stderr}`);
  }
  return { server, home, cli };
}

/** Closes what startSignedInCli started; either may be unset when it failed. */
export async function stopSignedInCli(server: CliServer | undefined, home: string | undefined): Promise<void> {
  await server?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
}
