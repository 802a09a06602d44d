import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../store/store.js';
import { refreshTokensContract } from './refresh-tokens.contract.js';

refreshTokensContract('embedded SQLite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-refresh-'));
  return { store: await Store.open({ dataDir }), cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
});
