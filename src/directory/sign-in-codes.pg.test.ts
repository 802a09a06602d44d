import { createTestDatabase } from '../../test/support/postgres.js';
import { Store } from '../store/store.js';
import { signInCodesContract } from './sign-in-codes.contract.js';

signInCodesContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  return { store: await Store.open({ databaseUrl: db.url, dataDir: '/nonexistent' }), cleanup: () => db.drop() };
});
