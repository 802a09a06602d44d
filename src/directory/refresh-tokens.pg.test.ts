import { createTestDatabase } from '../../test/support/postgres.js';
import { Store } from '../store/store.js';
import { refreshTokensContract } from './refresh-tokens.contract.js';

refreshTokensContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  return { store: await Store.open({ databaseUrl: db.url, dataDir: '/nonexistent' }), cleanup: () => db.drop() };
});
