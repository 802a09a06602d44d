/**
 * az's generic update arguments (--set, --add, --remove) for `ad app update`. As in az, they apply to the
 * PATCH body built from the property flags, so read-only properties are never sent back; a path that goes
 * below a top-level property starts from that property's current value, so sibling values are kept.
 */
import type { Command } from 'commander';
import { CliError } from './errors.js';

export interface GenericUpdateOptions {
  set?: string[];
  add?: string[];
  remove?: string[];
}

type Container = Record<string | number, unknown>;

export function addGenericUpdateOptions(command: Command): Command {
  return command
    .option('--set <path=value...>', 'set a property, e.g. --set groupMembershipClaims=All web.homePageUrl=https://x')
    .option('--add <path-and-values...>', 'append to a list: --add PATH VALUE [VALUE...]')
    .option('--remove <path-and-index...>', 'remove a property, or a list item: --remove PATH [INDEX]');
}

export function hasGenericUpdate(options: GenericUpdateOptions): boolean {
  return Boolean(options.set?.length || options.add?.length || options.remove?.length);
}

/** Apply the generic arguments to `body`; `current` gives the object as it is now (fetched only if needed). */
export async function applyGenericUpdate(
  body: Record<string, unknown>, options: GenericUpdateOptions, current: () => Promise<Record<string, unknown>>,
): Promise<void> {
  const seed = async (path: (string | number)[]) => {
    const top = path[0] as string;
    if (path.length > 1 && !(top in body)) {
      const value = (await current())[top];
      body[top] = value === undefined || value === null ? (typeof path[1] === 'number' ? [] : {}) : structuredClone(value);
    }
  };
  for (const pair of options.set ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CliError(`usage error: --set PATH=VALUE, got '${pair}'`);
    const path = parsePath(pair.slice(0, at));
    await seed(path);
    const parent = walk(body, path.slice(0, -1), path[path.length - 1]!);
    parent[path[path.length - 1]!] = parseValue(pair.slice(at + 1));
  }
  if (options.add?.length) {
    const [rawPath, ...values] = options.add;
    const path = parsePath(rawPath!);
    await seed([...path, 0]);
    const list = walk(body, path, 0) as unknown;
    if (!Array.isArray(list)) throw new CliError(`--add: '${rawPath}' is not a list.`);
    list.push(...values.map(parseValue));
  }
  if (options.remove?.length) {
    const [rawPath, index] = options.remove;
    const path = parsePath(rawPath!);
    await seed(index === undefined ? path : [...path, 0]);
    if (index === undefined) {
      delete walk(body, path.slice(0, -1), path[path.length - 1]!)[path[path.length - 1]!];
    } else {
      const list = walk(body, path, 0) as unknown;
      if (!Array.isArray(list) || !/^\d+$/.test(index) || Number(index) >= list.length) {
        throw new CliError(`--remove: index ${index} is out of range for '${rawPath}'.`);
      }
      list.splice(Number(index), 1);
    }
  }
}

/** `a.b[0].c` -> ['a', 'b', 0, 'c'] */
function parsePath(text: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const part of text.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match || (match[1] === '' && match[2] === '')) throw new CliError(`invalid property path '${text}'`);
    if (match[1]) path.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}

/** Walk down `path`, creating objects or lists on the way, to the container that will hold `next`. */
function walk(root: Container, path: (string | number)[], next: string | number): Container {
  let target: Container = root;
  path.forEach((key, i) => {
    const following = i + 1 < path.length ? path[i + 1]! : next;
    if (target[key] === undefined || target[key] === null) target[key] = typeof following === 'number' ? [] : {};
    if (typeof target[key] !== 'object') throw new CliError(`property '${String(key)}' is not an object or a list`);
    target = target[key] as Container;
  });
  return target;
}

/** As az does: a value that parses as JSON is that JSON (true, 3, [..], {..}); anything else is a string. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
