/** Running the `entrada` CLI in-process, with captured output, against a server or on its own. */
import { run } from '../../src/cli/index.js';

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
