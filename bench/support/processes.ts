/** The benchmarks' child processes: started from the repository root, ready once they print a matching line. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A started process, the ready line it printed, and how long it took to print it. */
export interface Proc { child: ChildProcess; line: string; ms: number }

/** Runs `node ...command` with `env` added, resolving once its output matches `ready`; rejects if it exits first. */
export function start(command: string[], env: Record<string, string>, ready: RegExp): Promise<Proc> {
  const t0 = performance.now();
  const child = spawn(process.execPath, command, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = ready.exec(out);
      if (m) resolve({ child, line: m[0], ms: performance.now() - t0 });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited ${code}:\n${out}`)));
  });
}

/** SIGTERM, resolving once the process has exited. */
export function stop(proc: Proc): Promise<void> {
  return new Promise((resolve) => {
    proc.child.removeAllListeners('exit');
    proc.child.once('exit', () => resolve());
    proc.child.kill('SIGTERM');
  });
}
