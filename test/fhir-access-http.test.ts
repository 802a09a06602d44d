/**
 * Access control as a FHIR client sees it over HTTP: 401 and 403 answers (status, OperationOutcome, challenge
 * header), the anonymous SMART configuration, and a SMART patient confined to its own compartment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FHIR_USER_PROPERTY } from '../src/directory/fhir-user.js';
import { HEALTHCARE_APP_ID } from '../src/directory/first-party.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { createConfidentialClient, grantConsent, postToken } from './support/sts.js';
import { userToken } from './support/tokens.js';

const PASSWORD = 'Clinician-Passw0rd!';

describe('FHIR access over HTTP', () => {
  let t: TestApp;
  let base: string;
  let admin: string;

  const fhir = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, token?: string, body?: unknown) => t.app.inject({
    method, url: `${base}${path}`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/fhir+json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });

  beforeAll(async () => {
    t = await buildTestApp();
    base = new URL(t.fhirUrl).pathname;
    admin = await userToken(t, { scope: `${t.fhirUrl}/.default` });
  });
  afterAll(async () => t?.close());

  it('answers 401 with an OperationOutcome and a Bearer challenge, invalid_token when a token was refused', async () => {
    const none = await fhir('GET', '/Patient');
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(none.headers['www-authenticate']).toBe(`Bearer authorization_uri="${t.publicUrl}/${t.tenantId}/oauth2/authorize", resource_id="${t.fhirUrl}", realm="${t.fhirUrl}"`);
    expect(none.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: 'Authentication failed.' }] });

    const graph = await fhir('GET', '/Patient', await userToken(t));
    expect(graph.statusCode).toBe(401);
    expect(graph.headers['www-authenticate']).toMatch(/, error="invalid_token", error_description="Access token validation failure\. Invalid audience\."$/);
    expect(graph.json().issue[0].code).toBe('login');
  });

  it('answers 403 to a signed-in caller without a FHIR role', async () => {
    await t.directory.users.create(t.tenantId, { userPrincipalName: `outsider@${t.domain}`, displayName: 'Outsider', password: PASSWORD });
    const token = await userToken(t, { username: `outsider@${t.domain}`, password: PASSWORD, scope: `${t.fhirUrl}/.default` });
    const res = await fhir('GET', '/Patient', token);
    expect(res.statusCode).toBe(403);
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'Authorization failed.' }] });
  });

  it('serves the SMART configuration without a token', async () => {
    const res = await fhir('GET', '/.well-known/smart-configuration');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      token_endpoint: `${t.publicUrl}/${t.tenantId}/oauth2/v2.0/token`, code_challenge_methods_supported: ['S256'],
    });
  });

  describe('a SMART patient', () => {
    let patient: string;

    beforeAll(async () => {
      for (const id of ['p1', 'p2']) {
        expect((await fhir('PUT', `/Patient/${id}`, admin, { resourceType: 'Patient', id })).statusCode).toBeLessThan(300);
        const obs = { resourceType: 'Observation', id: `obs-${id}`, status: 'final', code: { text: 'weight' }, subject: { reference: `Patient/${id}` } };
        expect((await fhir('PUT', `/Observation/obs-${id}`, admin, obs)).statusCode).toBeLessThan(300);
      }
      const client = await createConfidentialClient(t, { displayName: 'smart app' });
      const healthcare = (await t.directory.servicePrincipals.get(t.tenantId, HEALTHCARE_APP_ID, 'appId'))!;
      await grantConsent(t, { clientSpId: client.spId, resourceSpId: healthcare.id, scope: 'fhirUser patient.Observation.read patient.Patient.read' });
      const user = await t.directory.users.create(t.tenantId, { userPrincipalName: `p1@${t.domain}`, displayName: 'P One', password: PASSWORD });
      await t.directory.users.update(t.tenantId, user.id, { [FHIR_USER_PROPERTY]: 'Patient/p1' });
      await t.directory.healthcare.assignRole(t.tenantId, { principalId: user.id, principalType: 'User', role: 'FHIR SMART User', scope: t.fhirUrl });
      const res = await postToken(t, {
        grant_type: 'password', client_id: client.appId, client_secret: client.secret, username: `p1@${t.domain}`, password: PASSWORD, scope: `${t.fhirUrl}/.default`,
      });
      patient = res.json().access_token;
    });

    it('reads its own record and observations, and nothing of another patient', async () => {
      expect((await fhir('GET', '/Patient/p1', patient)).statusCode).toBe(200);
      expect((await fhir('GET', '/Observation/obs-p1', patient)).statusCode).toBe(200);
      expect((await fhir('GET', '/Patient/p2', patient)).statusCode).toBe(403);
      expect((await fhir('GET', '/Observation/obs-p2', patient)).statusCode).toBe(403);
    });

    it('writes nothing and reaches no other type', async () => {
      const obs = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/p1' } };
      expect((await fhir('POST', '/Observation', patient, obs)).statusCode).toBe(403);
      expect((await fhir('GET', '/Condition/c1', patient)).statusCode).toBe(403);
      expect((await fhir('DELETE', '/Observation/obs-p1', patient)).statusCode).toBe(403);
    });

    it('with write scopes, writes inside its compartment only, and cannot pull a resource in from outside', async () => {
      const client = await createConfidentialClient(t, { displayName: 'smart writer' });
      const healthcare = (await t.directory.servicePrincipals.get(t.tenantId, HEALTHCARE_APP_ID, 'appId'))!;
      await grantConsent(t, { clientSpId: client.spId, resourceSpId: healthcare.id, scope: 'patient.Observation.read patient.Observation.write' });
      const res = await postToken(t, {
        grant_type: 'password', client_id: client.appId, client_secret: client.secret, username: `p1@${t.domain}`, password: PASSWORD, scope: `${t.fhirUrl}/.default`,
      });
      const writer = res.json().access_token as string;
      const obs = (patientId: string, id?: string) => ({ resourceType: 'Observation', ...(id ? { id } : {}), status: 'final', code: { text: 'bp' }, subject: { reference: `Patient/${patientId}` } });
      expect((await fhir('POST', '/Observation', writer, obs('p1'))).statusCode).toBe(201);
      expect((await fhir('POST', '/Observation', writer, obs('p2'))).statusCode).toBe(403);
      expect((await fhir('PUT', '/Observation/obs-p1', writer, obs('p2', 'obs-p1'))).statusCode).toBe(403);
      expect((await fhir('PUT', '/Observation/obs-p2', writer, obs('p1', 'obs-p2'))).statusCode).toBe(403);
      expect((await fhir('GET', '/Observation/obs-p2', admin)).json().subject.reference).toBe('Patient/p2');
      expect((await fhir('PUT', '/Observation/obs-p1', writer, { ...obs('p1', 'obs-p1'), status: 'amended' })).statusCode).toBe(200);
    });

    it('searches only within its compartment', async () => {
      const res = await fhir('GET', '/Observation', patient);
      expect(res.statusCode).toBe(200);
      const found = (res.json().entry ?? []).map((e: { resource: { id: string; subject: { reference: string } } }) => e.resource);
      expect(found.map((r: { id: string }) => r.id)).toContain('obs-p1');
      expect(found.every((r: { subject: { reference: string } }) => r.subject.reference === 'Patient/p1')).toBe(true);
      const all = await fhir('GET', '/Observation', admin);
      expect(all.json().entry.map((e: { resource: { id: string } }) => e.resource.id)).toContain('obs-p2');
    });

    it('may not probe outside its compartment through chains or _has', async () => {
      const chained = await fhir('GET', '/Observation?subject:Patient._id=p2', patient);
      expect(chained.statusCode).toBe(403);
      expect(chained.json().issue[0].code).toBe('forbidden');
      expect((await fhir('GET', '/Patient?_has:Observation:subject:code=weight', patient)).statusCode).toBe(403);
      expect((await fhir('GET', '/Observation?subject:Patient._id=p2', admin)).json().entry).toHaveLength(1);
    });
  });
});
