/**
 * Running a real-client fixture (test/fixtures/*.mjs) in a child Node that trusts the server's development CA the
 * way users are told to (NODE_EXTRA_CA_CERTS). The fixture reads its input as JSON from one environment variable and
 * prints one JSON line of named scenario results.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

/** One scenario's outcome as the fixtures print it. */
export interface ScenarioResult { ok: boolean; value?: any; error?: unknown }

/** Runs test/fixtures/<fixture> with input in env var <inputVariable>; resolves to its last stdout line, parsed. */
export async function runRealClientFixture<R extends ScenarioResult>(
  fixture: string, caCertPath: string, inputVariable: string, input: unknown, timeout = 60_000,
): Promise<Record<string, R>> {
  const script = path.join(import.meta.dirname, '..', 'fixtures', fixture);
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [script], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath, [inputVariable]: JSON.stringify(input) }, timeout,
    }, (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)));
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

/** The value of a scenario that must have succeeded; throws with its error otherwise. */
export function scenarioValue(results: Record<string, ScenarioResult>, name: string): any {
  const r = results[name]!;
  if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}
