/** FHIR REST: read, vread, create, update (upsert), delete, history — versions, headers, Prefer and the errors of each. */
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

const patient = (extra: Record<string, unknown> = {}) => ({ resourceType: 'Patient', name: [{ family: 'Doe', given: ['Jane'] }], ...extra });

async function createPatient(extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await fhir.create('Patient', patient(extra));
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('create', () => {
  it('assigns an id, version 1, and answers 201 with ETag, Last-Modified and Location', async () => {
    const res = await fhir.create('Patient', patient({ id: 'client-chosen' }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
    expect(body.id).not.toBe('client-chosen');
    expect(body.meta.versionId).toBe('1');
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.headers.location).toBe(`${t.fhirUrl}/Patient/${body.id}/_history/1`);
    expect(new Date(String(res.headers['last-modified'])).toUTCString()).toBe(new Date(body.meta.lastUpdated).toUTCString());
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
  });

  it('honours Prefer: return=minimal and return=OperationOutcome', async () => {
    const minimal = await fhir.create('Patient', patient(), { prefer: 'return=minimal' });
    expect(minimal.statusCode).toBe(201);
    expect(minimal.body).toBe('');
    expect(minimal.headers.location).toMatch(/\/Patient\/[^/]+\/_history\/1$/);
    const outcome = await fhir.create('Patient', patient(), { prefer: 'return=OperationOutcome' });
    expect(outcome.statusCode).toBe(201);
    expect(outcome.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'information' }] });
  });

  it('refuses a resource that does not conform to R4, naming the failing paths', async () => {
    const res = await fhir.create('Patient', { resourceType: 'Patient', birthDate: 'yesterday', name: { family: 'x' }, unknownField: 1 });
    const outcome = expectOutcome(res, 400);
    const paths = outcome.issue.flatMap((i) => i.expression ?? []);
    expect(paths).toEqual(expect.arrayContaining(['Patient.birthDate', 'Patient.name', 'Patient.unknownField']));
    expect(outcome.issue.every((i) => typeof i.diagnostics === 'string')).toBe(true);
  });

  it('refuses a missing required element, a body of another type, an unknown type and a non-resource', async () => {
    expect(expectOutcome(await fhir.create('Observation', { resourceType: 'Observation' }), 400).issue.flatMap((i) => i.expression))
      .toEqual(expect.arrayContaining(['Observation.status', 'Observation.code']));
    expectOutcome(await fhir.create('Patient', { resourceType: 'Observation', status: 'final', code: { text: 'x' } }), 400, 'invalid');
    expectOutcome(await fhir.create('Patient', { resourceType: 'Unicorn' }), 400, 'invalid');
    expectOutcome(await fhir.create('Patient', [1, 2]), 400, 'invalid');
    expectOutcome(await fhir.request({ method: 'POST', path: 'Patient' }), 400);
  });

  it('answers 404 not-supported for a resource type R4 does not have', async () => {
    expectOutcome(await fhir.create('Unicorn', { resourceType: 'Unicorn' }), 404, 'not-supported');
    expectOutcome(await fhir.read('patient/1'), 404, 'not-supported');
  });
});

describe('read and vread', () => {
  it('reads the current version with ETag and Last-Modified, and 304 for If-None-Match of that version', async () => {
    const created = await createPatient();
    const res = await fhir.read(`Patient/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(created);
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.headers['last-modified']).toBe(new Date(created.meta.lastUpdated).toUTCString());
    expect((await fhir.read(`Patient/${created.id}`, { 'if-none-match': 'W/"1"' })).statusCode).toBe(304);
  });

  it('If-Modified-Since: 304 when unchanged since, 200 when changed after', async () => {
    const created = await createPatient();
    const at = new Date(created.meta.lastUpdated);
    expect((await fhir.read(`Patient/${created.id}`, { 'if-modified-since': at.toUTCString() })).statusCode).toBe(304);
    const before = new Date(at.getTime() - 60_000).toUTCString();
    expect((await fhir.read(`Patient/${created.id}`, { 'if-modified-since': before })).statusCode).toBe(200);
  });

  it('_summary and _elements cut the resource down and mark it SUBSETTED', async () => {
    const created = await createPatient({ birthDate: '1990-01-01', gender: 'female' });
    const elements = (await fhir.read(`Patient/${created.id}?_elements=birthDate`)).json();
    expect(elements.birthDate).toBe('1990-01-01');
    expect(elements.name).toBeUndefined();
    expect(elements.meta.tag).toEqual([expect.objectContaining({ code: 'SUBSETTED' })]);
    const summary = (await fhir.read(`Patient/${created.id}/_history/1?_summary=true`)).json();
    expect(summary).toMatchObject({ gender: 'female', meta: { tag: [expect.objectContaining({ code: 'SUBSETTED' })] } });
    expectOutcome(await fhir.read(`Patient/${created.id}?_summary=maybe`), 400);
  });

  it('404 for an id that never existed, 400 for an id that cannot exist', async () => {
    expectOutcome(await fhir.read('Patient/does-not-exist'), 404, 'not-found');
    expectOutcome(await fhir.read(`Patient/${'x'.repeat(65)}`), 400, 'invalid');
  });

  it('vreads each version; an unknown version is 404', async () => {
    const created = await createPatient();
    await fhir.update(`Patient/${created.id}`, { ...patient({ active: true }), id: created.id });
    const v1 = await fhir.read(`Patient/${created.id}/_history/1`);
    expect(v1.statusCode).toBe(200);
    expect(v1.json().active).toBeUndefined();
    expect(v1.headers.etag).toBe('W/"1"');
    const v2 = await fhir.read(`Patient/${created.id}/_history/2`);
    expect(v2.json()).toMatchObject({ active: true, meta: { versionId: '2' } });
    expectOutcome(await fhir.read(`Patient/${created.id}/_history/3`), 404, 'not-found');
    expectOutcome(await fhir.read(`Patient/${created.id}/_history/abc`), 404, 'not-found');
  });

  it('sends _pretty=true indented and accepts _format=json', async () => {
    const created = await createPatient();
    const pretty = await fhir.read(`Patient/${created.id}?_pretty=true&_format=json`);
    expect(pretty.statusCode).toBe(200);
    expect(pretty.body).toContain('\n  "resourceType": "Patient"');
    expect(pretty.json()).toEqual(created);
  });
});

describe('update', () => {
  it('makes a new version (200) and creates with the client id when absent (201)', async () => {
    const created = await createPatient();
    const res = await fhir.update(`Patient/${created.id}`, { ...patient({ gender: 'female' }), id: created.id });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('W/"2"');
    expect(res.headers.location).toBe(`${t.fhirUrl}/Patient/${created.id}/_history/2`);
    expect(res.json()).toMatchObject({ gender: 'female', meta: { versionId: '2' } });

    const upsert = await fhir.update('Patient/my-own-id', { ...patient(), id: 'my-own-id' });
    expect(upsert.statusCode).toBe(201);
    expect(upsert.json()).toMatchObject({ id: 'my-own-id', meta: { versionId: '1' } });
    expect((await fhir.read('Patient/my-own-id')).statusCode).toBe(200);
  });

  it('400 when the body id is missing or differs from the URL id', async () => {
    expectOutcome(await fhir.update('Patient/a1', patient()), 400, 'invalid');
    const mismatch = expectOutcome(await fhir.update('Patient/a1', { ...patient(), id: 'b2' }), 400, 'invalid');
    expect(mismatch.issue[0]!.expression).toEqual(['Patient.id']);
  });

  it('If-Match: applies on the current version, 412 on another', async () => {
    const created = await createPatient();
    const ok = await fhir.update(`Patient/${created.id}`, { ...patient(), id: created.id }, { 'if-match': 'W/"1"' });
    expect(ok.statusCode).toBe(200);
    const stale = await fhir.update(`Patient/${created.id}`, { ...patient(), id: created.id }, { 'if-match': 'W/"1"' });
    expectOutcome(stale, 412, 'conflict');
    expectOutcome(await fhir.update(`Patient/${created.id}`, { ...patient(), id: created.id }, { 'if-match': 'garbage' }), 400);
    expect((await fhir.read(`Patient/${created.id}`)).headers.etag).toBe('W/"2"');
  });
});

describe('delete', () => {
  it('soft delete: 204, then read is 410 Gone, history keeps every version', async () => {
    const created = await createPatient();
    const del = await fhir.remove(`Patient/${created.id}`);
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expectOutcome(await fhir.read(`Patient/${created.id}`), 410, 'deleted');
    expect((await fhir.read(`Patient/${created.id}/_history/1`)).statusCode).toBe(200);
    const history = (await fhir.read(`Patient/${created.id}/_history`)).json();
    expect(history.total).toBe(2);
    expect(history.entry[0]).toMatchObject({ request: { method: 'DELETE' }, response: { status: '204' } });
    expect(history.entry[0].resource).toBeUndefined();
    expect((await fhir.remove('Patient/never-was')).statusCode).toBe(204);
  });

  it('hardDelete=true removes the resource and its history', async () => {
    const created = await createPatient();
    expect((await fhir.remove(`Patient/${created.id}?hardDelete=true`)).statusCode).toBe(204);
    expectOutcome(await fhir.read(`Patient/${created.id}`), 404, 'not-found');
    expectOutcome(await fhir.read(`Patient/${created.id}/_history/1`), 404, 'not-found');
  });

  it('a writer may soft delete but not hard delete', async () => {
    const writer = fhirClient(t, await fhirAppToken(t, 'FHIR Data Writer'));
    const created = await createPatient();
    expectOutcome(await writer.remove(`Patient/${created.id}?hardDelete=true`), 403, 'forbidden');
    expect((await writer.remove(`Patient/${created.id}`)).statusCode).toBe(204);
  });
});

describe('history', () => {
  it('instance, type and system history, newest first, paged with _count, filtered by _since', async () => {
    const created = await createPatient();
    for (let i = 0; i < 3; i++) await fhir.update(`Patient/${created.id}`, { ...patient({ birthDate: `199${i}` }), id: created.id });
    const page1 = (await fhir.read(`Patient/${created.id}/_history?_count=2`)).json();
    expect(page1).toMatchObject({ resourceType: 'Bundle', type: 'history', total: 4 });
    expect(page1.entry.map((e: any) => e.resource.meta.versionId)).toEqual(['4', '3']);
    const next = page1.link.find((l: any) => l.relation === 'next').url as string;
    expect(next.startsWith(`${t.fhirUrl}/Patient/${created.id}/_history?`)).toBe(true);
    const page2 = (await fhir.read(next.slice(t.fhirUrl.length + 1))).json();
    expect(page2.entry.map((e: any) => e.resource.meta.versionId)).toEqual(['2', '1']);
    expect(page2.link.some((l: any) => l.relation === 'next')).toBe(false);
    expect(page2.entry[1]).toMatchObject({ request: { method: 'POST', url: 'Patient' }, response: { status: '201', etag: 'W/"1"' } });

    const v3 = page1.entry[1].resource.meta.lastUpdated as string;
    const since = (await fhir.read(`Patient/${created.id}/_history?_since=${encodeURIComponent(v3)}`)).json();
    expect(since.entry.map((e: any) => e.resource.meta.versionId)).toEqual(['4', '3']);

    const typeHistory = (await fhir.read('Patient/_history?_count=1')).json();
    expect(typeHistory.total).toBeGreaterThanOrEqual(4);
    expect(typeHistory.entry).toHaveLength(1);
    const org = await fhir.create('Organization', { resourceType: 'Organization', name: 'Acme' });
    const system = (await fhir.read('_history?_count=1')).json();
    expect(system.entry[0].resource).toMatchObject({ resourceType: 'Organization', id: org.json().id });
  });

  it('404 for the history of a resource that never existed; 400 for bad paging values', async () => {
    expectOutcome(await fhir.read('Patient/nobody/_history'), 404, 'not-found');
    expectOutcome(await fhir.read('Patient/_history?_count=abc'), 400);
    expectOutcome(await fhir.read('Patient/_history?_since=not-a-date'), 400);
  });
});
