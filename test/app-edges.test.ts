/** Requests no surface owns still get a clear 4xx in the family of the path they aimed at. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/server.js';

describe('edges of the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('answers an undecodable Graph URL with an OData error', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1.0/applications/%zz' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BadRequest');
    expect(res.body).not.toContain('%zz');
  });

  it('answers an undecodable STS URL with an AADSTS error', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/%zz/oauth2/v2.0/token' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error_codes).toEqual([90023]);
  });

  it('answers an unknown path with a JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/no/such/thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('not_found');
  });
});
