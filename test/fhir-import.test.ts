/**
 * Bulk $import over HTTP, as Azure's FHIR service takes it: a Parameters body naming NDJSON inputs (our own
 * export files, or file: URLs under the import directory), polling, the result with per-input counts and error
 * files, cancelling, and who may do what. The imported data is then read and searched through the FHIR API.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkJobs } from '../src/healthcare/fhir/bulk/jobs.js';
import { IMPORT_START } from '../src/healthcare/fhir/import/step.js';
import { expectOutcome, fhirAppToken } from './support/fhir-rest.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { createConfidentialClient, decodeJwt } from './support/sts.js';
import { appToken } from './support/tokens.js';

interface ImportResult {
  transactionTime: string; request: string;
  output: Array<{ type?: string; count: number; inputUrl: string }>;
  error: Array<{ type: string; count: number; inputUrl: string; url: string }>;
}

const ASYNC = { accept: 'application/fhir+json', prefer: 'respond-async' };

function parameters(inputs: Array<{ type?: string; url: string }>, extra: unknown[] = []) {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'inputFormat', valueString: 'application/fhir+ndjson' },
      { name: 'mode', valueString: 'IncrementalLoad' },
      ...inputs.map((i) => ({ name: 'input', part: [...(i.type ? [{ name: 'type', valueString: i.type }] : []), { name: 'url', valueUri: i.url }] })),
      ...extra,
    ],
  };
}

describe('FHIR bulk $import', () => {
  let t: TestApp;
  /** One app with Contributor on both services: the source (default) and the target (local-copy). */
  let source: string;
  let target: string;
  let targetUrl: string;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method, url: url.startsWith('https://') ? new URL(url).pathname + new URL(url).search : url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }), ...headers },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  const kickoff = (body: unknown, token: string | null = target, headers: Record<string, string> = { prefer: 'respond-async' }) => call('POST', `${targetUrl}/$import`, token, body, headers);
  const poll = async <T>(location: string, token: string): Promise<T> => {
    for (let i = 0; i < 500; i++) {
      const res = await call('GET', location, token);
      if (res.statusCode === 200) return res.json() as T;
      expect(res.statusCode, res.body).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the job did not finish');
  };
  const runImport = async (body: unknown): Promise<ImportResult> => {
    const res = await kickoff(body);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.headers['content-location']).toMatch(new RegExp(`^${targetUrl}/_operations/import/[0-9a-f-]{36}$`));
    return poll<ImportResult>(String(res.headers['content-location']), target);
  };
  const importDir = () => path.join(t.config.dataDir, 'import');

  beforeAll(async () => {
    t = await buildTestApp();
    targetUrl = (await t.directory.healthcare.createFhirService(t.tenantId, 'local', 'copy')).url;
    const client = await createConfidentialClient(t, { displayName: 'bulk mover' });
    for (const scope of [t.fhirUrl, targetUrl]) {
      await t.directory.healthcare.assignRole(t.tenantId, { principalId: client.spId, principalType: 'ServicePrincipal', role: 'FHIR Data Contributor', scope });
    }
    source = await appToken(t, client.appId, client.secret, { scope: `${t.fhirUrl}/.default` });
    target = await appToken(t, client.appId, client.secret, { scope: `${targetUrl}/.default` });
    for (const resource of [
      { resourceType: 'Patient', id: 'a', name: [{ family: 'Alpha' }] },
      { resourceType: 'Patient', id: 'b', name: [{ family: 'Beta' }] },
      { resourceType: 'Observation', id: 'oa', status: 'final', code: { text: 'pulse' }, subject: { reference: 'Patient/a' } },
    ]) {
      expect((await call('PUT', `${t.fhirUrl}/${resource.resourceType}/${resource.id}`, source, resource)).statusCode).toBe(201);
    }
    fs.mkdirSync(importDir(), { recursive: true });
  });
  afterAll(async () => t.close());

  it("copies one service's export into another, searchable there", async () => {
    const exported = await call('GET', `${t.fhirUrl}/$export?_type=Patient,Observation`, source, undefined, ASYNC);
    expect(exported.statusCode).toBe(202);
    const manifest = await poll<{ output: Array<{ type: string; url: string; count: number }> }>(String(exported.headers['content-location']), source);

    const result = await runImport(parameters(manifest.output.map((o) => ({ type: o.type, url: o.url })), [{ name: 'storageDetail', part: [{ name: 'type', valueString: 'azure-blob' }] }]));
    expect(result.request).toBe(`${targetUrl}/$import`);
    expect(result.output).toEqual(manifest.output.map((o) => ({ type: o.type, count: o.count, inputUrl: o.url })));
    expect(result.error).toEqual([]);

    const patient = await call('GET', `${targetUrl}/Patient/a`, target);
    expect(patient.statusCode).toBe(200);
    expect(patient.json()).toMatchObject({ resourceType: 'Patient', id: 'a', name: [{ family: 'Alpha' }] });
    const search = await call('GET', `${targetUrl}/Observation?subject=Patient/a`, target);
    expect(search.json().entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual(['oa']);
  });

  it('imports a file: URL under the import directory and reports each bad line in an error file', async () => {
    const file = path.join(importDir(), 'patients.ndjson');
    fs.writeFileSync(file, [
      JSON.stringify({ resourceType: 'Patient', id: 'f1', name: [{ family: 'File' }] }),
      '{ not json',
      JSON.stringify({ resourceType: 'Observation', id: 'wrong-type', status: 'final', code: { text: 'x' } }),
      '',
      JSON.stringify({ resourceType: 'Patient', id: 'bad-date', birthDate: 'last spring' }),
      JSON.stringify({ resourceType: 'Patient', name: [{ family: 'No id yet' }] }),
    ].join('\r\n'));
    const url = pathToFileURL(file).href;
    const result = await runImport(parameters([{ type: 'Patient', url }]));
    expect(result.output).toEqual([{ type: 'Patient', count: 2, inputUrl: url }]);
    expect(result.error).toHaveLength(1);
    expect(result.error[0]).toMatchObject({ type: 'OperationOutcome', count: 3, inputUrl: url });

    const errors = await call('GET', result.error[0]!.url, target);
    expect(errors.statusCode).toBe(200);
    const outcomes = errors.body.trim().split('\n').map((l) => JSON.parse(l) as { resourceType: string; issue: Array<{ diagnostics: string }> });
    expect(outcomes.map((o) => o.resourceType)).toEqual(['OperationOutcome', 'OperationOutcome', 'OperationOutcome']);
    expect(outcomes.map((o) => o.issue[0]!.diagnostics.split(':')[0])).toEqual(['Line 2', 'Line 3', 'Line 5']);
    expect((await call('GET', `${targetUrl}/Patient/f1`, target)).statusCode).toBe(200);
    const named = await call('GET', `${targetUrl}/Patient?family=${encodeURIComponent('No id yet')}`, target);
    expect(named.json().entry).toHaveLength(1);
  });

  it('refuses bad kick-offs and inputs it cannot or may not read', async () => {
    const ok = parameters([{ type: 'Patient', url: pathToFileURL(path.join(importDir(), 'patients.ndjson')).href }]);
    expectOutcome(await kickoff(ok, target, {}), 400, 'invalid');
    expectOutcome(await kickoff({ resourceType: 'Patient' }), 400, 'invalid');
    expectOutcome(await kickoff(parameters([])), 400, 'invalid');
    expectOutcome(await kickoff(parameters([{ type: 'Unicorn', url: 'file:///x' }])), 400, 'invalid');
    expectOutcome(await kickoff({ ...ok, parameter: [{ name: 'mode', valueString: 'Sideways' }, ...ok.parameter] }), 400, 'invalid');
    for (const url of ['https://example.com/Patient.ndjson', 'file:///etc/passwd', `${pathToFileURL(importDir()).href}/../entrada.db`,
      `${t.fhirUrl}/_operations/export/00000000-0000-0000-0000-000000000000/Patient-1.ndjson`, 'not a url']) {
      expectOutcome(await kickoff(parameters([{ url }])), 400, 'invalid');
    }
    expectOutcome(await kickoff(ok, null), 401, 'login');
    expectOutcome(await t.app.inject({ method: 'POST', url: `${new URL(targetUrl).pathname}/$import`, payload: '<Parameters/>',
      headers: { authorization: `Bearer ${target}`, prefer: 'respond-async', 'content-type': 'application/fhir+xml' } }), 415, 'not-supported');
    expectOutcome(await t.app.inject({ method: 'POST', url: `${new URL(targetUrl).pathname}/$import`, payload: '{"resourceType":',
      headers: { authorization: `Bearer ${target}`, prefer: 'respond-async', 'content-type': 'application/fhir+json' } }), 400, 'invalid');
    const exporter = await fhirAppToken(t, 'FHIR Data Exporter');
    expectOutcome(await call('POST', `${t.fhirUrl}/$import`, exporter, ok, { prefer: 'respond-async' }), 403, 'forbidden');
    const importer = await fhirAppToken(t, 'FHIR Data Importer');
    expect((await call('POST', `${t.fhirUrl}/$import`, importer, ok, { prefer: 'respond-async' })).statusCode).toBe(202);
  });

  it('cancels a running import and hides a job from other callers', async () => {
    const service = (await t.directory.healthcare.fhirServiceByPath('local-copy'))!;
    const jobs = new BulkJobs(t.store.db, t.directory.clock);
    const job = await jobs.create('import', {
      tenantId: t.tenantId, serviceId: service.id, requestUrl: `${targetUrl}/$import`, requestedBy: decodeJwt(target).payload.oid,
      request: { mode: 'IncrementalLoad', baseUrl: targetUrl, inputs: [] }, cursor: IMPORT_START,
    });
    // Another process holds it, so this server's runner leaves it running.
    expect(await jobs.claim(job.id, 'another-process', 600_000)).toBeTruthy();
    const location = `${targetUrl}/_operations/import/${job.id}`;
    const running = await call('GET', location, target);
    expect(running.statusCode).toBe(202);
    expect(running.headers['x-progress']).toBe('In progress: input 0 of 0, 0 resources processed');
    expectOutcome(await call('GET', `${t.fhirUrl}/_operations/import/${job.id}`, source), 404, 'not-found');
    expectOutcome(await call('GET', `${targetUrl}/_operations/export/${job.id}`, target), 404, 'not-found');
    expect((await call('DELETE', location, target)).statusCode).toBe(202);
    expectOutcome(await call('GET', location, target), 404, 'not-found');
  });
});
