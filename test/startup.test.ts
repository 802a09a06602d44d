import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './support/server.js';

function get(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https.get(url, { ca }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('start-up', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('serves /health over HTTPS with the development CA', async () => {
    const res = await get(`${server.publicUrl}/health`, server.caPem);
    expect(res.status).toBe(200);
  });

  it('creates the default tenant, admin and FHIR service on first start', async () => {
    expect(server.fhirUrl).toBe(`${server.publicUrl}/fhir/local-fhir`);
    const admin = await server.directory.users.getByUpn(server.first.tenant.id, 'admin@entrada.test');
    expect(admin).toBeDefined();
    const assignments = await server.directory.healthcare.roleAssignments(server.first.tenant.id, server.fhirUrl);
    expect(assignments.map((a) => [a.principalId, a.roleDefinitionName])).toEqual([[admin!.id, 'FHIR Data Contributor']]);
  });
});
