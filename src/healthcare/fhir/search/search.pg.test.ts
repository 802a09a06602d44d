import { createTestDatabase } from '../../../../test/support/postgres.js';
import { Store } from '../../../store/store.js';
import { searchContract } from './search.contract.js';

searchContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  return { store: await Store.open({ databaseUrl: db.url, dataDir: '/nonexistent' }), cleanup: () => db.drop() };
});
