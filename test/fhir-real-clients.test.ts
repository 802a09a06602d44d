/**
 * The FHIR service against real client libraries over real HTTPS: MSAL Node and Azure Identity get tokens for
 * `{fhirUrl}/.default`, and fhir-kit-client does CRUD, JSON Patch, search, history, batch and a transaction.
 * The script (test/fixtures/fhir-real-clients.mjs) runs in a child process that trusts the development CA the
 * way users are told to (NODE_EXTRA_CA_CERTS). Apps are registered as a user registers one: an application with
 * a secret and a service principal holding a FHIR data-plane role on the service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRealClientFixture, scenarioValue } from './support/real-client.js';
import { startTestServer } from './support/server.js';

type Result<T = any> = { ok: true; value: T } | { ok: false; error: { message: string; status?: number; data?: any } };

function decode(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
}

describe('FHIR with real clients over HTTPS', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let results: Record<string, Result>;
  let writer: { appId: string; spId: string };

  beforeAll(async () => {
    server = await startTestServer();
    const tenantId = server.first.tenant.id;
    const register = async (displayName: string, role: string) => {
      const app = await server.directory.applications.create(tenantId, { displayName });
      const secret = (await server.directory.passwordCredentials.add(tenantId, app.id, { displayName: 'fhir' })).secretText!;
      const sp = await server.directory.servicePrincipals.create(tenantId, { appId: app.appId });
      await server.directory.healthcare.assignRole(tenantId, { principalId: sp.id, principalType: 'ServicePrincipal', role, scope: server.fhirUrl! });
      return { appId: app.appId, spId: sp.id, secret };
    };
    const contributor = await register('fhir real client', 'FHIR Data Contributor');
    const reader = await register('fhir real reader', 'FHIR Data Reader');
    writer = contributor;
    const input = { publicUrl: server.publicUrl, tenantId, fhirUrl: server.fhirUrl, writer: contributor, reader };
    results = await runRealClientFixture('fhir-real-clients.mjs', server.caCertPath!, 'FHIR_REAL_CLIENTS_INPUT', input, 90_000);
  }, 120_000);
  afterAll(async () => server?.close());

  const value = (name: string) => scenarioValue(results, name);
  const failure = (name: string) => {
    const r = results[name]!;
    if (r.ok) throw new Error(`${name} succeeded: ${JSON.stringify(r.value).slice(0, 300)}`);
    return r.error;
  };

  it('MSAL Node and Azure Identity get v1 tokens whose audience is the FHIR service URL', () => {
    for (const name of ['msalToken', 'identityToken']) {
      expect(decode(value(name))).toMatchObject({ aud: server.fhirUrl, appid: writer.appId, oid: writer.spId, ver: '1.0' });
    }
  });

  it('fhir-kit-client reads the CapabilityStatement, creates, reads, updates and patches a Patient', () => {
    expect(value('metadata')).toBe('4.0.1');
    const created = value('create');
    expect(created).toMatchObject({ resourceType: 'Patient', meta: { versionId: '1' }, name: [{ family: 'Client' }] });
    expect(value('read')).toMatchObject({ id: created.id, birthDate: '1975-04-02' });
    expect(value('update')).toMatchObject({ id: created.id, gender: 'female', meta: { versionId: '2' } });
    expect(value('patch')).toMatchObject({ id: created.id, birthDate: '1975-04-03', gender: 'female', meta: { versionId: '3' } });
    expect(value('vread')).toMatchObject({ id: created.id, meta: { versionId: '1' } });
    expect(value('vread').gender).toBeUndefined();
  });

  it('searches by identifier and lists the history newest first', () => {
    const id = value('create').id;
    expect(value('search')).toMatchObject({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { id } }] });
    const history = value('history');
    expect(history).toMatchObject({ resourceType: 'Bundle', type: 'history' });
    expect(history.entry.map((e: any) => e.resource.meta.versionId)).toEqual(['3', '2', '1']);
  });

  it('runs a transaction with its urn:uuid reference rewritten, and a batch that reports each entry', () => {
    const tx = value('transaction');
    expect(tx.type).toBe('transaction-response');
    expect(tx.entry.map((e: any) => e.response.status)).toEqual(['201 Created', '201 Created']);
    const patientId = /Patient\/([^/]+)/.exec(tx.entry[0].response.location)![1];
    expect(value('transactionObservation').subject.reference).toBe(`Patient/${patientId}`);
    const batch = value('batch');
    expect(batch.type).toBe('batch-response');
    expect(batch.entry[0].response.status).toMatch(/^200/);
    expect(batch.entry[1].response.status).toMatch(/^404/);
  });

  it('deletes, after which a read is 410 Gone', () => {
    expect(results.delete!.ok).toBe(true);
    expect(failure('readDeleted').status).toBe(410);
  });

  it('an Azure Identity token works the same', () => {
    expect(value('identitySearch')).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(value('identitySearch').entry.length).toBeGreaterThan(0);
  });

  it('a FHIR Data Reader may search but not create (403 forbidden)', () => {
    expect(value('readerSearch')).toMatchObject({ resourceType: 'Bundle' });
    const refused = failure('readerCreate');
    expect(refused.status).toBe(403);
    expect(refused.data).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
  });

  it('no token is 401, and so is a token for another audience (Microsoft Graph)', () => {
    const none = failure('noToken');
    expect(none.status).toBe(401);
    expect(none.data).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
    expect(results.graphToken!.ok).toBe(true);
    expect(failure('graphTokenSearch').status).toBe(401);
  });
});
