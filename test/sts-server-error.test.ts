/** An unexpected failure is a generic 500 server_error in the STS shape, with nothing internal in it. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/server.js';
import { expectStsError, postToken } from './support/sts.js';

describe('STS unexpected errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.app.close();
    fs.rmSync(t.config.dataDir, { recursive: true, force: true });
  });

  it('answers 500 server_error AADSTS50000 without internals when the database is gone', async () => {
    await t.store.close();
    const res = await postToken(t, { grant_type: 'client_credentials', client_id: crypto.randomUUID(), client_secret: 'x', scope: 'api://x/.default' });
    const body = expectStsError(res, 500, 'server_error', 50000);
    expect(body.error_description).toMatch(/^AADSTS50000: There was an error issuing a token or an issue with our sign-in service\.\r\nTrace ID: /);
    expect(res.body).not.toMatch(/sqlite|kysely|driver|stack|at .*\.ts/i);
  });
});
