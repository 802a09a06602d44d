/**
 * FHIR REST batch and transaction: entries run in FHIR's order, placeholders and conditional references
 * resolved, a transaction all-or-nothing, batch entries failing on their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutcome, fhirAppToken, fhirClient, type FhirClient } from './support/fhir-rest.js';
import { buildTestApp, type TestApp } from './support/server.js';

let t: TestApp;
let fhir: FhirClient;

beforeAll(async () => {
  t = await buildTestApp();
  fhir = fhirClient(t, await fhirAppToken(t));
});
afterAll(async () => t?.close());

const post = (bundle: unknown, headers?: Record<string, string>) => fhir.request({ method: 'POST', path: '', body: bundle, ...(headers ? { headers } : {}) });
const bundle = (type: string, entry: unknown[]) => ({ resourceType: 'Bundle', type, entry });
const system = () => `urn:test:${crypto.randomUUID()}`;

describe('transaction', () => {
  it('creates linked resources, rewriting urn:uuid references everywhere, and answers a transaction-response', async () => {
    const sys = system();
    const res = await post(bundle('transaction', [
      { fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111', resource: { resourceType: 'Observation', status: 'final', code: { text: 'hr' }, subject: { reference: 'urn:uuid:22222222-2222-4222-8222-222222222222' } }, request: { method: 'POST', url: 'Observation' } },
      { fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222', resource: { resourceType: 'Patient', identifier: [{ system: sys, value: 'p1' }] }, request: { method: 'POST', url: 'Patient' } },
      { resource: { resourceType: 'Patient', id: 'tx-put-1', active: true, link: [{ other: { reference: 'urn:uuid:22222222-2222-4222-8222-222222222222' }, type: 'seealso' }] }, request: { method: 'PUT', url: 'Patient/tx-put-1' } },
    ]));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ resourceType: 'Bundle', type: 'transaction-response' });
    const [obs, pat, put] = body.entry;
    expect(obs.response.status).toBe('201 Created');
    expect(pat.response).toMatchObject({ status: '201 Created', etag: 'W/"1"' });
    expect(pat.response.location).toBe(`${t.fhirUrl}/Patient/${pat.resource.id}/_history/1`);
    expect(obs.resource.subject.reference).toBe(`Patient/${pat.resource.id}`);
    expect(put.response.status).toBe('201 Created');
    expect(put.resource.link[0].other.reference).toBe(`Patient/${pat.resource.id}`);
    const stored = (await fhir.read(`Observation/${obs.resource.id}`)).json();
    expect(stored.subject.reference).toBe(`Patient/${pat.resource.id}`);
  });

  it('processes DELETE, POST, PUT, GET in that order whatever the entry order', async () => {
    await fhir.update('Patient/tx-order', { resourceType: 'Patient', id: 'tx-order', active: false });
    const res = await post(bundle('transaction', [
      { request: { method: 'GET', url: 'Patient/tx-order-new' } },
      { resource: { resourceType: 'Patient', id: 'tx-order-new', active: true }, request: { method: 'PUT', url: 'Patient/tx-order-new' } },
      { request: { method: 'DELETE', url: 'Patient/tx-order' } },
    ]));
    expect(res.statusCode, res.body).toBe(200);
    const [get, put, del] = res.json().entry;
    expect(del.response.status).toBe('204 No Content');
    expect(put.response.status).toBe('201 Created');
    expect(get.response.status).toBe('200 OK');
    expect(get.resource).toMatchObject({ id: 'tx-order-new', active: true });
  });

  it('a version conflict inside a transaction is 412 and rolls everything back', async () => {
    await fhir.update('Patient/tx-version', { resourceType: 'Patient', id: 'tx-version', active: true });
    const res = await post(bundle('transaction', [
      { resource: { resourceType: 'Patient', id: 'tx-version-new' }, request: { method: 'PUT', url: 'Patient/tx-version-new' } },
      { resource: { resourceType: 'Patient', id: 'tx-version', active: false }, request: { method: 'PUT', url: 'Patient/tx-version', ifMatch: 'W/"9"' } },
    ]));
    expectOutcome(res, 412, 'conflict');
    expectOutcome(await fhir.read('Patient/tx-version-new'), 404, 'not-found');
  });

  it('resolves conditional references and conditional creates; 412 when a reference matches none', async () => {
    const sys = system();
    const existing = (await fhir.create('Patient', { resourceType: 'Patient', identifier: [{ system: sys, value: 'known' }] })).json();
    const res = await post(bundle('transaction', [
      { fullUrl: 'urn:uuid:44444444-4444-4444-8444-444444444444', resource: { resourceType: 'Patient', identifier: [{ system: sys, value: 'known' }] }, request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${sys}|known` } },
      { resource: { resourceType: 'Observation', status: 'final', code: { text: 'a' }, subject: { reference: 'urn:uuid:44444444-4444-4444-8444-444444444444' } }, request: { method: 'POST', url: 'Observation' } },
      { resource: { resourceType: 'Observation', status: 'final', code: { text: 'b' }, subject: { reference: `Patient?identifier=${sys}|known` } }, request: { method: 'POST', url: 'Observation' } },
    ]));
    expect(res.statusCode, res.body).toBe(200);
    const [cond, a, b] = res.json().entry;
    expect(cond.response.status).toBe('200 OK');
    expect(cond.resource.id).toBe(existing.id);
    expect(a.resource.subject.reference).toBe(`Patient/${existing.id}`);
    expect(b.resource.subject.reference).toBe(`Patient/${existing.id}`);

    const none = await post(bundle('transaction', [
      { resource: { resourceType: 'Observation', status: 'final', code: { text: 'c' }, subject: { reference: `Patient?identifier=${sys}|unknown` } }, request: { method: 'POST', url: 'Observation' } },
    ]));
    expectOutcome(none, 412);
  });

  it('PATCH entries carry a Binary JSON Patch; touching one resource twice is 400', async () => {
    await fhir.update('Patient/tx-patch', { resourceType: 'Patient', id: 'tx-patch', active: false });
    const data = Buffer.from(JSON.stringify([{ op: 'replace', path: '/active', value: true }])).toString('base64');
    const res = await post(bundle('transaction', [
      { resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data }, request: { method: 'PATCH', url: 'Patient/tx-patch' } },
    ]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().entry[0].resource).toMatchObject({ active: true, meta: { versionId: '2' } });
    const twice = await post(bundle('transaction', [
      { request: { method: 'DELETE', url: 'Patient/tx-patch' } },
      { resource: { resourceType: 'Patient', id: 'tx-patch' }, request: { method: 'PUT', url: 'Patient/tx-patch' } },
    ]));
    expectOutcome(twice, 400, 'invalid');
  });
});

describe('batch', () => {
  it('runs every entry on its own: failures are reported per entry, successes stay', async () => {
    const res = await post(bundle('batch', [
      { resource: { resourceType: 'Patient', active: true }, request: { method: 'POST', url: 'Patient' } },
      { resource: { resourceType: 'Patient', birthDate: 'bad' }, request: { method: 'POST', url: 'Patient' } },
      { request: { method: 'GET', url: 'Patient/does-not-exist' } },
      { request: { method: 'GET', url: 'Patient?_count=1' } },
      { request: { method: 'TRACE', url: 'Patient' } },
    ]));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.type).toBe('batch-response');
    const [ok, invalid, missing, search, bad] = body.entry;
    expect(ok.response.status).toBe('201 Created');
    expect((await fhir.read(`Patient/${ok.resource.id}`)).statusCode).toBe(200);
    expect(invalid.response.status).toBe('400 Bad Request');
    expect(invalid.response.outcome.issue[0].expression).toEqual(['Patient.birthDate']);
    expect(missing.response.status).toBe('404 Not Found');
    expect(search.resource).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(bad.response.status).toBe('400 Bad Request');
  });

  it('checks authorization per entry', async () => {
    const reader = fhirClient(t, await fhirAppToken(t, 'FHIR Data Reader'));
    const created = (await fhir.create('Patient', { resourceType: 'Patient' })).json();
    const res = await reader.request({ method: 'POST', path: '', body: bundle('batch', [
      { request: { method: 'GET', url: `Patient/${created.id}` } },
      { resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } },
    ]) });
    expect(res.statusCode).toBe(200);
    expect(res.json().entry.map((e: any) => e.response.status)).toEqual(['200 OK', '403 Forbidden']);
    const tx = await reader.request({ method: 'POST', path: '', body: bundle('transaction', [
      { resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } },
    ]) });
    expectOutcome(tx, 403, 'forbidden');
  });

  it('400 for something that is not a batch or transaction Bundle', async () => {
    expectOutcome(await post({ resourceType: 'Patient' }), 400, 'invalid');
    expectOutcome(await post(bundle('collection', [])), 400, 'invalid');
    expectOutcome(await post(bundle('transaction', [{ request: { method: 'POST', url: '' }, resource: { resourceType: 'Bundle', type: 'batch' } }])), 400);
  });
});
