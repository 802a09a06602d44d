import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../../store/store.js';
import { importContract } from './import.contract.js';

importContract('embedded SQLite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-import-db-'));
  return {
    store: await Store.open({ dataDir }),
    reopen: () => Store.open({ dataDir }),
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
});
