import { createTestDatabase } from '../../../../test/support/postgres.js';
import { Store } from '../../../store/store.js';
import { importContract } from './import.contract.js';

importContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  const options = { databaseUrl: db.url, dataDir: '/nonexistent' };
  return { store: await Store.open(options), reopen: () => Store.open(options), cleanup: () => db.drop() };
});
