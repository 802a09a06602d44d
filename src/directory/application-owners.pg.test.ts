import { createTestDatabase } from '../../test/support/postgres.js';
import { Store } from '../store/store.js';
import { applicationOwnersContract } from './application-owners.contract.js';

applicationOwnersContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  return { store: await Store.open({ databaseUrl: db.url, dataDir: '/nonexistent' }), cleanup: () => db.drop() };
});
