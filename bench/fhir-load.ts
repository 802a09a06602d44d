/**
 * The measuring tools of bench/fhir: an autocannon run whose every request may take a new path, and the latency
 * of one request at a time over one keep-alive connection.
 */
import fs from 'node:fs';
import https from 'node:https';
import autocannon from 'autocannon';

export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  /** A new path (with query) for each request. */
  path: () => string;
  body?: string;
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * requests/s and latency as autocannon saw them, and the server's own CPU time per request: on a machine shared
 * with other work, that is the steadier measure of what a request costs.
 */
export interface LoadResult { rps: number; p50: number; p99: number; errors: number; non2xx: number; cpuUsPerRequest: number }

/** autocannon against `origin` for `seconds`, each request's path from the scenario; `pid` is the server's. */
export async function load(origin: string, scenario: Scenario, headers: Record<string, string>, seconds: number, connections: number, pid: number): Promise<LoadResult> {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url: origin, connections, duration: seconds,
    requests: [{
      method: scenario.method,
      headers: { ...headers, ...(scenario.body ? { 'content-type': 'application/fhir+json' } : {}) },
      ...(scenario.body ? { body: scenario.body } : {}),
      setupRequest: (req) => ({ ...req, path: scenario.path() }),
    }],
  });
  const cpuUsPerRequest = (1000 * (cpuMs(pid) - cpuBefore)) / Math.max(result.requests.total, 1);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx, cpuUsPerRequest };
}

/** The median latency (ms) of `count` requests sent one at a time over one keep-alive connection. */
export async function sequentialP50(origin: string, scenario: Scenario, headers: Record<string, string>, ca: Buffer, count: number): Promise<{ p50: number; p99: number; failures: number }> {
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca });
  const times: number[] = [];
  let failures = 0;
  try {
    for (let i = 0; i < count; i++) {
      const url = new URL(scenario.path(), origin);
      const t0 = performance.now();
      const status = await new Promise<number>((resolve, reject) => {
        const req = https.request(url, { method: scenario.method, agent, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(scenario.body);
      });
      times.push(performance.now() - t0);
      if (status >= 300) failures++;
    }
  } finally {
    agent.destroy();
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, p99: times[Math.floor(times.length * 0.99)]!, failures };
}
