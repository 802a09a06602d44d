/**
 * JSON files in the config dir. They hold refresh tokens and client secrets, so, as az does with its
 * token cache and service principal entries, the dir is created 0700 and every file is written 0600.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './errors.js';

export class ConfigFiles {
  constructor(readonly dir: string) {}

  read<T>(name: string, fallback: T): T {
    const file = path.join(this.dir, name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
      throw new CliError(`Cannot read ${file}: ${(err as Error).message}`);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new CliError(`${file} is not valid JSON; delete it and run 'entrada login' again.`);
    }
  }

  /** Write through a temp file and rename, so a crash never leaves half a file and the mode is always 0600. */
  write(name: string, value: unknown): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, name);
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, file);
  }

  remove(name: string): void {
    fs.rmSync(path.join(this.dir, name), { force: true });
  }
}
