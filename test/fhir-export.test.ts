/**
 * Bulk $export over HTTP, as a Bulk Data client (or Azure's FHIR service's users) drives it: kick-off at system,
 * Patient and Group level, polling, the manifest, the NDJSON files, cancelling, who may do what, and a job that
 * survives a restart of the server.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/app.js';
import { bootstrap } from '../src/directory/bootstrap.js';
import { Directory } from '../src/directory/directory.js';
import { BulkJobs } from '../src/healthcare/fhir/bulk/jobs.js';
import { START_CURSOR } from '../src/healthcare/fhir/export/job.js';
import { Store } from '../src/store/store.js';
import { expectOutcome, fhirAppToken, fhirClient, fhirPath } from './support/fhir-rest.js';
import { buildTestApp, tempDir, testConfig, TEST_PUBLIC_URL, type TestApp } from './support/server.js';
import { decodeJwt } from './support/sts.js';

const ASYNC = { accept: 'application/fhir+json', prefer: 'respond-async' };

interface Manifest {
  transactionTime: string; request: string; requiresAccessToken: boolean;
  output: Array<{ type: string; url: string; count: number }>; error: unknown[];
}

function exportApi(t: TestApp, token: string | null) {
  const base = fhirPath(t);
  const auth = token ? { authorization: `Bearer ${token}` } : {};
  /** A path below the service base, or an absolute URL the server gave us. */
  const url = (pathOrUrl: string) => (pathOrUrl.startsWith('https://') ? new URL(pathOrUrl).pathname : `${base}/${pathOrUrl}`);
  const api = {
    kickoff: (path: string, headers: Record<string, string> = ASYNC) => t.app.inject({ method: 'GET', url: url(path), headers: { ...auth, ...headers } }),
    get: (location: string) => t.app.inject({ method: 'GET', url: url(location), headers: auth }),
    cancel: (location: string) => t.app.inject({ method: 'DELETE', url: url(location), headers: auth }),
    /** Kick off and poll until the manifest is there. */
    async run(path: string): Promise<Manifest> {
      const res = await api.kickoff(path);
      if (res.statusCode !== 202) throw new Error(`kick-off: ${res.statusCode} ${res.body}`);
      const location = String(res.headers['content-location']);
      for (let i = 0; i < 500; i++) {
        const poll = await api.get(location);
        if (poll.statusCode === 200) return poll.json() as Manifest;
        expect(poll.statusCode).toBe(202);
        expect(poll.headers['x-progress']).toBeTruthy();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('the export did not finish');
    },
    /** Every file of a manifest, parsed, by type (ids sorted). */
    async ids(manifest: Manifest): Promise<Record<string, string[]>> {
      const out: Record<string, string[]> = {};
      for (const file of manifest.output) {
        const res = await api.get(file.url);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/fhir\+ndjson/);
        const lines = res.body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { resourceType: string; id: string; meta: { versionId: string } });
        expect(lines).toHaveLength(file.count);
        for (const r of lines) {
          expect(r.resourceType).toBe(file.type);
          expect(r.meta.versionId).toMatch(/^\d+$/);
        }
        (out[file.type] ??= []).push(...lines.map((r) => r.id));
      }
      for (const list of Object.values(out)) list.sort();
      return out;
    },
  };
  return api;
}

describe('FHIR bulk $export', () => {
  let t: TestApp;
  let exporter: string;
  let contributor: string;

  beforeAll(async () => {
    t = await buildTestApp();
    exporter = await fhirAppToken(t, 'FHIR Data Exporter');
    contributor = await fhirAppToken(t);
    const fhir = fhirClient(t, contributor);
    const put = async (resource: { resourceType: string; id: string } & Record<string, unknown>) => {
      const res = await fhir.update(`${resource.resourceType}/${resource.id}`, resource);
      expect(res.statusCode, res.body).toBeLessThan(300);
    };
    await put({ resourceType: 'Patient', id: 'a', name: [{ family: 'Alpha' }] });
    await put({ resourceType: 'Patient', id: 'b', name: [{ family: 'Beta' }] });
    await put({ resourceType: 'Observation', id: 'oa', status: 'final', code: { text: 'pulse' }, subject: { reference: 'Patient/a' } });
    await put({ resourceType: 'Observation', id: 'ob', status: 'final', code: { text: 'pulse' }, subject: { reference: 'Patient/b' } });
    await put({ resourceType: 'Organization', id: 'org', name: 'Clinic' });
    await put({ resourceType: 'Group', id: 'g', type: 'person', actual: true, member: [{ entity: { reference: 'Patient/a' } }] });
  });
  afterAll(async () => t.close());

  it('refuses a kick-off without the asynchronous headers or with bad parameters', async () => {
    const api = exportApi(t, exporter);
    expectOutcome(await api.kickoff('$export', { prefer: 'respond-async' }), 400, 'invalid');
    expectOutcome(await api.kickoff('$export', { accept: 'application/fhir+json' }), 400, 'invalid');
    expectOutcome(await api.kickoff('$export?_type=Patient,Unicorn'), 400, 'invalid');
    expectOutcome(await api.kickoff('$export?_since=last-tuesday'), 400, 'invalid');
    expectOutcome(await api.kickoff('$export?_outputFormat=text/csv'), 400, 'invalid');
    expectOutcome(await api.kickoff('Group/nope/$export'), 404, 'not-found');
    expectOutcome(await exportApi(t, null).kickoff('$export'), 401, 'login');
  });

  it('exports the whole service with _type, answering the Bulk Data manifest and serving the NDJSON files', async () => {
    const api = exportApi(t, exporter);
    const kickoff = await api.kickoff('$export?_type=Patient,Observation&_outputFormat=application/fhir%2Bndjson&_container=ignored');
    expect(kickoff.statusCode).toBe(202);
    expect(kickoff.headers['content-location']).toMatch(new RegExp(`^${t.fhirUrl}/_operations/export/[0-9a-f-]{36}$`));

    const manifest = await api.run('$export?_type=Patient,Observation');
    expect(manifest).toMatchObject({ request: `${t.fhirUrl}/$export?_type=Patient,Observation`, requiresAccessToken: true, error: [] });
    expect(Date.parse(manifest.transactionTime)).not.toBeNaN();
    expect(manifest.output.map((o) => [o.type, o.count])).toEqual([['Patient', 2], ['Observation', 2]]);
    for (const o of manifest.output) expect(o.url).toMatch(new RegExp(`^${t.fhirUrl}/_operations/export/[0-9a-f-]{36}/${o.type}-1\\.ndjson$`));
    expect(await api.ids(manifest)).toEqual({ Patient: ['a', 'b'], Observation: ['oa', 'ob'] });

    const all = await api.ids(await api.run('$export'));
    expect(Object.keys(all).sort()).toEqual(['Group', 'Observation', 'Organization', 'Patient']);
  });

  it('exports only what changed after _since', async () => {
    const api = exportApi(t, exporter);
    const before = await api.run('$export?_type=Patient');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const res = await fhirClient(t, contributor).update('Patient/b', { resourceType: 'Patient', id: 'b', name: [{ family: 'Beta-2' }] });
    expect(res.statusCode).toBe(200);
    const since = await api.run(`$export?_since=${encodeURIComponent(before.transactionTime)}`);
    expect(await api.ids(since)).toEqual({ Patient: ['b'] });
  });

  it('exports Patient compartments at Patient level and the members at Group level', async () => {
    const api = exportApi(t, exporter);
    const patients = await api.ids(await api.run('Patient/$export'));
    expect(patients).toEqual({ Group: ['g'], Observation: ['oa', 'ob'], Patient: ['a', 'b'] });
    const group = await api.ids(await api.run('Group/g/$export?_type=Patient,Observation'));
    expect(group).toEqual({ Patient: ['a'], Observation: ['oa'] });
  });

  it('needs the export data action, and shows a job only to the caller who started it', async () => {
    const reader = await fhirAppToken(t, 'FHIR Data Reader');
    expectOutcome(await exportApi(t, reader).kickoff('$export'), 403, 'forbidden');
    const manifest = await exportApi(t, exporter).run('$export?_type=Organization');
    const location = manifest.output[0]!.url.replace(/\/[^/]+$/, '');
    expectOutcome(await exportApi(t, reader).get(location), 403, 'forbidden');
    expectOutcome(await exportApi(t, reader).get(manifest.output[0]!.url), 403, 'forbidden');
    expectOutcome(await exportApi(t, contributor).get(location), 404, 'not-found');
    expectOutcome(await exportApi(t, contributor).get(manifest.output[0]!.url), 404, 'not-found');
    expectOutcome(await exportApi(t, exporter).get(`${location}/Patient-1.ndjson`), 404, 'not-found');
    expectOutcome(await exportApi(t, exporter).get(`${location}/../../metadata-1.ndjson`), 404);
  });

  it('cancels a running job (then polling is 404) and refuses to cancel a finished one', async () => {
    const api = exportApi(t, exporter);
    const finished = (await api.run('$export?_type=Organization')).output[0]!.url.replace(/\/[^/]+$/, '');
    expectOutcome(await api.cancel(finished), 409, 'conflict');

    // A job another process is working on (it holds the lease), so this server's runner leaves it alone.
    const service = (await t.directory.healthcare.fhirServiceByPath('local-fhir'))!;
    const jobs = new BulkJobs(t.store.db, t.directory.clock);
    const job = await jobs.create('export', {
      tenantId: t.tenantId, serviceId: service.id, requestUrl: `${t.fhirUrl}/$export`, requestedBy: decodeJwt(exporter).payload.oid,
      request: { level: 'system' }, cursor: START_CURSOR,
    });
    expect(await jobs.claim(job.id, 'another-process', 600_000)).toBeTruthy();
    const location = `_operations/export/${job.id}`;
    expect((await api.get(location)).statusCode).toBe(202);
    const cancel = await api.cancel(location);
    expect(cancel.statusCode).toBe(202);
    expectOutcome(await api.get(location), 404, 'not-found');
    expectOutcome(await api.cancel(location), 404, 'not-found');
  });
});

describe('FHIR bulk $export across a restart', () => {
  it('finishes a job started before the server stopped', async () => {
    const config = testConfig({ dataDir: tempDir() });
    const open = async () => {
      const store = await Store.open({ dataDir: config.dataDir });
      const directory = new Directory({ store, encryptionKey: Buffer.alloc(32, 7), publicUrl: () => TEST_PUBLIC_URL });
      const first = await bootstrap(directory, config);
      const app = await build({ config, directory, publicUrl: () => TEST_PUBLIC_URL });
      await app.ready();
      const t = { app, directory, store, first, config, publicUrl: TEST_PUBLIC_URL, tenantId: first.tenant.id,
        domain: first.tenant.domains[0]!.name, fhirUrl: `${TEST_PUBLIC_URL}/fhir/local-fhir`,
        close: async () => { await app.close(); await store.close(); } };
      return t as TestApp;
    };
    const one = await open();
    const token = await fhirAppToken(one, 'FHIR Data Contributor');
    const fhir = fhirClient(one, token);
    for (let i = 0; i < 30; i++) expect((await fhir.update(`Patient/p${i}`, { resourceType: 'Patient', id: `p${i}` })).statusCode).toBe(201);
    const kickoff: LightMyRequestResponse = await exportApi(one, token).kickoff('$export?_type=Patient');
    expect(kickoff.statusCode).toBe(202);
    await one.close();

    const two = await open();
    try {
      const api = exportApi(two, token);
      let manifest: Manifest | undefined;
      for (let i = 0; i < 500 && !manifest; i++) {
        const poll = await api.get(String(kickoff.headers['content-location']));
        if (poll.statusCode === 200) manifest = poll.json() as Manifest;
        else await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(manifest?.output.map((o) => o.count)).toEqual([30]);
      expect((await api.ids(manifest!)).Patient).toHaveLength(30);
    } finally {
      await two.close();
      (await import('node:fs')).rmSync(config.dataDir, { recursive: true, force: true });
    }
  });
});
