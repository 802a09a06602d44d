/**
 * Client secrets over time at the token endpoint: not yet started, valid, expired, and several side by side for
 * rotation with overlap. An injected clock moves time; nothing sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../src/lib/clock.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { createConfidentialClient, expectStsError, postToken, type TestClient } from './support/sts.js';

const DAY = 24 * 3600 * 1000;

describe('token endpoint: secret lifecycle', () => {
  let t: TestApp;
  let c: TestClient;
  const start = Date.parse('2030-01-01T00:00:00Z');
  let nowMs = start;
  const clock: Clock = { now: () => new Date(nowMs) };
  beforeAll(async () => {
    t = await buildTestApp({}, { clock });
    c = await createConfidentialClient(t);
  });
  afterAll(async () => t?.close());

  const token = (secret: string) => postToken(t, {
    grant_type: 'client_credentials', client_id: c.appId, client_secret: secret, scope: `${t.fhirUrl}/.default`,
  });
  const at = (ms: number) => {
    nowMs = ms;
  };
  const add = async (from: number, days: number) => (await t.directory.passwordCredentials.add(t.tenantId, c.objectId, {
    startDateTime: new Date(from).toISOString(), endDateTime: new Date(from + days * DAY).toISOString(),
  })).secretText!;

  it('rotates with overlap: old and new both work while both are valid, then only the new one', async () => {
    at(start);
    const old = await add(start, 90);
    const next = await add(start + 60 * DAY, 180);
    expect((await token(old)).statusCode).toBe(200);
    // The new secret is not valid yet: Entra says "expired keys" (7000222) for a known secret outside its window.
    const early = expectStsError(await token(next), 401, 'invalid_client', 7000222);
    expect(early.error_description).toContain(`The provided client secret keys for app '${c.appId}' are expired.`);

    at(start + 70 * DAY);
    expect((await token(old)).statusCode).toBe(200);
    expect((await token(next)).statusCode).toBe(200);
    expect((await token(c.secret)).statusCode).toBe(200); // the two-year default one, beside them

    at(start + 95 * DAY);
    expectStsError(await token(old), 401, 'invalid_client', 7000222);
    expect((await token(next)).statusCode).toBe(200);
  });

  it('the validity window is half-open: valid from its start instant, expired at its end instant', async () => {
    at(start);
    const s = await add(start + DAY, 1);
    at(start + DAY - 1);
    expectStsError(await token(s), 401, 'invalid_client', 7000222);
    at(start + DAY);
    expect((await token(s)).statusCode).toBe(200);
    at(start + 2 * DAY - 1);
    expect((await token(s)).statusCode).toBe(200);
    at(start + 2 * DAY);
    expectStsError(await token(s), 401, 'invalid_client', 7000222);
  });

  it('a wrong secret stays 7000215 whatever the others are doing', async () => {
    at(start);
    expectStsError(await token('nope'.repeat(10)), 401, 'invalid_client', 7000215);
  });
});
