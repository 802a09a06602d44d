/**
 * What every command shares: az's global arguments (--output, --query, --only-show-errors, --debug,
 * --verbose), one Invocation per run giving lazy access to sign-in state, the token service and Graph,
 * and printing the handler's result in the chosen format.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { Credentials } from './credentials.js';
import { Graph } from './graph.js';
import { OUTPUT_FORMATS, render, type OutputFormat, type TableTransform } from './output.js';
import { Profile } from './profile.js';
import { compileQuery } from './query.js';
import type { Runtime } from './runtime.js';
import { Sts } from './sts.js';

export interface GlobalOptions {
  output: OutputFormat;
  query?: string;
  onlyShowErrors?: boolean;
  debug?: boolean;
  verbose?: boolean;
}

export class Invocation {
  private cache: { profile?: Profile; sts?: Sts; credentials?: Credentials; graph?: Graph } = {};

  constructor(readonly runtime: Runtime, readonly options: GlobalOptions) {}

  /** az's logger.warning: on stderr, silenced by --only-show-errors. */
  warn(message: string): void {
    if (!this.options.onlyShowErrors) this.runtime.io.stderr.write(`WARNING: ${message}\n`);
  }

  private readonly debug = (line: string): void => {
    if (this.options.debug) this.runtime.io.stderr.write(`DEBUG: ${line}\n`);
  };

  profile(): Profile {
    return (this.cache.profile ??= new Profile(this.runtime.configDir, this.runtime.url));
  }

  sts(): Sts {
    return (this.cache.sts ??= new Sts(this.runtime, this.debug));
  }

  credentials(): Credentials {
    return (this.cache.credentials ??= new Credentials(this.profile(), this.sts()));
  }

  graph(): Graph {
    return (this.cache.graph ??= new Graph(this.runtime, this.credentials(), this.debug));
  }
}

export type Handler<O> = (options: O & GlobalOptions, invocation: Invocation) => Promise<unknown>;

/** Give `command` the global arguments and an action that runs `handler` and prints what it returns. */
export function act<O>(runtime: Runtime, command: Command, handler: Handler<O>, table?: TableTransform): Command {
  command
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('json'))
    .option('--query <jmespath>', 'JMESPath query string, applied to the result')
    .option('--only-show-errors', 'only show errors, suppressing warnings')
    .option('--debug', 'log the HTTP requests made to stderr')
    .option('--verbose', 'accepted for compatibility with az');
  return command.action(async (...args: unknown[]) => {
    const options = (args[args.length - 1] as Command).opts() as O & GlobalOptions;
    const query = options.query ? compileQuery(options.query) : undefined;
    const result = await handler(options, new Invocation(runtime, options));
    runtime.io.stdout.write(render(query ? query(result) : result, options.output, table));
  });
}

/** az's three-state flag values: true/false and their usual spellings. */
export function parseBool(value: string): boolean {
  const v = value.toLowerCase();
  if (['true', 'yes', 'y', '1', 'on'].includes(v)) return true;
  if (['false', 'no', 'n', '0', 'off'].includes(v)) return false;
  throw new InvalidArgumentError(`invalid choice: '${value}' (choose from 'false', 'true')`);
}
