import { fhirWritesContract } from './fhir-writes.contract.js';
import { buildTestApp } from './support/server.js';

fhirWritesContract('embedded SQLite', async () => ({ t: await buildTestApp(), cleanup: async () => {} }));
