/** FHIR REST search interactions as HTTP: GET [type]?…, POST [type]/_search, system search with _type, and HEAD. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutcome, fhirAppToken, fhirClient, type FhirClient } from './support/fhir-rest.js';
import { buildTestApp, type TestApp } from './support/server.js';

let t: TestApp;
let fhir: FhirClient;
const system = `urn:test:${crypto.randomUUID()}`;
let patientId: string;

beforeAll(async () => {
  t = await buildTestApp();
  fhir = fhirClient(t, await fhirAppToken(t));
  patientId = (await fhir.create('Patient', { resourceType: 'Patient', identifier: [{ system, value: 'p' }], name: [{ family: 'Searchable' }] })).json().id;
  await fhir.create('Organization', { resourceType: 'Organization', identifier: [{ system, value: 'o' }], name: 'Searchable Org' });
});
afterAll(async () => t?.close());

describe('search', () => {
  it('GET [type]?params answers a searchset whose self link is the service URL with the query (format params left out)', async () => {
    const res = await fhir.read(`Patient?identifier=${encodeURIComponent(`${system}|p`)}&_pretty=true&_format=json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    const bundle = res.json();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(bundle.entry.map((e: any) => e.resource.id)).toEqual([patientId]);
    const self = bundle.link.find((l: any) => l.relation === 'self').url as string;
    expect(self.startsWith(`${t.fhirUrl}/Patient?`)).toBe(true);
    expect(self).not.toContain('_pretty');
    expect(self).not.toContain('_format');
  });

  it('POST [type]/_search with a form body finds the same, query and body combined', async () => {
    const res = await fhir.request({
      method: 'POST', path: 'Patient/_search?family=Searchable',
      payload: new URLSearchParams({ identifier: `${system}|p` }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().entry.map((e: any) => e.resource.id)).toEqual([patientId]);
    expectOutcome(await fhir.request({ method: 'GET', path: 'Patient/_search' }), 405, 'not-supported');
  });

  it('system search: GET [base]?_type=… across types', async () => {
    const res = await fhir.read(`?_type=Patient,Organization&identifier=${encodeURIComponent(system)}%7C`);
    expect(res.statusCode, res.body).toBe(200);
    const types = res.json().entry.map((e: any) => e.resource.resourceType).sort();
    expect(types).toEqual(['Organization', 'Patient']);
  });

  it('Prefer: handling=strict turns an unknown parameter into a 400; lenient ignores it', async () => {
    expect((await fhir.read('Patient?no-such-param=1')).statusCode).toBe(200);
    expectOutcome(await fhir.read('Patient?no-such-param=1', { prefer: 'handling=strict' }), 400);
  });

  it('a reader may search; a token without a role may not', async () => {
    const reader = fhirClient(t, await fhirAppToken(t, 'FHIR Data Converter'));
    expectOutcome(await reader.read('Patient'), 403, 'forbidden');
    const r = fhirClient(t, await fhirAppToken(t, 'FHIR Data Reader'));
    expect((await r.read(`Patient?_id=${patientId}`)).json().entry).toHaveLength(1);
  });
});

describe('Patient compartment search', () => {
  it('GET Patient/[id]/[type] finds what refers to the patient; /* across types; other patients see none', async () => {
    const obs = (await fhir.create('Observation', { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: `Patient/${patientId}` } })).json();
    await fhir.create('Observation', { resourceType: 'Observation', status: 'final', code: { text: 'y' } });
    const res = await fhir.read(`Patient/${patientId}/Observation`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().entry.map((e: any) => e.resource.id)).toEqual([obs.id]);
    expect(res.json().link[0].url).toBe(`${t.fhirUrl}/Patient/${patientId}/Observation`);
    const all = (await fhir.read(`Patient/${patientId}/*`)).json();
    expect(all.entry.map((e: any) => e.resource.resourceType).sort()).toEqual(['Observation', 'Patient']);
    expect((await fhir.read('Patient/someone-else/Observation')).json().entry ?? []).toEqual([]);
    expectOutcome(await fhir.request({ method: 'POST', path: `Patient/${patientId}/Observation`, body: {} }), 405, 'not-supported');
    expectOutcome(await fhir.read(`Encounter/x/Observation`), 404, 'not-supported');
  });
});

describe('HEAD', () => {
  it('answers the headers of a read without a body', async () => {
    const res = await fhir.request({ method: 'HEAD', path: `Patient/${patientId}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.body).toBe('');
  });
});
