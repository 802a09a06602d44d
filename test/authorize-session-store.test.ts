import fs from 'node:fs';
import { Store } from '../src/store/store.js';
import { sessionStoreContract } from './authorize-session-store.contract.js';
import { tempDir } from './support/server.js';

sessionStoreContract('SQLite', async () => {
  const dataDir = tempDir();
  return { store: await Store.open({ dataDir }), cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
});
