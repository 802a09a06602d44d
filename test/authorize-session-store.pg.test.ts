import { Store } from '../src/store/store.js';
import { sessionStoreContract } from './authorize-session-store.contract.js';
import { createTestDatabase } from './support/postgres.js';

sessionStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  return { store: await Store.open({ databaseUrl: db.url, dataDir: '/nonexistent' }), cleanup: () => db.drop() };
});
