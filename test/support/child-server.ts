/** A real Entrada process started from source, for tests that must kill it or time its start. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ChildServer { process: ChildProcess; publicUrl: string; tenantId: string; fhirUrl: string; output: () => string }

const ROOT = path.resolve(import.meta.dirname, '../..');

export function spawnServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/serve.ts')], {
    cwd: ROOT, env: { ...process.env, ENTRADA_PORT: '0', ENTRADA_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Entrada ready at (\S+) tenant (\S+) \(\S+\) fhir (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ process: child, publicUrl: m[1]!, tenantId: m[2]!, fhirUrl: m[3]!, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

/** Stop a child server and wait for it to be gone. */
export function stopServer(server: ChildServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (server.process.exitCode !== null) return resolve(server.process.exitCode);
    server.process.removeAllListeners('exit');
    server.process.once('exit', (code) => resolve(code));
    server.process.kill(signal);
  });
}
