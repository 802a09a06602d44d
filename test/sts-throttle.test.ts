/** Secret guessing is slowed down after five failures; the right secret is never delayed. */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseForm } from '../src/lib/form.js';
import { stsRoutes } from '../src/sts/routes.js';
import { DEFAULT_THROTTLE } from '../src/sts/throttle.js';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from './support/server.js';
import { createConfidentialClient, expectStsError, type TestClient } from './support/sts.js';

describe('client secret throttling', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let c: TestClient;
  const slept: number[] = [];
  beforeAll(async () => {
    t = await buildTestApp();
    c = await createConfidentialClient(t);
    // The STS alone, as app.ts mounts it, with a delay policy that records instead of sleeping.
    app = Fastify();
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(body as string)));
    await app.register(stsRoutes({ config: t.config, directory: t.directory, publicUrl: () => t.publicUrl },
      { throttle: { ...DEFAULT_THROTTLE, sleep: async (ms) => void slept.push(ms) } }));
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  const post = (secret: string) => app.inject({
    method: 'POST', url: `/${t.tenantId}/oauth2/v2.0/token`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.appId, client_secret: secret, scope: `${t.fhirUrl}/.default` }).toString(),
  });

  it('delays failed answers past the fifth with growing backoff, never the right secret', async () => {
    for (let i = 0; i < 5; i++) expectStsError(await post(`wrong-${i}`), 401, 'invalid_client', 7000215);
    expect(slept).toEqual([]);
    expectStsError(await post('wrong-5'), 401, 'invalid_client', 7000215);
    expectStsError(await post('wrong-6'), 401, 'invalid_client', 7000215);
    expect(slept).toEqual([250, 500]);
    const ok = await post(c.secret);
    expect(ok.statusCode).toBe(200);
    expect(slept).toEqual([250, 500]);
    expectStsError(await post('wrong-7'), 401, 'invalid_client', 7000215);
    expect(slept).toEqual([250, 500, 1000]);
  });

  it('delays wrong passwords per user name the same way', async () => {
    slept.length = 0;
    const ropc = (password: string) => app.inject({
      method: 'POST', url: `/${t.tenantId}/oauth2/v2.0/token`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'password', client_id: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', username: 'admin@entrada.test', password,
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
    });
    for (let i = 0; i < 6; i++) expectStsError(await ropc(`wrong-${i}`), 400, 'invalid_grant', 50126);
    expect(slept).toEqual([250]);
    expect((await ropc(ADMIN_PASSWORD)).statusCode).toBe(200);
    expect(slept).toEqual([250]);
  });
});
