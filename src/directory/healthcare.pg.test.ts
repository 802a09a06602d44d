import { createTestDatabase } from '../../test/support/postgres.js';
import { Store } from '../store/store.js';
import { healthcareContract } from './healthcare.contract.js';

healthcareContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  return { store: await Store.open({ databaseUrl: db.url, dataDir: '/nonexistent' }), cleanup: () => db.drop() };
});
