import { fhirWritesContract } from './fhir-writes.contract.js';
import { createTestDatabase } from './support/postgres.js';
import { buildTestApp } from './support/server.js';

fhirWritesContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  return { t: await buildTestApp({ databaseUrl: db.url }), cleanup: () => db.drop() };
});
