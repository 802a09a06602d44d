import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from './store.js';
import { storeContract } from './store.contract.js';

storeContract('embedded SQLite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-store-'));
  return {
    store: await Store.open({ dataDir }),
    reopen: () => Store.open({ dataDir }),
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
});
