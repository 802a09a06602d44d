/**
 * What one `entrada` invocation runs with: its streams and environment (injectable, so tests run the CLI
 * in-process), the server it talks to, where it keeps its sign-in state, and the HTTPS agent that trusts
 * the local development CA.
 */
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { CliError } from './errors.js';

export interface Io {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
}

export const DEFAULT_URL = 'https://localhost:8443';

export class Runtime {
  readonly url: string;
  readonly configDir: string;
  /** The exit code of a command that succeeded but reports something, e.g. 3 for expiring credentials. */
  exitCode = 0;
  private httpsAgent: https.Agent | undefined;

  constructor(readonly io: Io) {
    this.url = (io.env.ENTRADA_URL || DEFAULT_URL).replace(/\/+$/, '');
    const home = io.env.HOME || io.env.USERPROFILE || os.homedir();
    this.configDir = path.resolve(io.env.ENTRADA_CONFIG_DIR || path.join(home, '.entrada'));
  }

  get env(): Record<string, string | undefined> {
    return this.io.env;
  }

  /** One agent per invocation, destroyed by close() so no keep-alive socket outlives the command. */
  agent(): https.Agent {
    this.httpsAgent ??= new https.Agent({ keepAlive: true, ca: trustedCertificates(this.io.env) });
    return this.httpsAgent;
  }

  close(): void {
    this.httpsAgent?.destroy();
    this.httpsAgent = undefined;
  }
}

/**
 * The CAs to trust, or undefined for Node's defaults (which already honour NODE_EXTRA_CA_CERTS).
 * For the local case we add the development CA: ENTRADA_CA_CERT if set, else the one `entrada serve`
 * generated under its data dir, so a fresh `npm start` + `entrada login` works without any setup.
 */
export function trustedCertificates(env: Record<string, string | undefined>): string[] | undefined {
  let pem: string | undefined;
  if (env.ENTRADA_CA_CERT) {
    try {
      pem = fs.readFileSync(env.ENTRADA_CA_CERT, 'utf8');
    } catch (err) {
      throw new CliError(`Cannot read the CA certificate named by ENTRADA_CA_CERT: ${(err as Error).message}`);
    }
  } else {
    const local = path.resolve(env.ENTRADA_DATA_DIR || './.entrada', 'tls', 'ca.crt');
    if (fs.existsSync(local)) pem = fs.readFileSync(local, 'utf8');
  }
  if (pem === undefined) return undefined;
  // An explicit `ca` replaces Node's store, NODE_EXTRA_CA_CERTS included, so add that file back ourselves.
  const extra = readIfPresent(env.NODE_EXTRA_CA_CERTS);
  return [...tls.rootCertificates, ...(extra ? [extra] : []), pem];
}

function readIfPresent(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
