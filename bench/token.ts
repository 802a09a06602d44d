/**
 * bench/token: client_credentials over HTTPS with keep-alive, autocannon at 50 connections, against Entrada and,
 * in the same run, against bench/reference-server.ts (bare Fastify + SHA-256 secret check + jose RS256).
 * Prints requests/s of both and their ratio, cold-start times and resident memory.
 *   npm run bench                 (BENCH_SECONDS=10 BENCH_ROUNDS=2 by default)
 *   BENCH_CREDENTIAL=certificate npm run bench
 *                                 also client_credentials with a certificate client assertion (PS256 + x5t#S256,
 *                                 one assertion reused for every request, as MSAL reuses one for ten minutes),
 *                                 with its ratio to the secret path and to the reference
 */
import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { makeCertificate } from '../test/support/certificates.js';
import { httpsRequest, passwordToken } from '../test/support/https.js';
import { start, stop } from './support/processes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 50;
const ADMIN_PASSWORD = 'Bench-Passw0rd!';
const CREDENTIAL = process.env.BENCH_CREDENTIAL ?? 'secret';
if (CREDENTIAL !== 'secret' && CREDENTIAL !== 'certificate') throw new Error('BENCH_CREDENTIAL is secret or certificate');

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function load(url: string, body: string): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({
    url, method: 'POST', connections: CONNECTIONS, duration: SECONDS, body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-bench-'));
  const env = { ENTRADA_DATA_DIR: dataDir, ENTRADA_PORT: '0', ENTRADA_ADMIN_PASSWORD: ADMIN_PASSWORD, ENTRADA_LOG_LEVEL: 'warn' };
  const serve = ['bin/entrada.js', 'serve'];
  const readyLine = /Entrada ready at (\S+) tenant (\S+) \(\S+\) fhir (\S+)/;
  const first = await start(serve, env, readyLine);
  await stop(first);
  const entrada = await start(serve, env, readyLine);
  const [, base, tenantId, fhirUrl] = readyLine.exec(entrada.line)!;
  const ca = fs.readFileSync(path.join(dataDir, 'tls/ca.crt'));
  const idleRss = rssMb(entrada.child.pid!);

  // Register a confidential client the way a user does: Graph app, secret, service principal.
  const token = await passwordToken(base!, tenantId!, 'admin@entrada.test', ADMIN_PASSWORD, 'https://graph.microsoft.com/.default', ca);
  const graph = async (p: string, body: unknown, method = 'POST') => {
    const res = await httpsRequest(`${base}/v1.0${p}`, {
      method, ca, body: JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${res.text}`);
    return res.json;
  };
  const app = await graph('/applications', { displayName: 'bench-client' });
  const secret = (await graph(`/applications/${app.id}/addPassword`, { passwordCredential: { displayName: 'bench' } })).secretText as string;
  await graph('/servicePrincipals', { appId: app.appId });
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: app.appId, client_secret: secret, scope: `${fhirUrl}/.default` }).toString();
  const entradaUrl = `${base}/${tenantId}/oauth2/v2.0/token`;
  const check = async (b: string) => {
    const res = await httpsRequest(entradaUrl, { method: 'POST', ca, body: b, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  };
  await check(body);
  const certBody = CREDENTIAL === 'certificate' ? await certificateBody(graph, app, entradaUrl, `${fhirUrl}/.default`) : undefined;
  if (certBody) await check(certBody);

  const keyFile = path.join(dataDir, 'reference-signing.pem');
  fs.writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const reference = await start(['--import', 'tsx', 'bench/reference-server.ts'], {
    REF_SIGNING_KEY: keyFile, REF_CLIENT_ID: app.appId, REF_CLIENT_SECRET: secret, REF_AUDIENCE: fhirUrl!, REF_TENANT_ID: tenantId!,
    REF_TLS_CERT: path.join(dataDir, 'tls/server.crt'), REF_TLS_KEY: path.join(dataDir, 'tls/server.key'),
  }, /reference ready (\d+)/);
  const referenceUrl = `https://localhost:${/reference ready (\d+)/.exec(reference.line)![1]}/token`;

  const results = { entrada: [] as number[], reference: [] as number[], certificate: [] as number[] };
  const none = { rps: 0, p99: 0, errors: 0, non2xx: 0 };
  let last = { entrada: none, reference: none, certificate: none };
  await load(entradaUrl, body);
  await load(referenceUrl, body);
  if (certBody) await load(entradaUrl, certBody);
  for (let round = 0; round < ROUNDS; round++) {
    const e = await load(entradaUrl, body);
    const r = await load(referenceUrl, body);
    const c = certBody ? await load(entradaUrl, certBody) : none;
    results.entrada.push(e.rps);
    results.reference.push(r.rps);
    if (certBody) results.certificate.push(c.rps);
    last = { entrada: e, reference: r, certificate: c };
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const loadedRss = rssMb(entrada.child.pid!);
  const e = mean(results.entrada);
  const r = mean(results.reference);
  const cert = certBody ? mean(results.certificate) : 0;
  await stop(reference);
  await stop(entrada);
  fs.rmSync(dataDir, { recursive: true, force: true });

  const lines = [
    `token client_credentials, HTTPS keep-alive, ${CONNECTIONS} connections, ${ROUNDS}×${SECONDS}s alternating, ${os.cpus().length} cores`,
    `  entrada    ${e.toFixed(0).padStart(7)} req/s  p99 ${last.entrada.p99} ms  errors ${last.entrada.errors} non-2xx ${last.entrada.non2xx}`,
    `  reference  ${r.toFixed(0).padStart(7)} req/s  p99 ${last.reference.p99} ms  (bare Fastify + SHA-256 + jose RS256)`,
    `  ratio      ${(e / r).toFixed(2)}× the reference (target ≥ 0.90×)`,
    ...(certBody ? [
      `  certificate ${cert.toFixed(0).padStart(6)} req/s  p99 ${last.certificate.p99} ms  errors ${last.certificate.errors} non-2xx ${last.certificate.non2xx}  (PS256 client assertion, reused)`,
      `  ratio      ${(cert / e).toFixed(2)}× the secret path, ${(cert / r).toFixed(2)}× the reference`,
    ] : []),
    `cold start   first start ${first.ms.toFixed(0)} ms (keys, TLS, directory), restart ${entrada.ms.toFixed(0)} ms (process spawn to ready line)`,
    `memory       RSS ${idleRss.toFixed(0)} MB idle, ${loadedRss.toFixed(0)} MB after load`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * Register a certificate the way a user does (Graph PATCH keyCredentials) and build the token request body with
 * one PS256 + x5t#S256 assertion, valid ten minutes, that every request reuses (as MSAL does).
 */
async function certificateBody(graph: (p: string, body: unknown, method?: string) => Promise<any>, app: { id: string; appId: string },
  tokenUrl: string, scope: string): Promise<string> {
  const cert = makeCertificate({ subject: 'CN=bench-client' });
  await graph(`/applications/${app.id}`, { keyCredentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', key: cert.base64 }] }, 'PATCH');
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ aud: tokenUrl, iss: app.appId, sub: app.appId, nbf: now, exp: now + 600, jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: 'PS256', typ: 'JWT', 'x5t#S256': cert.thumbprintSha256 }).sign(cert.privateKey);
  return new URLSearchParams({
    grant_type: 'client_credentials', client_id: app.appId, scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion,
  }).toString();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
