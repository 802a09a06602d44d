import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server that PostgreSQL tests use (scripts/with-postgres.sh sets it), or undefined to skip them. */
export function postgresUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database on the TEST_DATABASE_URL server, so that each test file has its own schema to
 * migrate and tests can run in parallel; `drop()` removes it even if the code under test left connections open.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = postgresUrl();
  if (!adminUrl) {
    throw new Error('TEST_DATABASE_URL is not set: run PostgreSQL tests with scripts/with-postgres.sh npm run test:pg');
  }
  // Only [0-9a-f] in the name, so interpolating it into SQL is safe.
  const name = `entrada_test_${randomBytes(8).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await withAdmin(adminUrl, async (c) => {
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        // DROP DATABASE waits a few seconds for the terminated backends to go.
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
      });
    },
  };
}
