import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../../store/store.js';
import { fhirRepositoryContract } from './fhir-repository.contract.js';

fhirRepositoryContract('embedded SQLite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-fhir-'));
  return { store: await Store.open({ dataDir }), cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
});
