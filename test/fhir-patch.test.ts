/** FHIR REST patch: JSON Patch (RFC 6902) on the current version, validated, versioned, guarded by If-Match. */
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

const JSON_PATCH = { 'content-type': 'application/json-patch+json' };

async function newPatient(): Promise<string> {
  const res = await fhir.create('Patient', { resourceType: 'Patient', active: false, name: [{ family: 'Doe' }] });
  return res.json().id;
}

function patch(id: string, ops: unknown, headers: Record<string, string> = {}) {
  return fhir.request({ method: 'PATCH', path: `Patient/${id}`, payload: JSON.stringify(ops), headers: { ...JSON_PATCH, ...headers } });
}

describe('PATCH', () => {
  it('applies the operations and stores the result as the next version', async () => {
    const id = await newPatient();
    const res = await patch(id, [
      { op: 'test', path: '/active', value: false },
      { op: 'replace', path: '/active', value: true },
      { op: 'add', path: '/name/0/given', value: ['Jane'] },
      { op: 'add', path: '/birthDate', value: '1980-02-03' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('W/"2"');
    expect(res.json()).toMatchObject({ id, active: true, birthDate: '1980-02-03', name: [{ family: 'Doe', given: ['Jane'] }], meta: { versionId: '2' } });
    const history = (await fhir.read(`Patient/${id}/_history`)).json();
    expect(history.entry[0].request.method).toBe('PATCH');
  });

  it('422 when a test fails or a path is missing; the resource is unchanged', async () => {
    const id = await newPatient();
    expectOutcome(await patch(id, [{ op: 'test', path: '/active', value: true }, { op: 'remove', path: '/name' }]), 422, 'processing');
    expectOutcome(await patch(id, [{ op: 'replace', path: '/gender/x', value: 'female' }]), 422, 'processing');
    expect((await fhir.read(`Patient/${id}`)).json().meta.versionId).toBe('1');
  });

  it('400 for a malformed patch document or a result that is not valid R4 (path named)', async () => {
    const id = await newPatient();
    expectOutcome(await patch(id, { op: 'replace' }), 400, 'invalid');
    expectOutcome(await patch(id, [{ op: 'frobnicate', path: '/active' }]), 400, 'invalid');
    const invalid = expectOutcome(await patch(id, [{ op: 'add', path: '/birthDate', value: 'not a date' }]), 400);
    expect(invalid.issue[0]!.expression).toEqual(['Patient.birthDate']);
    expectOutcome(await patch(id, [{ op: 'replace', path: '/id', value: 'other' }]), 400, 'invalid');
  });

  it('If-Match: 412 on another version', async () => {
    const id = await newPatient();
    expectOutcome(await patch(id, [{ op: 'replace', path: '/active', value: true }], { 'if-match': 'W/"7"' }), 412, 'conflict');
    expect((await patch(id, [{ op: 'replace', path: '/active', value: true }], { 'if-match': 'W/"1"' })).statusCode).toBe(200);
  });

  it('404 for a resource that does not exist, 410 for a deleted one, 415 for another body type', async () => {
    expectOutcome(await patch('nobody', [{ op: 'add', path: '/active', value: true }]), 404, 'not-found');
    const id = await newPatient();
    await fhir.remove(`Patient/${id}`);
    expectOutcome(await patch(id, [{ op: 'add', path: '/active', value: true }]), 410, 'deleted');
    const other = await newPatient();
    expectOutcome(await fhir.request({ method: 'PATCH', path: `Patient/${other}`, body: [{ op: 'add', path: '/active', value: true }] }), 415, 'not-supported');
  });
});
