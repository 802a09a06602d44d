import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../store/store.js';
import { signInCodesContract } from './sign-in-codes.contract.js';

signInCodesContract('embedded SQLite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-codes-'));
  return { store: await Store.open({ dataDir }), cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
});
