/**
 * Every way a certificate client assertion is refused, each with Entra's AADSTS code, OAuth error and status
 * (entra-protocol.md §3.6, §5). Time-dependent cases move an injected clock instead of sleeping.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../src/lib/clock.js';
import { makeCertificate, type TestCertificate } from './support/certificates.js';
import { addCertificate, clientAssertion, JWT_BEARER, tokenEndpoint } from './support/client-assertions.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { CLI_CLIENT_ID, createConfidentialClient, expectStsError, postToken, type TestClient } from './support/sts.js';

const DAY = 24 * 3600 * 1000;

describe('token endpoint: refused certificate client assertions', () => {
  let t: TestApp;
  let c: TestClient;
  let cert: TestCertificate;
  let nowMs = Date.now();
  const clock: Clock = { now: () => new Date(nowMs) };
  beforeAll(async () => {
    t = await buildTestApp({}, { clock });
    c = await createConfidentialClient(t);
    cert = makeCertificate({ notBefore: new Date(nowMs - DAY), days: 30 });
    await addCertificate(t, c.objectId, cert);
  });
  afterAll(async () => t?.close());

  const now = () => Math.floor(nowMs / 1000);
  const sign = (o: Partial<Parameters<typeof clientAssertion>[0]> = {}) =>
    clientAssertion({ cert, clientId: c.appId, aud: tokenEndpoint(t), now: now(), ...o });
  const post = (assertion: string, extra: Record<string, string> = {}) => postToken(t, {
    grant_type: 'client_credentials', client_id: c.appId, scope: `${t.fhirUrl}/.default`,
    client_assertion_type: JWT_BEARER, client_assertion: assertion, ...extra,
  });

  it('50027 for an assertion that is not a JWT', async () => {
    expectStsError(await post('a.b.c'), 400, 'invalid_request', 50027);
    expectStsError(await post('not-a-jwt'), 400, 'invalid_request', 50027);
  });

  it('5002730 for alg none, HS256 or ES256; 5002727 for a typ that is not JWT', async () => {
    const claims = { iss: c.appId, sub: c.appId, aud: tokenEndpoint(t), exp: now() + 600 };
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expectStsError(await post(`${b64({ alg: 'none', x5t: cert.thumbprintSha1 })}.${b64(claims)}.`), 400, 'invalid_request', 5002730);
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', x5t: cert.thumbprintSha1 }).sign(Buffer.alloc(32, 1));
    expectStsError(await post(hs), 400, 'invalid_request', 5002730);
    const ec = makeCertificate({ curve: 'P-256' });
    expectStsError(await post(await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', x5t: ec.thumbprintSha1 }).sign(ec.privateKey)), 400, 'invalid_request', 5002730);
    expectStsError(await post(await sign({ header: { typ: 'at+jwt' } })), 400, 'invalid_request', 5002727);
  });

  it('50048 when sub is not iss, 700021 when neither names the client', async () => {
    const other = crypto.randomUUID();
    expectStsError(await post(await sign({ claims: { sub: other } })), 401, 'invalid_client', 50048);
    expectStsError(await post(await sign({ claims: { iss: other } })), 401, 'invalid_client', 50048);
    const body = expectStsError(await post(await sign({ claims: { iss: other, sub: other } })), 401, 'invalid_client', 700021);
    expect(body.error_description).toContain("Client assertion application identifier doesn't match 'client_id' parameter.");
  });

  it('700023 for an audience that is not this tenant\'s token endpoint; 50027 for an array', async () => {
    for (const aud of [
      tokenEndpoint(t, crypto.randomUUID()), tokenEndpoint(t, 'common'), `${t.publicUrl}/${t.tenantId}/v2.0`,
      `https://login.microsoftonline.com/${t.tenantId}/oauth2/v2.0/token`, `${t.publicUrl}/${t.tenantId}/oauth2/v2.0/authorize`,
    ]) {
      const body = expectStsError(await post(await sign({ aud })), 401, 'invalid_client', 700023);
      expect(body.error_description).toContain('Client assertion audience claim does not match Realm issuer.');
    }
    expectStsError(await post(await sign({ claims: { aud: [tokenEndpoint(t)] } })), 400, 'invalid_request', 50027);
  });

  it('700027 for an unregistered certificate, naming its thumbprint', async () => {
    const stranger = makeCertificate({ notBefore: new Date(nowMs - DAY) });
    const body = expectStsError(await post(await sign({ cert: stranger, alg: 'RS256' })), 401, 'invalid_client', 700027);
    expect(body.error_description).toContain(`[Reason - The key was not found., Thumbprint of key used by client: '${stranger.thumbprintSha1Hex}'`);
    expect(body.error_description).toContain(`configured keys for app Id '${c.appId}'`);
    // x5c alone with an unregistered certificate is just as unknown.
    expectStsError(await post(await sign({ cert: stranger, replaceHeader: true, header: { x5c: [stranger.base64] } })), 401, 'invalid_client', 700027);
  });

  it('700027 for a bad signature: another key, or an x5c that is not the named certificate', async () => {
    const stranger = makeCertificate({ notBefore: new Date(nowMs - DAY) });
    const body = expectStsError(await post(await sign({ signWith: stranger.privateKey })), 401, 'invalid_client', 700027);
    expect(body.error_description).toContain('Client assertion failed signature validation. [Reason - The provided signature value did not match');
    expect(body.error_description).toMatch(/Found key 'Start=\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d, End=/);
    const swapped = expectStsError(await post(await sign({ header: { x5c: [stranger.base64] } })), 401, 'invalid_client', 700027);
    expect(swapped.error_description).toContain('x5c');
  });

  it('700024 outside nbf/exp (five minutes of skew allowed), and without exp', async () => {
    const expired = expectStsError(await post(await sign({ now: now() - 1200 })), 401, 'invalid_client', 700024);
    expect(expired.error_description).toMatch(/Client assertion is not within its valid time range\. Current time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z, assertion valid from .*\.0000000Z, expiry time of assertion/);
    expectStsError(await post(await sign({ now: now() + 400 })), 401, 'invalid_client', 700024);
    const noExp = expectStsError(await post(await sign({ claims: { exp: undefined } })), 401, 'invalid_client', 700024);
    expect(noExp.error_description).toContain('expiry time of assertion 1970-01-01T00:00:00.0000000Z');
    // Within the skew either way it passes.
    expect((await post(await sign({ now: now() + 200 }))).statusCode).toBe(200);
    expect((await post(await sign({ now: now() - 600 - 200 }))).statusCode).toBe(200);
  });

  it('700027 when the registered certificate has expired or has not started at the time of use', async () => {
    const saved = nowMs;
    try {
      nowMs = saved + 40 * DAY;
      const late = expectStsError(await post(await sign()), 401, 'invalid_client', 700027);
      expect(late.error_description).toContain('[Reason - The key used is expired.');
      nowMs = saved - 2 * DAY;
      const early = expectStsError(await post(await sign()), 401, 'invalid_client', 700027);
      expect(early.error_description).toContain('[Reason - The key used is not yet valid.');
    } finally {
      nowMs = saved;
    }
  });

  it('90023 for a secret and an assertion together; 900144 for a missing or wrong assertion type', async () => {
    expectStsError(await post(await sign(), { client_secret: c.secret }), 400, 'invalid_request', 90023);
    const assertion = await sign();
    expectStsError(await postToken(t, {
      grant_type: 'client_credentials', client_id: c.appId, scope: `${t.fhirUrl}/.default`, client_assertion: assertion,
    }), 400, 'invalid_request', 900144);
    expectStsError(await post(assertion, { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' }), 400, 'invalid_request', 900144);
  });

  it('700025 for a public client without credentials that sends an assertion', async () => {
    const assertion = await clientAssertion({ cert, clientId: CLI_CLIENT_ID, aud: tokenEndpoint(t), now: now() });
    expectStsError(await postToken(t, {
      grant_type: 'client_credentials', client_id: CLI_CLIENT_ID, scope: `${t.fhirUrl}/.default`, client_assertion_type: JWT_BEARER, client_assertion: assertion,
    }), 401, 'invalid_client', 700025);
  });

  it('700027 for an app with no certificate at all', async () => {
    const bare = await createConfidentialClient(t);
    const assertion = await clientAssertion({ cert, clientId: bare.appId, aud: tokenEndpoint(t), now: now() });
    expectStsError(await postToken(t, {
      grant_type: 'client_credentials', client_id: bare.appId, scope: `${t.fhirUrl}/.default`, client_assertion_type: JWT_BEARER, client_assertion: assertion,
    }), 401, 'invalid_client', 700027);
  });
});
