/**
 * The role matrix (entra-protocol.md §6.2): every FHIR data-plane role, and no role, against every interaction,
 * with the status Azure's FHIR service answers. The ordinary roles are service principals calling with
 * client-credentials tokens (one app per role); the SMART User is a user whose fhirUser is Patient/p1, signed in
 * through an app granted `fhirUser patient.all.read` (patient/*.read). Each cell gets its own target resources,
 * made by a Contributor, inside p1's compartment so that only the role decides.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FHIR_USER_PROPERTY } from '../src/directory/fhir-user.js';
import { HEALTHCARE_APP_ID } from '../src/directory/first-party.js';
import { fhirAppToken, fhirClient, type FhirClient } from './support/fhir-rest.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { createConfidentialClient, grantConsent, postToken } from './support/sts.js';

const ROLES = ['Reader', 'Writer', 'Exporter', 'Importer', 'Contributor', 'Converter', 'SMART User', 'none'] as const;
type Role = typeof ROLES[number];
const READERS: Role[] = ['Reader', 'Writer', 'Exporter', 'Importer', 'Contributor', 'SMART User'];
const WRITERS: Role[] = ['Writer', 'Contributor'];

/**
 * interaction → the status when the role allows it, and the roles that it allows; every other role gets 403.
 * batch is judged by its entry (a POST): the batch itself answers 200 to anyone with a role.
 */
const MATRIX: Record<string, { ok: number; allowed: Role[] }> = {
  read: { ok: 200, allowed: READERS },
  vread: { ok: 200, allowed: READERS },
  search: { ok: 200, allowed: READERS },
  history: { ok: 200, allowed: READERS },
  create: { ok: 201, allowed: WRITERS },
  update: { ok: 200, allowed: WRITERS },
  patch: { ok: 200, allowed: WRITERS },
  delete: { ok: 204, allowed: WRITERS },
  hardDelete: { ok: 204, allowed: ['Contributor'] },
  batch: { ok: 201, allowed: WRITERS },
  transaction: { ok: 200, allowed: WRITERS },
  '$export': { ok: 202, allowed: ['Exporter', 'Contributor'] },
  '$import': { ok: 202, allowed: ['Importer', 'Contributor'] },
};

const observation = (id?: string) => ({
  resourceType: 'Observation', ...(id ? { id } : {}), status: 'final', code: { text: 'heart rate' }, subject: { reference: 'Patient/p1' },
});

describe('FHIR role matrix', () => {
  let t: TestApp;
  let admin: FhirClient;
  const clients = new Map<Role, FhirClient>();
  let importUrl: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = fhirClient(t, await fhirAppToken(t, 'FHIR Data Contributor'));
    expect((await admin.update('Patient/p1', { resourceType: 'Patient', id: 'p1' })).statusCode).toBe(201);
    for (const role of ['Reader', 'Writer', 'Exporter', 'Importer', 'Contributor', 'Converter'] as const) {
      clients.set(role, fhirClient(t, await fhirAppToken(t, `FHIR Data ${role}`)));
    }
    const outsider = await createConfidentialClient(t, { displayName: 'fhir no role' });
    const none = await postToken(t, { grant_type: 'client_credentials', client_id: outsider.appId, client_secret: outsider.secret, scope: `${t.fhirUrl}/.default` });
    clients.set('none', fhirClient(t, none.json().access_token));
    clients.set('SMART User', fhirClient(t, await smartPatientToken(t)));

    const importDir = path.join(t.config.dataDir, 'import');
    fs.mkdirSync(importDir, { recursive: true });
    fs.writeFileSync(path.join(importDir, 'matrix.ndjson'), `${JSON.stringify({ resourceType: 'Patient', id: 'imported-1' })}\n`);
    importUrl = pathToFileURL(path.join(importDir, 'matrix.ndjson')).href;
  }, 60_000);
  afterAll(async () => t?.close());

  /** A fresh Observation in p1's compartment, with two versions. */
  async function target(): Promise<string> {
    const res = await admin.create('Observation', observation());
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    expect((await admin.update(`Observation/${id}`, { ...observation(id), status: 'amended' })).statusCode).toBe(200);
    return id;
  }

  const entry = { fullUrl: 'urn:uuid:5b2c3e1a-9d4f-4c1e-8a7b-2f6d0e9c1a3b', resource: observation(), request: { method: 'POST', url: 'Observation' } };
  const INTERACTIONS: Record<string, (c: FhirClient) => Promise<{ status: number; entry?: number }>> = {
    read: async (c) => ({ status: (await c.read(`Observation/${await target()}`)).statusCode }),
    vread: async (c) => ({ status: (await c.read(`Observation/${await target()}/_history/1`)).statusCode }),
    search: async (c) => ({ status: (await c.read('Observation?subject=Patient/p1')).statusCode }),
    history: async (c) => ({ status: (await c.read(`Observation/${await target()}/_history`)).statusCode }),
    create: async (c) => ({ status: (await c.create('Observation', observation())).statusCode }),
    update: async (c) => {
      const id = await target();
      return { status: (await c.update(`Observation/${id}`, { ...observation(id), status: 'corrected' })).statusCode };
    },
    patch: async (c) => {
      const ops = JSON.stringify([{ op: 'replace', path: '/status', value: 'corrected' }]);
      const res = await c.request({ method: 'PATCH', path: `Observation/${await target()}`, payload: ops, headers: { 'content-type': 'application/json-patch+json' } });
      return { status: res.statusCode };
    },
    delete: async (c) => ({ status: (await c.remove(`Observation/${await target()}`)).statusCode }),
    hardDelete: async (c) => ({ status: (await c.remove(`Observation/${await target()}?hardDelete=true`)).statusCode }),
    batch: async (c) => {
      const res = await c.request({ method: 'POST', path: '', body: { resourceType: 'Bundle', type: 'batch', entry: [entry] } });
      return { status: res.statusCode, ...(res.statusCode === 200 ? { entry: Number.parseInt(res.json().entry[0].response.status, 10) } : {}) };
    },
    transaction: async (c) => ({ status: (await c.request({ method: 'POST', path: '', body: { resourceType: 'Bundle', type: 'transaction', entry: [entry] } })).statusCode }),
    '$export': async (c) => ({
      status: (await c.request({ path: '$export?_type=Patient', headers: { accept: 'application/fhir+json', prefer: 'respond-async' } })).statusCode,
    }),
    '$import': async (c) => {
      const body = {
        resourceType: 'Parameters', parameter: [
          { name: 'inputFormat', valueString: 'application/fhir+ndjson' }, { name: 'mode', valueString: 'IncrementalLoad' },
          { name: 'input', part: [{ name: 'type', valueString: 'Patient' }, { name: 'url', valueUri: importUrl }] },
        ],
      };
      return { status: (await c.request({ method: 'POST', path: '$import', body, headers: { prefer: 'respond-async' } })).statusCode };
    },
  };

  for (const [interaction, { ok, allowed }] of Object.entries(MATRIX)) {
    describe(interaction, () => {
      for (const role of ROLES) {
        const expected = allowed.includes(role) ? ok : 403;
        it(`${role} → ${expected}`, async () => {
          const result = await INTERACTIONS[interaction]!(clients.get(role)!);
          if (interaction === 'batch' && role !== 'none') {
            expect(result).toEqual({ status: 200, entry: expected });
          } else {
            expect(result.status).toBe(expected);
          }
        });
      }
    });
  }

  it('$convert-data is not served: 404 for the Converter too', async () => {
    const res = await clients.get('Converter')!.request({ method: 'POST', path: '$convert-data', body: { resourceType: 'Parameters' } });
    expect(res.statusCode).toBe(404);
  });

  it('without a token every interaction is 401', async () => {
    const anonymous = fhirClient(t, null);
    for (const interaction of Object.keys(MATRIX)) {
      expect((await INTERACTIONS[interaction]!(anonymous)).status, interaction).toBe(401);
    }
  });
});

/** A user whose fhirUser is Patient/p1 holding FHIR SMART User, signed in through an app granted patient/*.read. */
async function smartPatientToken(t: TestApp): Promise<string> {
  const password = 'Smart-Patient-Passw0rd!';
  const client = await createConfidentialClient(t, { displayName: 'smart patient app' });
  const healthcare = (await t.directory.servicePrincipals.get(t.tenantId, HEALTHCARE_APP_ID, 'appId'))!;
  await grantConsent(t, { clientSpId: client.spId, resourceSpId: healthcare.id, scope: 'fhirUser launch.patient patient.all.read' });
  const user = await t.directory.users.create(t.tenantId, { userPrincipalName: `smart-p1@${t.domain}`, displayName: 'Patient One', password });
  await t.directory.users.update(t.tenantId, user.id, { [FHIR_USER_PROPERTY]: 'Patient/p1' });
  await t.directory.healthcare.assignRole(t.tenantId, { principalId: user.id, principalType: 'User', role: 'FHIR SMART User', scope: t.fhirUrl });
  const res = await postToken(t, {
    grant_type: 'password', client_id: client.appId, client_secret: client.secret, username: `smart-p1@${t.domain}`, password, scope: `${t.fhirUrl}/.default`,
  });
  if (res.statusCode !== 200) throw new Error(`SMART token: ${res.statusCode} ${res.body}`);
  return res.json().access_token;
}
