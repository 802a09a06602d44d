/** FHIR REST conditional interactions: create (If-None-Exist), update and delete by search, with 0, 1 and many matches. */
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

/** A fresh identifier system per test, so matches are counted only among what the test made. */
const newSystem = () => `urn:test:${crypto.randomUUID()}`;
const withId = (system: string, value: string, extra: Record<string, unknown> = {}) =>
  ({ resourceType: 'Patient', identifier: [{ system, value }], ...extra });
const q = (system: string, value: string) => `identifier=${encodeURIComponent(`${system}|${value}`)}`;

async function ids(system: string, value: string): Promise<string[]> {
  const res = await fhir.read(`Patient?${q(system, value)}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().entry ?? []).map((e: any) => e.resource.id).sort();
}

describe('conditional create (If-None-Exist)', () => {
  it('0 matches: creates (201); 1 match: 200 with the existing, nothing created; >1: 412', async () => {
    const sys = newSystem();
    const first = await fhir.create('Patient', withId(sys, 'a'), { 'if-none-exist': q(sys, 'a') });
    expect(first.statusCode).toBe(201);
    const again = await fhir.create('Patient', withId(sys, 'a', { active: true }), { 'if-none-exist': q(sys, 'a') });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().active).toBeUndefined();
    expect(again.headers.etag).toBe('W/"1"');
    expect(await ids(sys, 'a')).toEqual([first.json().id]);

    await fhir.create('Patient', withId(sys, 'a'));
    expectOutcome(await fhir.create('Patient', withId(sys, 'a'), { 'if-none-exist': q(sys, 'a') }), 412);
    expect(await ids(sys, 'a')).toHaveLength(2);
  });

  it('accepts the criteria with a leading Type? and refuses an unknown parameter (400)', async () => {
    const sys = newSystem();
    expect((await fhir.create('Patient', withId(sys, 'b'), { 'if-none-exist': `Patient?${q(sys, 'b')}` })).statusCode).toBe(201);
    expect((await fhir.create('Patient', withId(sys, 'b'), { 'if-none-exist': `Patient?${q(sys, 'b')}` })).statusCode).toBe(200);
    expectOutcome(await fhir.create('Patient', withId(sys, 'b'), { 'if-none-exist': 'no-such-param=1' }), 400);
  });
});

describe('conditional update (PUT [type]?criteria)', () => {
  it('0 matches: creates; 1 match: updates that resource; >1: 412', async () => {
    const sys = newSystem();
    const created = await fhir.update(`Patient?${q(sys, 'c')}`, withId(sys, 'c'));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const updated = await fhir.update(`Patient?${q(sys, 'c')}`, withId(sys, 'c', { active: true }));
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id, active: true, meta: { versionId: '2' } });
    expect(updated.headers.location).toBe(`${t.fhirUrl}/Patient/${id}/_history/2`);

    await fhir.create('Patient', withId(sys, 'c'));
    expectOutcome(await fhir.update(`Patient?${q(sys, 'c')}`, withId(sys, 'c', { active: false })), 412);
  });

  it('0 matches with an id in the body creates with that id; a body id other than the match is 400', async () => {
    const sys = newSystem();
    const own = `cond-${crypto.randomUUID()}`;
    const res = await fhir.update(`Patient?${q(sys, 'd')}`, withId(sys, 'd', { id: own }));
    expect(res.statusCode).toBe(201);
    expect(res.json().id).toBe(own);
    expectOutcome(await fhir.update(`Patient?${q(sys, 'd')}`, withId(sys, 'd', { id: 'someone-else' })), 400, 'invalid');
  });

  it('412 without criteria (it would match everything)', async () => {
    expectOutcome(await fhir.update('Patient', { resourceType: 'Patient' }), 412);
  });
});

describe('conditional delete (DELETE [type]?criteria)', () => {
  it('0 matches: 204; 1 match: deleted; >1 without _count: 412, nothing deleted', async () => {
    const sys = newSystem();
    expect((await fhir.remove(`Patient?${q(sys, 'e')}`)).statusCode).toBe(204);
    const one = (await fhir.create('Patient', withId(sys, 'e'))).json();
    expect((await fhir.remove(`Patient?${q(sys, 'e')}`)).statusCode).toBe(204);
    expectOutcome(await fhir.read(`Patient/${one.id}`), 410, 'deleted');

    await fhir.create('Patient', withId(sys, 'f'));
    await fhir.create('Patient', withId(sys, 'f'));
    expectOutcome(await fhir.remove(`Patient?${q(sys, 'f')}`), 412);
    expect(await ids(sys, 'f')).toHaveLength(2);
  });

  it('deletes several with _count (up to it), refuses more matches than _count, and hard deletes on request', async () => {
    const sys = newSystem();
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await fhir.create('Patient', withId(sys, 'g'))).json().id);
    expectOutcome(await fhir.remove(`Patient?${q(sys, 'g')}&_count=2`), 412);
    expect(await ids(sys, 'g')).toHaveLength(3);
    expect((await fhir.remove(`Patient?${q(sys, 'g')}&_count=3&hardDelete=true`)).statusCode).toBe(204);
    expect(await ids(sys, 'g')).toEqual([]);
    for (const id of made) expectOutcome(await fhir.read(`Patient/${id}/_history/1`), 404, 'not-found');
    expectOutcome(await fhir.remove(`Patient?${q(sys, 'g')}&_count=0`), 400);
    expectOutcome(await fhir.remove(`Patient?${q(sys, 'g')}&_count=101`), 400);
  });
});
