import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../store/store.js';
import { applicationOwnersContract } from './application-owners.contract.js';

applicationOwnersContract('embedded SQLite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-owners-'));
  return { store: await Store.open({ dataDir }), cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
});
