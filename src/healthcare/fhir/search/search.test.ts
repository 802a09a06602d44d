import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../../store/store.js';
import { searchContract } from './search.contract.js';

searchContract('embedded SQLite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-search-'));
  return { store: await Store.open({ dataDir }), cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
});
