/**
 * FHIR REST edges: content negotiation, the public endpoints (CapabilityStatement, health, SMART configuration),
 * routing errors, framework errors as OperationOutcome, authentication, and $validate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FHIR_BODY_LIMIT } from '../src/healthcare/fhir/routes.js';
import { expectOutcome, fhirAppToken, fhirClient, fhirPath, type FhirClient } from './support/fhir-rest.js';
import { buildTestApp, type TestApp } from './support/server.js';

let t: TestApp;
let fhir: FhirClient;
let token: string;

beforeAll(async () => {
  t = await buildTestApp();
  token = await fhirAppToken(t);
  fhir = fhirClient(t, token);
});
afterAll(async () => t?.close());

const patient = { resourceType: 'Patient', active: true };

describe('content types', () => {
  it('takes application/fhir+json and application/json (with charset), answers application/fhir+json', async () => {
    for (const type of ['application/fhir+json', 'application/json', 'application/fhir+json; charset=utf-8', 'application/json;charset=UTF-8']) {
      const res = await fhir.request({ method: 'POST', path: 'Patient', payload: JSON.stringify(patient), headers: { 'content-type': type } });
      expect(res.statusCode, type).toBe(201);
      expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    }
  });

  it('415 OperationOutcome for XML, text and forms where a resource is expected', async () => {
    for (const type of ['application/fhir+xml', 'application/xml', 'text/plain', 'application/x-www-form-urlencoded']) {
      const payload = type.includes('xml') ? '<Patient xmlns="http://hl7.org/fhir"/>' : 'active=true';
      const res = await fhir.request({ method: 'POST', path: 'Patient', payload, headers: { 'content-type': type } });
      if (type === 'application/x-www-form-urlencoded') expectOutcome(res, 400);
      else expectOutcome(res, 415, 'not-supported');
    }
  });

  it('406 when the client wants XML (_format or Accept only XML); */* and JSON accepted', async () => {
    const created = (await fhir.create('Patient', patient)).json();
    expectOutcome(await fhir.read(`Patient/${created.id}?_format=xml`), 406, 'not-supported');
    expectOutcome(await fhir.read(`Patient/${created.id}?_format=application/fhir%2Bxml`), 406, 'not-supported');
    expectOutcome(await fhir.read(`Patient/${created.id}`, { accept: 'application/fhir+xml' }), 406, 'not-supported');
    for (const accept of ['*/*', 'application/fhir+json', 'application/json', 'text/html,application/xhtml+xml,*/*;q=0.8']) {
      expect((await fhir.read(`Patient/${created.id}`, { accept })).statusCode, accept).toBe(200);
    }
    expect((await fhir.read(`Patient/${created.id}?_format=application/fhir%2Bjson`)).statusCode).toBe(200);
  });

  it('400 structure for malformed JSON; 413 too-costly above the FHIR body limit', async () => {
    expectOutcome(await fhir.request({ method: 'POST', path: 'Patient', payload: '{"resourceType":"Patient",' }), 400, 'structure');
    const big = JSON.stringify({ resourceType: 'Patient', text: { status: 'generated', div: `<div>${'x'.repeat(FHIR_BODY_LIMIT)}</div>` } });
    expectOutcome(await fhir.request({ method: 'POST', path: 'Patient', payload: big }), 413, 'too-costly');
  });

  it('a body larger than the app default (1 MB) but under the FHIR limit is accepted', async () => {
    const given = Array.from({ length: 30 }, () => 'x'.repeat(100_000));
    const res = await fhir.create('Patient', { resourceType: 'Patient', name: [{ given }] }, { prefer: 'return=minimal' });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('public endpoints', () => {
  it('GET /metadata without a token: a truthful CapabilityStatement', async () => {
    const res = await fhirClient(t, null).read('metadata');
    expect(res.statusCode).toBe(200);
    const cs = res.json();
    expect(cs).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance', status: 'active' });
    expect(cs.format).toEqual(['application/fhir+json', 'json']);
    expect(cs.implementation.url).toBe(t.fhirUrl);
    const rest = cs.rest[0];
    expect(rest.security.service[0].coding[0].code).toBe('SMART-on-FHIR');
    const oauth = rest.security.extension[0];
    expect(oauth.url).toBe('http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris');
    expect(oauth.extension).toEqual([
      { url: 'authorize', valueUri: `${t.publicUrl}/${t.tenantId}/oauth2/v2.0/authorize` },
      { url: 'token', valueUri: `${t.publicUrl}/${t.tenantId}/oauth2/v2.0/token` },
    ]);
    expect(rest.interaction.map((i: any) => i.code)).toEqual(expect.arrayContaining(['transaction', 'batch', 'search-system', 'history-system']));
    const patientCap = rest.resource.find((r: any) => r.type === 'Patient');
    expect(patientCap).toMatchObject({ versioning: 'versioned', updateCreate: true, conditionalCreate: true, conditionalDelete: 'multiple' });
    expect(patientCap.interaction.map((i: any) => i.code)).toEqual(expect.arrayContaining(['read', 'vread', 'update', 'patch', 'delete', 'create', 'search-type', 'history-instance']));
    expect(patientCap.searchParam.map((p: any) => p.name)).toEqual(expect.arrayContaining(['name', 'birthdate', 'identifier']));
    expect(rest.resource.length).toBeGreaterThan(140);
  });

  it('GET /health/check without a token', async () => {
    const res = await fhirClient(t, null).read('health/check');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ overallStatus: 'Healthy', details: [{ status: 'Healthy' }] });
  });

  it('GET /.well-known/smart-configuration without a token', async () => {
    const res = await fhirClient(t, null).read('.well-known/smart-configuration');
    expect(res.statusCode).toBe(200);
    expect(res.json().token_endpoint).toBe(`${t.publicUrl}/${t.tenantId}/oauth2/v2.0/token`);
  });
});

describe('routing', () => {
  it('404 OperationOutcome for an unknown service, route or operation', async () => {
    expectOutcome(await t.app.inject({ method: 'GET', url: '/fhir/nowhere-none/metadata' }), 404, 'not-found');
    expectOutcome(await fhir.read('Patient/1/_history/1/extra'), 404, 'not-supported');
    expectOutcome(await fhir.read('$no-such-operation'), 404, 'not-supported');
    expectOutcome(await fhir.read('Patient/$no-such-operation'), 404, 'not-supported');
    expectOutcome(await t.app.inject({ method: 'OPTIONS', url: `${fhirPath(t)}/Patient` }), 404, 'not-supported');
  });

  it('405 not-supported for a method the route does not have', async () => {
    expectOutcome(await fhir.request({ method: 'PATCH', path: 'Patient' }), 405, 'not-supported');
    expectOutcome(await fhir.request({ method: 'DELETE', path: '' }), 405, 'not-supported');
    expectOutcome(await fhir.request({ method: 'POST', path: 'Patient/1/_history' }), 405, 'not-supported');
    expectOutcome(await fhir.request({ method: 'POST', path: 'Patient/1', body: patient }), 405, 'not-supported');
    expectOutcome(await fhirClient(t, null).request({ method: 'POST', path: 'metadata', body: patient }), 405, 'not-supported');
    expectOutcome(await fhir.request({ method: 'DELETE', path: '_history' }), 405, 'not-supported');
  });

  it('a URL that cannot be decoded is a 400 OperationOutcome', async () => {
    expectOutcome(await t.app.inject({ method: 'GET', url: `${fhirPath(t)}/Patient/%E0%A4%A` }), 400);
  });
});

describe('authentication and authorization', () => {
  it('401 login with WWW-Authenticate without a token or with a bad one', async () => {
    const none = await fhirClient(t, null).read('Patient/1');
    expectOutcome(none, 401, 'login');
    expect(String(none.headers['www-authenticate'])).toMatch(/^Bearer /);
    expectOutcome(await fhirClient(t, 'not-a-token').read('Patient/1'), 401, 'login');
  });

  it('403 forbidden for a token without a FHIR role, and for a reader writing', async () => {
    const reader = fhirClient(t, await fhirAppToken(t, 'FHIR Data Reader'));
    const created = (await fhir.create('Patient', patient)).json();
    expect((await reader.read(`Patient/${created.id}`)).statusCode).toBe(200);
    expectOutcome(await reader.create('Patient', patient), 403, 'forbidden');
    expectOutcome(await reader.update(`Patient/${created.id}`, { ...patient, id: created.id }), 403, 'forbidden');
    expectOutcome(await reader.remove(`Patient/${created.id}`), 403, 'forbidden');
    expect((await fhir.read(`Patient/${created.id}`)).json().meta.versionId).toBe('1');
  });
});

describe('$validate', () => {
  it('answers 200 with the issues, storing nothing', async () => {
    const ok = await fhir.request({ method: 'POST', path: 'Patient/$validate', body: patient });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'information' }] });
    const bad = await fhir.request({ method: 'POST', path: 'Patient/$validate', body: { resourceType: 'Patient', birthDate: 'soon' } });
    expect(bad.statusCode).toBe(200);
    expect(bad.json().issue[0]).toMatchObject({ severity: 'error', expression: ['Patient.birthDate'] });
    const wrapped = await fhir.request({ method: 'POST', path: 'Patient/$validate', body: { resourceType: 'Parameters', parameter: [{ name: 'resource', resource: patient }] } });
    expect(wrapped.json().issue[0].severity).toBe('information');
  });
});

describe('bad input is never a 5xx', () => {
  const nested = (depth: number) => `{"resourceType":"Patient","extension":[${'{"url":"http://x","extension":['.repeat(depth)}{"url":"http://x","valueString":"a"}${']}'.repeat(depth)}]}`;

  it('JSON nested absurdly deep is 400 structure, in a resource and in a bundle', async () => {
    expectOutcome(await fhir.request({ method: 'POST', path: 'Patient', payload: nested(5000) }), 400, 'structure');
    expectOutcome(await fhir.request({ method: 'POST', path: '', payload: `{"resourceType":"Bundle","type":"batch","x":${'['.repeat(50_000)}${']'.repeat(50_000)}}` }), 400, 'structure');
    expect((await fhir.request({ method: 'POST', path: 'Patient', payload: nested(20) })).statusCode).toBe(201);
  });

  it('a __proto__ key, a non-string id, null bundle entries and bad entry conditions are 400s', async () => {
    expectOutcome(await fhir.request({ method: 'POST', path: 'Patient', payload: '{"resourceType":"Patient","__proto__":{"x":1}}' }), 400);
    expectOutcome(await fhir.update('Patient/5', { resourceType: 'Patient', id: 5 }), 400, 'invalid');
    expectOutcome(await fhir.request({ method: 'POST', path: '', body: { resourceType: 'Bundle', type: 'transaction', entry: [null] } }), 400, 'invalid');
    const batch = await fhir.request({ method: 'POST', path: '', body: { resourceType: 'Bundle', type: 'batch', entry: [null, 5, { request: null }, { request: { method: 'GET', url: 'Patient', ifNoneMatch: 7 } }] } });
    expect(batch.statusCode).toBe(200);
    expect(batch.json().entry.map((e: any) => e.response.status)).toEqual(['400 Bad Request', '400 Bad Request', '400 Bad Request', '400 Bad Request']);
    const garbage = Buffer.from('[[[[').toString('base64');
    const patch = await fhir.request({ method: 'POST', path: '', body: { resourceType: 'Bundle', type: 'batch', entry: [
      { resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data: garbage }, request: { method: 'PATCH', url: 'Patient/x' } },
    ] } });
    expect(patch.json().entry[0].response.status).toBe('400 Bad Request');
  });

  it('paging values beyond reason are clamped or refused', async () => {
    expect((await fhir.read('_history?_count=99999999999999999999&_offset=99999999999999999999')).statusCode).toBe(200);
    expectOutcome(await fhir.read('_history?_count=-1'), 400);
    expectOutcome(await fhir.read('Patient/abc/_history/99999999999999999999'), 404, 'not-found');
  });
});
