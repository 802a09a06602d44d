/**
 * Workload identity federation end to end: an OIDC issuer on loopback HTTPS signs a token, the app trusts it
 * through a federated identity credential, and client_credentials with that token as client_assertion buys an
 * app token. Then every way the exchange is refused, with Entra's codes.
 */
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearIssuerCache, trustIssuerCertificates } from '../src/sts/federation-keys.js';
import { JWT_BEARER } from './support/client-assertions.js';
import { startOidcIssuer, type OidcIssuer } from './support/oidc-issuer.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { createConfidentialClient, decodeJwt, expectStsError, postToken, type TestClient } from './support/sts.js';

const SUBJECT = 'repo:contoso/payments:ref:refs/heads/main';
const EXCHANGE = 'api://AzureADTokenExchange';

describe('token endpoint: federated identity credentials', () => {
  let t: TestApp;
  let issuer: OidcIssuer;
  let c: TestClient;
  beforeAll(async () => {
    issuer = await startOidcIssuer();
    trustIssuerCertificates([issuer.caPem]);
    t = await buildTestApp();
    c = await createConfidentialClient(t);
    await t.directory.federatedCredentials.create(t.tenantId, c.objectId, { name: 'main-branch', issuer: issuer.url, subject: SUBJECT, audiences: [EXCHANGE] });
  });
  afterAll(async () => {
    trustIssuerCertificates([]);
    await t?.close();
    await issuer?.close();
  });

  const exchange = (assertion: string, clientId = c.appId) => postToken(t, {
    grant_type: 'client_credentials', client_id: clientId, scope: `${t.fhirUrl}/.default`, client_assertion_type: JWT_BEARER, client_assertion: assertion,
  });
  const ciToken = (claims: Record<string, unknown> = {}, options: Parameters<OidcIssuer['token']>[1] = {}) =>
    issuer.token({ sub: SUBJECT, aud: EXCHANGE, ...claims }, options);

  it('trades the issuer\'s token for an app token with appidacr "2", fetching discovery and keys once', async () => {
    clearIssuerCache();
    const before = { ...issuer.hits };
    for (let i = 0; i < 3; i++) {
      const res = await exchange(await ciToken());
      expect(res.statusCode, res.body).toBe(200);
      expect(decodeJwt(res.json().access_token).payload).toMatchObject({ aud: t.fhirUrl, appid: c.appId, appidacr: '2', oid: c.spId });
    }
    expect(issuer.hits.discovery - before.discovery).toBe(1);
    expect(issuer.hits.jwks - before.jwks).toBe(1);
  });

  it('accepts ES256 tokens and an aud array that contains the credential\'s audience', async () => {
    expect((await exchange(await ciToken({}, { alg: 'ES256' }))).statusCode).toBe(200);
    expect((await exchange(await ciToken({ aud: ['something-else', EXCHANGE] }))).statusCode).toBe(200);
  });

  it('700211 for an issuer no credential names', async () => {
    const other = await generateKeyPair('RS256');
    const token = await new SignJWT({ iss: 'https://token.actions.githubusercontent.com', sub: SUBJECT, aud: EXCHANGE, exp: Math.floor(Date.now() / 1000) + 600 })
      .setProtectedHeader({ alg: 'RS256', kid: 'x' }).sign(other.privateKey);
    const body = expectStsError(await exchange(token), 401, 'invalid_client', 700211);
    expect(body.error_description).toContain("No matching federated identity record found for presented assertion issuer 'https://token.actions.githubusercontent.com'.");
  });

  it('700213 for another subject, 7002138 when only the letter case differs', async () => {
    const body = expectStsError(await exchange(await ciToken({ sub: 'repo:contoso/payments:ref:refs/heads/dev' })), 401, 'invalid_client', 700213);
    expect(body.error_description).toContain("presented assertion subject 'repo:contoso/payments:ref:refs/heads/dev'");
    expectStsError(await exchange(await ciToken({ sub: SUBJECT.toUpperCase() })), 401, 'invalid_client', 7002138);
  });

  it('700212 for another audience', async () => {
    const body = expectStsError(await exchange(await ciToken({ aud: 'api://AzureADMyOrg' })), 401, 'invalid_client', 700212);
    expect(body.error_description).toContain("presented assertion audience 'api://AzureADMyOrg'");
  });

  it('700024 for an expired token, 7000272 for an unpublished key, 50027 for a bad signature', async () => {
    const old = Math.floor(Date.now() / 1000) - 3600;
    expectStsError(await exchange(await ciToken({}, { now: old })), 401, 'invalid_client', 700024);
    const body = expectStsError(await exchange(await ciToken({}, { kid: 'rotated-away' })), 401, 'invalid_client', 7000272);
    expect(body.error_description).toContain(`The certificate with identifier rotated-away used to sign the federated credential could not be found in the metadata of identity provider ${issuer.url}.`);
    const forger = await generateKeyPair('RS256');
    expectStsError(await exchange(await ciToken({}, { signWith: forger.privateKey })), 400, 'invalid_request', 50027);
  });

  it('5002730 for an HMAC token, 50027 without sub', async () => {
    const hs = await new SignJWT({ iss: issuer.url, sub: SUBJECT, aud: EXCHANGE, exp: Math.floor(Date.now() / 1000) + 600 })
      .setProtectedHeader({ alg: 'HS256' }).sign(Buffer.alloc(32, 2));
    expectStsError(await exchange(hs), 400, 'invalid_request', 5002730);
    expectStsError(await exchange(await ciToken({ sub: undefined })), 400, 'invalid_request', 50027);
  });

  it('50166 when the issuer cannot be reached, and a 4xx, never a 5xx', async () => {
    const down = await createConfidentialClient(t);
    const gone = 'https://localhost:1';
    await t.directory.federatedCredentials.create(t.tenantId, down.objectId, { name: 'gone', issuer: gone, subject: SUBJECT, audiences: [EXCHANGE] });
    const token = await new SignJWT({ iss: gone, sub: SUBJECT, aud: EXCHANGE, exp: Math.floor(Date.now() / 1000) + 600 })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' }).sign((await generateKeyPair('RS256')).privateKey);
    const body = expectStsError(await exchange(token, down.appId), 400, 'invalid_request', 50166);
    expect(body.error_description).toContain('Request to External OIDC endpoint failed.');
  });

  it('700222 for a token this server issued', async () => {
    const own = await postToken(t, { grant_type: 'client_credentials', client_id: c.appId, client_secret: c.secret, scope: `${t.fhirUrl}/.default` });
    expectStsError(await exchange(own.json().access_token), 401, 'invalid_client', 700222);
  });
});
