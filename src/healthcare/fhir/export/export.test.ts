import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../../store/store.js';
import { exportContract } from './export.contract.js';

exportContract('embedded SQLite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-export-'));
  return {
    store: await Store.open({ dataDir }),
    reopen: () => Store.open({ dataDir }),
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
});
