/**
 * The verifier against real tokens from our token service. Refusals are produced without minting valid tokens:
 * by changing what the verifier trusts (public URL, tenants, key ring, clock), by tampering, or by signing
 * with a key that is not ours.
 */
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/server.js';
import { appToken, GRAPH_APPLICATION_READWRITE_ALL, userToken } from '../../test/support/tokens.js';
import type { KeyRing } from '../directory/signing-keys.js';
import { GRAPH_APP_ID } from '../directory/first-party.js';
import { AccessTokenError, AccessTokenVerifier, type AccessTokenVerifierOptions } from './access-token-verifier.js';

const GRAPH = ['https://graph.microsoft.com', GRAPH_APP_ID];

describe('AccessTokenVerifier', () => {
  let t: TestApp;
  let token: string;
  const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

  const verifier = (overrides: Partial<AccessTokenVerifierOptions> = {}) => new AccessTokenVerifier({
    keyRing: () => t.directory.signingKeys.keyRing(),
    resolveTenant: (id) => t.directory.tenants.resolve(id),
    publicUrl: () => t.publicUrl,
    clock,
    ...overrides,
  });

  const refusal = async (v: AccessTokenVerifier, tok: string | undefined, audiences = GRAPH): Promise<AccessTokenError> => {
    const err = await v.verify(tok, audiences).then(() => undefined, (e: unknown) => e);
    if (!(err instanceof AccessTokenError)) throw new Error(`expected an AccessTokenError, got ${String(err)}`);
    return err;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    token = await userToken(t);
  });
  afterAll(async () => t?.close());

  it('turns a delegated token into a user caller', async () => {
    const admin = (await t.directory.users.getByUpn(t.tenantId, `admin@${t.domain}`))!;
    const caller = await verifier().verify(token, GRAPH);
    expect(caller).toMatchObject({
      tenantId: t.tenantId, kind: 'user', oid: admin.id, appId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
      audience: 'https://graph.microsoft.com', version: '1.0', username: `admin@${t.domain}`, name: 'Administrator',
    });
    expect(caller.scopes.has('Application.ReadWrite.All')).toBe(true);
    expect(caller.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it('turns a client-credentials token into an app caller with its roles', async () => {
    const app = await t.directory.applications.create(t.tenantId, { displayName: 'verifier daemon' });
    const { secretText } = await t.directory.passwordCredentials.add(t.tenantId, app.id, {});
    const sp = await t.directory.servicePrincipals.create(t.tenantId, { appId: app.appId });
    const graph = (await t.directory.servicePrincipals.get(t.tenantId, GRAPH_APP_ID, 'appId'))!;
    await t.directory.appRoleAssignments.create(t.tenantId, { principalId: sp.id, resourceId: graph.id, appRoleId: GRAPH_APPLICATION_READWRITE_ALL });
    const caller = await verifier().verify(await appToken(t, app.appId, secretText!), GRAPH);
    expect(caller).toMatchObject({ kind: 'app', oid: sp.id, appId: app.appId, tenantId: t.tenantId });
    expect([...caller.roles]).toEqual(['Application.ReadWrite.All']);
    expect(caller.scopes.size).toBe(0);
  });

  it('verifies the signature once per token, then answers from its cache', async () => {
    const ring = await t.directory.signingKeys.keyRing();
    let lookups = 0;
    const counting: KeyRing = { ...ring, byKid: new Proxy(ring.byKid, {
      get(target, prop) {
        if (prop === 'get') lookups++;
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) };
    const v = verifier({ keyRing: async () => counting });
    await v.verify(token, GRAPH);
    await v.verify(token, GRAPH);
    await v.verify(token, GRAPH);
    expect(lookups).toBe(1);
    // Audience is still checked on a cached token.
    expect((await refusal(v, token, ['api://other'])).reason).toBe('audience');
  });

  it('refuses a missing, malformed or tampered token', async () => {
    const v = verifier();
    expect(await refusal(v, undefined)).toMatchObject({ reason: 'missing', message: 'Access token is empty.' });
    expect(await refusal(v, '')).toMatchObject({ reason: 'missing' });
    for (const bad of ['garbage', 'a.b', 'a.b.c.d', `${'a'.repeat(20_000)}.b.c`, 'eyJhbGciOiJSUzI1NiJ9.e30.']) {
      expect(['malformed', 'signature']).toContain((await refusal(v, bad)).reason);
    }
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const raised = Buffer.from(JSON.stringify({ ...claims, scp: `${claims.scp} Everything.All` })).toString('base64url');
    expect((await refusal(v, `${h}.${raised}.${s}`)).reason).toBe('signature');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(['malformed', 'signature']).toContain((await refusal(v, `${none}.${p}.x`)).reason);
    const hs = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: JSON.parse(Buffer.from(h, 'base64url').toString()).kid })).toString('base64url');
    expect((await refusal(v, `${hs}.${p}.${s}`)).reason).toBe('signature');
  });

  it('refuses a token signed by a key that is not in the ring, even one claiming our kid', async () => {
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: header.kid }).sign(privateKey);
    expect((await refusal(verifier(), forged)).reason).toBe('signature');
  });

  it('drops a cached token when its key leaves the ring', async () => {
    const ring = await t.directory.signingKeys.keyRing();
    let current: KeyRing = ring;
    const v = verifier({ keyRing: async () => current });
    await v.verify(token, GRAPH);
    current = { ...ring, published: [], byKid: new Map() };
    expect((await refusal(v, token)).reason).toBe('signature');
  });

  it('refuses an issuer that is not ours or a tenant that does not exist', async () => {
    expect(await refusal(verifier({ publicUrl: () => 'https://elsewhere.example' }), token))
      .toMatchObject({ reason: 'issuer', message: 'Access token validation failure. Invalid issuer.' });
    expect((await refusal(verifier({ resolveTenant: async () => undefined }), token)).reason).toBe('issuer');
  });

  it('allows five minutes of clock skew, and no more', async () => {
    const v = verifier();
    const exp = (await v.verify(token, GRAPH)).expiresAt * 1000;
    clock.offsetMs = exp - Date.now() + 4 * 60_000;
    try {
      await expect(v.verify(token, GRAPH)).resolves.toBeDefined();
      clock.offsetMs = exp - Date.now() + 6 * 60_000;
      expect(await refusal(v, token)).toMatchObject({ reason: 'expired', message: 'Lifetime validation failed, the token is expired.' });
      // Issued "in the future" as seen by a clock far behind.
      clock.offsetMs = -60 * 60_000;
      expect((await refusal(verifier(), token)).reason).toBe('not_yet_valid');
    } finally {
      clock.offsetMs = 0;
    }
  });
});
