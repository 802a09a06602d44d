/**
 * bench/fhir: the FHIR service over HTTPS with keep-alive and valid client-credentials tokens (a confidential
 * app with a secret and FHIR Data Contributor), on the embedded database loaded with 100k resources (50k
 * Patients + 50k Observations, bench/fhir-data.ts; loaded once into bench/.data/fhir and reused while the
 * schema and storage code stay the same), measured with autocannon against a reference in the same run
 * (bench/fhir-reference.ts: bare Fastify returning a stored JSON document by id from memory), in alternating rounds:
 *   read       GET Patient/{random id}
 *   search     Observation?code=…, Patient?identifier=…, Observation?date=ge…&date=lt…, Patient?birthdate=…
 *   create     POST Patient
 * Prints req/s, p50/p99 latency, the server's CPU time per request, the ratios to the reference read (create: to
 * the reference create) by req/s and by CPU per request (steadier on a shared machine), and for searches the p50
 * of one search at a time (target < 10 ms). The create scenario adds Patients to the reused data dir (a few
 * thousand per run, born after the searched birth dates, with their own identifier system, so no search finds
 * them); remove bench/.data/fhir to start from the 100k again. Targets: reads ≥ 10k/s and ≥ 0.5× the reference.
 *   npm run bench:fhir        BENCH_SECONDS=10 BENCH_ROUNDS=2 BENCH_CONNECTIONS=50 BENCH_COUNT=50000
 *                             BENCH_FHIR_DIR=bench/.data/fhir   BENCH_ONLY=read (scenarios whose name has it)
 *                             BENCH_PROFILE=1 (both servers under node --cpu-prof; summarise with bench/cpu-profile.ts)
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { httpsRequest } from '../test/support/https.js';
import { ADMIN_PASSWORD, benchClient, day, ensureLoaded, LOINC, mrn, MRN_SYSTEM, prng, storageFingerprint } from './fhir-data.js';
import { load, sequentialP50, type LoadResult, type Scenario } from './fhir-load.js';
import { ROOT, start, stop } from './support/processes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const COUNT = Number(process.env.BENCH_COUNT ?? 50_000);
const DIR = path.resolve(ROOT, process.env.BENCH_FHIR_DIR ?? 'bench/.data/fhir');
const PROFILE = process.env.BENCH_PROFILE === '1';
/** Only the scenarios whose name contains this (e.g. `read`, `identifier`), to profile one at a time. */
const ONLY = process.env.BENCH_ONLY;
const SEQUENTIAL = 200;
const log = (line: string) => process.stderr.write(`${line}\n`);

function scenarios(fhirPath: string, ids: string[], count: number): Scenario[] {
  const rnd = prng(7);
  const any = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const newPatient = JSON.stringify({
    resourceType: 'Patient', identifier: [{ system: 'urn:bench:create', value: 'created' }], name: [{ family: 'Created', given: ['Bench'] }],
    gender: 'female', birthDate: '2021-07-12', address: [{ city: 'Boston', state: 'MA', postalCode: '02118', country: 'US' }],
  });
  return [
    { name: 'read', method: 'GET', path: () => `${fhirPath}/Patient/${any(ids)}` },
    { name: 'search Observation?code', method: 'GET', path: () => `${fhirPath}/Observation?code=${encodeURIComponent(`http://loinc.org|${any(LOINC)[0]}`)}` },
    { name: 'search Patient?identifier', method: 'GET', path: () => `${fhirPath}/Patient?identifier=${encodeURIComponent(`${MRN_SYSTEM}|${mrn(Math.floor(rnd() * count))}`)}` },
    {
      name: 'search Observation?date', method: 'GET', path: () => {
        const from = day(rnd, 2019, 2025);
        const to = new Date(Date.parse(from) + 86400000).toISOString().slice(0, 10);
        return `${fhirPath}/Observation?date=ge${from}&date=lt${to}`;
      },
    },
    { name: 'search Patient?birthdate', method: 'GET', path: () => `${fhirPath}/Patient?birthdate=${day(rnd, 1930, 2020)}` },
    { name: 'create', method: 'POST', path: () => `${fhirPath}/Patient`, body: newPatient },
  ];
}

async function main(): Promise<void> {
  log(`data: ${COUNT} Patients + ${COUNT} Observations in ${path.relative(ROOT, DIR)}`);
  const data = await ensureLoaded(DIR, COUNT, storageFingerprint(ROOT), log);
  const client = await benchClient(DIR);
  const env = { ENTRADA_DATA_DIR: DIR, ENTRADA_PORT: '0', ENTRADA_ADMIN_PASSWORD: ADMIN_PASSWORD, ENTRADA_LOG_LEVEL: 'warn' };
  const readyLine = /Entrada ready at (\S+) tenant (\S+) \(\S+\) fhir (\S+)/;
  const profileDir = path.join(DIR, 'profiles');
  const nodeArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  // From source (tsx), so the bench measures the working tree without a build.
  const entrada = await start([...nodeArgs, '--import', 'tsx', 'test/support/serve.ts'], env, readyLine);
  const [, base, tenantId, fhirUrl] = readyLine.exec(entrada.line)!;
  const ca = fs.readFileSync(path.join(DIR, 'tls/ca.crt'));
  const referenceArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, 'reference')}`] : [];
  const reference = await start([...referenceArgs, '--import', 'tsx', 'bench/fhir-reference.ts'], {
    REF_DB: path.join(DIR, 'entrada.db'), REF_TLS_CERT: path.join(DIR, 'tls/server.crt'), REF_TLS_KEY: path.join(DIR, 'tls/server.key'),
  }, /reference ready (\d+) (\d+)/);
  const referenceOrigin = `https://localhost:${/reference ready (\d+)/.exec(reference.line)![1]}`;
  try {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: client.appId, client_secret: client.secret, scope: `${fhirUrl}/.default` });
    const tokenRes = await httpsRequest(`${base}/${tenantId}/oauth2/v2.0/token`, {
      method: 'POST', ca, body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    if (tokenRes.status !== 200) throw new Error(`token request failed: ${tokenRes.status} ${tokenRes.text}`);
    const auth = { authorization: `Bearer ${tokenRes.json.access_token as string}` };
    const origin = new URL(base!).origin;
    const fhirPath = new URL(fhirUrl!).pathname;
    const all = scenarios(fhirPath, data.patientIds, COUNT);
    const refs: Scenario[] = [
      { ...all[0]!, name: 'reference read', path: () => all[0]!.path().slice(fhirPath.length) },
      { ...all[5]!, name: 'reference create', path: () => '/Patient' },
      { ...all[0]!, name: 'reference read from SQLite', path: () => `/stored${all[0]!.path().slice(fhirPath.length)}` },
    ];
    const mine = all.filter((s) => !ONLY || s.name.includes(ONLY));
    for (const s of mine) {
      const res = await httpsRequest(`${origin}${s.path()}`, { method: s.method, ca, headers: { ...auth, 'content-type': 'application/fhir+json' }, ...(s.body ? { body: s.body } : {}) });
      if (res.status >= 300) throw new Error(`${s.name} failed: ${res.status} ${res.text.slice(0, 300)}`);
      if (s.name.startsWith('search')) log(`  ${s.name}: ${res.json.entry?.length ?? 0} entries on the first page`);
    }

    const sequential = new Map<string, Awaited<ReturnType<typeof sequentialP50>>>();
    for (const s of mine.filter((x) => x.name.startsWith('search'))) sequential.set(s.name, await sequentialP50(origin, s, auth, ca, SEQUENTIAL));

    const results = new Map<string, LoadResult[]>();
    const run = async (target: string, s: Scenario, seconds: number) => {
      const pid = (target === origin ? entrada : reference).child.pid!;
      // Both get the very same requests, token included: the reference ignores it, but receives and parses it too.
      const r = await load(target, s, auth, seconds, CONNECTIONS, pid);
      if (seconds === SECONDS) results.set(s.name, [...(results.get(s.name) ?? []), r]);
    };
    log('warm-up');
    for (const s of mine) await run(origin, s, 3);
    for (const s of refs) await run(referenceOrigin, s, 3);
    for (let round = 0; round < ROUNDS; round++) {
      log(`round ${round + 1} of ${ROUNDS}`);
      for (const s of mine) {
        await run(origin, s, SECONDS);
        if (s.name === 'read') {
          await run(referenceOrigin, refs[0]!, SECONDS);
          await run(referenceOrigin, refs[2]!, SECONDS);
        }
        if (s.name === 'create') await run(referenceOrigin, refs[1]!, SECONDS);
      }
      if (!mine.some((s) => s.name === 'read')) await run(referenceOrigin, refs[0]!, SECONDS);
    }
    report(data, results, sequential);
  } finally {
    await stop(reference);
    await stop(entrada);
    if (PROFILE) log(`CPU profiles of the server in ${profileDir}, of the reference in ${path.join(profileDir, 'reference')}`);
  }
}

function report(data: Awaited<ReturnType<typeof ensureLoaded>>, results: Map<string, LoadResult[]>, sequential: Map<string, { p50: number; p99: number; failures: number }>): void {
  const mean = (name: string) => {
    const rs = results.get(name) ?? [];
    const avg = (f: (r: LoadResult) => number) => rs.reduce((a, r) => a + f(r), 0) / Math.max(rs.length, 1);
    return {
      rps: avg((r) => r.rps), p50: avg((r) => r.p50), p99: avg((r) => r.p99), errors: avg((r) => r.errors), non2xx: avg((r) => r.non2xx),
      cpu: avg((r) => r.cpuUsPerRequest),
    };
  };
  const refRead = mean('reference read');
  const refCreate = mean('reference create');
  const lines = [
    `FHIR over HTTPS keep-alive, ${CONNECTIONS} connections, ${ROUNDS}×${SECONDS}s alternating, ${os.cpus().length} cores, client-credentials token (FHIR Data Contributor)`,
    `data: ${data.patients} Patients + ${data.observations} Observations, ${data.reused ? 'reused (loaded earlier in' : 'loaded in'} ${(data.loadMs / 1000).toFixed(1)} s${data.reused ? ')' : ''} through FhirRepository.createMany`,
    `${'scenario'.padEnd(28)}${'req/s'.padStart(8)}${'p50'.padStart(8)}${'p99'.padStart(8)}${'CPU/req'.padStart(10)}   ratio (req/s, CPU)   one-at-a-time p50/p99`,
  ];
  for (const name of [...results.keys()]) {
    const m = mean(name);
    const ref = name.includes('create') ? refCreate : refRead;
    const ratio = name.startsWith('reference') ? '' : `${(m.rps / ref.rps).toFixed(2)}×, ${(ref.cpu / m.cpu).toFixed(2)}×`;
    const seq = sequential.get(name);
    const oneAtATime = seq ? `${seq.p50.toFixed(1)} / ${seq.p99.toFixed(1)} ms${seq.failures ? ` (${seq.failures} failed)` : ''}` : '';
    const bad = m.errors || m.non2xx ? `  errors ${m.errors.toFixed(0)} non-2xx ${m.non2xx.toFixed(0)}` : '';
    const cpu = `${m.cpu.toFixed(0)}µs`.padStart(10);
    lines.push(`${name.padEnd(28)}${m.rps.toFixed(0).padStart(8)}${`${m.p50.toFixed(0)}ms`.padStart(8)}${`${m.p99.toFixed(0)}ms`.padStart(8)}${cpu}   ${ratio.padEnd(19)}${oneAtATime}${bad}`);
  }
  const read = mean('read').rps;
  const refStored = mean('reference read from SQLite');
  if (refStored.rps) lines.push(`read vs the same handler reading SQLite: ${(read / refStored.rps).toFixed(2)}× req/s, ${(refStored.cpu / mean('read').cpu).toFixed(2)}× CPU`);
  lines.push(`targets: authenticated read ≥ 10000 req/s: ${read >= 10_000 ? 'met' : 'MISSED'} (${read.toFixed(0)}); ≥ 0.50× the reference: ${read / refRead.rps >= 0.5 ? 'met' : 'MISSED'} (${(read / refRead.rps).toFixed(2)}×); `
    + `search one-at-a-time p50 < 10 ms: ${sequential.size === 0 ? 'not run' : [...sequential.values()].every((s) => s.p50 < 10) ? 'met' : 'MISSED'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
