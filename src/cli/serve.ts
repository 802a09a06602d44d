/**
 * `entrada serve`: one flag per server setting, generated from config.ts's SETTINGS table so the help
 * shows exactly the settings the environment variables do. Flags override the environment.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { SETTINGS, loadConfig, type Config } from '../config.js';
import type { Runtime } from './runtime.js';

/**
 * Each setting's flag, parsed by the setting's own parser (so --port is a number, checked like ENTRADA_PORT).
 * Fresh options per call, since run() builds a new program each time.
 */
const settingOptions = () => SETTINGS.map((setting) => {
  const defaults = setting.fallback === undefined ? '' : `, default: ${String(setting.fallback)}`;
  const option = new Option(setting.flag, `${setting.doc} (env: ${setting.env}${defaults})`)
    .argParser((raw: string) => {
      try {
        return (setting.parse as (r: string) => unknown)(raw);
      } catch (err) {
        throw new InvalidArgumentError((err as Error).message);
      }
    });
  return { key: setting.key, option };
});

export function addSettingOptions(command: Command): Command {
  for (const { option } of settingOptions()) command.addOption(option);
  return command;
}

/** The server config: the environment, overridden by the flags that were given. */
export function configFromOptions(env: Record<string, string | undefined>, options: Record<string, unknown>): Config {
  const overrides: Partial<Record<keyof Config, unknown>> = {};
  for (const { key, option } of settingOptions()) {
    const value = options[option.attributeName()];
    if (value !== undefined) overrides[key] = value;
  }
  return loadConfig(env, overrides as Partial<Config>);
}

export function registerServe(program: Command, runtime: Runtime): void {
  addSettingOptions(program.command('serve')
    .description('Start Entrada: token service, Graph API, FHIR services and portal, over HTTPS.')
    .addHelpText('after', '\nEvery flag can also be set with the environment variable named beside it; a flag wins.'))
    .action(async (options: Record<string, unknown>) => {
      const config = configFromOptions(runtime.env, options);
      // Loaded only here, so client commands start without the server's database and web stack.
      const { main } = await import('../main.js');
      await main(config);
    });
}
