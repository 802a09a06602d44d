/**
 * The `entrada` command: az's command names and flags for Entrada, plus `serve`. run() builds a fresh
 * program per call with injectable streams and environment, so tests drive it in-process.
 */
import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerAccount } from './account.js';
import { registerAd } from './ad.js';
import { CliError } from './errors.js';
import { registerHealthcare } from './healthcare.js';
import { registerLogin } from './login.js';
import { registerRole } from './role-assignment.js';
import { Runtime, type Io } from './runtime.js';
import { registerServe } from './serve.js';

export type { Io } from './runtime.js';

/**
 * Run the CLI. `argv` is either process.argv (node, script, ...args) or just the arguments. Resolves to the
 * exit code: 0 success, 1 failure, 2 usage error (as az's argument parser), 3 not found, or credentials
 * expiring (`ad app credential list --expiring-within`). Without `io` it runs
 * as the process: real streams and environment, and process.exitCode set.
 */
export async function run(argv: string[], io?: Partial<Io>): Promise<number> {
  const runtime = new Runtime({
    stdout: io?.stdout ?? process.stdout, stderr: io?.stderr ?? process.stderr, env: io?.env ?? process.env,
  });
  const program = buildProgram(runtime);
  let code = 0;
  try {
    await program.parseAsync(userArgs(argv), { from: 'user' });
    code = runtime.exitCode;
  } catch (err) {
    code = report(err, runtime.io);
  } finally {
    runtime.close();
  }
  if (io === undefined) process.exitCode = code;
  return code;
}

function buildProgram(runtime: Runtime): Command {
  const { stdout, stderr } = runtime.io;
  const program = new Command('entrada')
    .description('Entrada: a self-hostable Microsoft Entra ID look-alike with Azure Healthcare APIs.\n'
      + 'Commands and flags follow Azure CLI (az); settings: ENTRADA_URL, ENTRADA_CONFIG_DIR, ENTRADA_CA_CERT.')
    .version(packageVersion(), '-v, --version', 'show the version')
    // Set before any subcommand is added: commander copies these settings into each subcommand.
    .exitOverride()
    .configureOutput({ writeOut: (s) => void stdout.write(s), writeErr: (s) => void stderr.write(s) })
    .showHelpAfterError(false);
  registerServe(program, runtime);
  registerLogin(program, runtime);
  registerAccount(program, runtime);
  registerAd(program, runtime);
  registerHealthcare(program, runtime);
  registerRole(program, runtime);
  return program;
}

function userArgs(argv: string[]): string[] {
  const first = argv[0] ?? '';
  const fromNode = argv === process.argv || first === process.execPath || /(^|[\\/])node(js)?(\.exe)?$/i.test(first);
  return fromNode ? argv.slice(2) : argv;
}

/** Print the error as az does (never a stack trace) and choose the exit code. */
function report(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    // commander has already printed its message or the help. A group named without a subcommand shows its
    // help, which az does with exit 0; parse errors are 2, as with az's argument parser.
    return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code) ? 0 : 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`ERROR: ${message}\n`);
  if (err instanceof CliError) {
    if (err.recommendation) io.stderr.write(`${err.recommendation}\n`);
    return err.exitCode;
  }
  return 1;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
