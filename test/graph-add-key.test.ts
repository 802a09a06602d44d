/** Graph addKey/removeKey: rolling certificates with a proof of possession, with real tokens and real signatures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, type TestCertificate } from './support/certificates.js';
import { movableClock } from './support/clock.js';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { keyProof, type ProofOptions } from './support/key-proof.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { createConfidentialClient, type TestClient } from './support/sts.js';
import { appToken, userToken } from './support/tokens.js';

const DAY = 86_400_000;
const MALFORMED = 'Authentication_MissingOrMalformed';

describe('Graph addKey and removeKey', () => {
  let t: TestApp;
  let admin: GraphClient;
  const clock = movableClock();

  beforeAll(async () => {
    t = await buildTestApp({}, { clock });
    admin = graphClient(t, await userToken(t));
  });
  afterAll(async () => t?.close());

  /** An application holding `cert`, and a Graph client signed in as that application itself (no Graph permission). */
  async function selfRolling(cert: TestCertificate): Promise<{ client: TestClient; self: GraphClient }> {
    const client = await createConfidentialClient(t);
    await t.directory.keyCredentials.add(t.tenantId, client.objectId, { key: cert.base64 });
    return { client, self: graphClient(t, await appToken(t, client.appId, client.secret)) };
  }
  const keyCredential = (cert: TestCertificate) => ({ type: 'AsymmetricX509Cert', usage: 'Verify', key: cert.base64 });
  const proofFor = (cert: TestCertificate, objectId: string, options: ProofOptions = {}) => keyProof(cert, objectId, { now: clock.now(), ...options });

  it('lets an application roll its own certificate with nothing but a token of its own', async () => {
    const [oldCert, newCert] = [makeCertificate({ subject: 'CN=old' }), makeCertificate({ subject: 'CN=new' })];
    const { client, self } = await selfRolling(oldCert);
    const added = await self.post(`/applications/${client.objectId}/addKey`, {
      keyCredential: keyCredential(newCert), passwordCredential: null, proof: await proofFor(oldCert, client.objectId),
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({
      '@odata.context': `${t.publicUrl}/v1.0/$metadata#microsoft.graph.keyCredential`, displayName: 'CN=new', key: null,
      type: 'AsymmetricX509Cert', usage: 'Verify', '@entrada.credentialState': 'active',
    });
    const before = (await admin.get(`/applications/${client.objectId}`)).json().keyCredentials;
    expect(before.map((k: any) => k.displayName)).toEqual(['CN=old', 'CN=new']);

    // The new certificate signs the removal of the old one (PS256 with x5t#S256), through the appId alternate key.
    const proof = await proofFor(newCert, client.objectId, { alg: 'PS256', header: { 'x5t#S256': newCert.thumbprintSha256 } });
    const removed = await self.post(`/applications(appId='${client.appId}')/removeKey`, { keyId: before[0].keyId, proof });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await admin.get(`/applications/${client.objectId}`)).json().keyCredentials.map((k: any) => k.displayName)).toEqual(['CN=new']);
  });

  it('finds the signing certificate by x5t, x5t#S256, a hex kid (as .NET sets it), or by trying each', async () => {
    const [a, b] = [makeCertificate(), makeCertificate()];
    const { client, self } = await selfRolling(a);
    await t.directory.keyCredentials.add(t.tenantId, client.objectId, { key: b.base64 });
    for (const header of [{ kid: b.thumbprintSha1Hex }, {}, { kid: b.thumbprintSha1 }, { x5t: b.thumbprintSha1, kid: 'ignored' }]) {
      const next = makeCertificate();
      const res = await self.post(`/applications/${client.objectId}/addKey`, {
        keyCredential: keyCredential(next), passwordCredential: null, proof: await proofFor(b, client.objectId, { header }),
      });
      expect(res.statusCode, `${JSON.stringify(header)}: ${res.body}`).toBe(200);
    }
  });

  it('refuses a proof that is not from a current certificate of this application', async () => {
    const [cert, stranger] = [makeCertificate(), makeCertificate()];
    const { client, self } = await selfRolling(cert);
    const addKey = async (proof: unknown) => self.post(`/applications/${client.objectId}/addKey`, {
      keyCredential: keyCredential(makeCertificate()), passwordCredential: null, proof,
    });
    const now = Math.floor(clock.now().getTime() / 1000);
    const cases: [Promise<string> | string, RegExp][] = [
      [proofFor(stranger, client.objectId), /names a certificate .* that is not one of the application's certificates/],
      [proofFor(stranger, client.objectId, { header: {} }), /signature does not verify/],
      [proofFor(cert, client.objectId, { signWith: stranger }), /signature does not verify/],
      [proofFor(cert, client.objectId, { aud: '00000003-0000-0000-c000-000000000000' }), /aud must be 00000002-0000-0000-c000-000000000000/],
      [proofFor(cert, client.appId), /iss must be the application's object id/],
      [proofFor(cert, client.objectId, { nbf: now - 1800, exp: now - 1200 }), /has expired/],
      [proofFor(cert, client.objectId, { nbf: now + 1800, exp: now + 2000 }), /not valid yet/],
      [proofFor(cert, client.objectId, { nbf: now, exp: now + 3600 }), /at most 10 minutes/],
      ['eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.', /not a signed JWT/],
      ['garbage', /not a signed JWT/],
    ];
    for (const [proof, reason] of cases) {
      const res = await addKey(await proof);
      const error = expectGraphError(res, 401, MALFORMED, /^Access Token missing or malformed\. The proof of possession token is invalid: /);
      expect(error.message).toMatch(reason);
    }
    expectGraphError(await addKey(undefined), 400, 'Request_BadRequest', /'proof'/);
    expect((await admin.get(`/applications/${client.objectId}`)).json().keyCredentials).toHaveLength(1);
  });

  it('sends an application without a valid certificate to PATCH', async () => {
    const client = await createConfidentialClient(t);
    const self = graphClient(t, await appToken(t, client.appId, client.secret));
    const cert = makeCertificate();
    expectGraphError(await self.post(`/applications/${client.objectId}/addKey`, {
      keyCredential: keyCredential(cert), passwordCredential: null, proof: await proofFor(cert, client.objectId),
    }), 400, 'Request_BadRequest', /no currently valid certificate .* PATCH \/applications/);

    // Once its only certificate has expired, the same.
    const short = makeCertificate({ days: 30 });
    await t.directory.keyCredentials.add(t.tenantId, client.objectId, { key: short.base64 });
    clock.offsetMs = 40 * DAY;
    try {
      const later = graphClient(t, await appToken(t, client.appId, client.secret));
      expectGraphError(await later.post(`/applications/${client.objectId}/removeKey`, {
        keyId: crypto.randomUUID(), proof: await proofFor(short, client.objectId),
      }), 400, 'Request_BadRequest', /no currently valid certificate/);
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('needs a token of the application itself, or the rights to change it', async () => {
    const cert = makeCertificate();
    const { client } = await selfRolling(cert);
    const other = await createConfidentialClient(t);
    const otherApp = graphClient(t, await appToken(t, other.appId, other.secret));
    const body = async () => ({ keyCredential: keyCredential(makeCertificate()), passwordCredential: null, proof: await proofFor(cert, client.objectId) });
    expectGraphError(await otherApp.post(`/applications/${client.objectId}/addKey`, await body()), 403, 'Authorization_RequestDenied');
    await t.directory.users.create(t.tenantId, { userPrincipalName: `bob@${t.domain}`, displayName: 'Bob', password: 'B0b-Passw0rd!' });
    const bob = graphClient(t, await userToken(t, { username: `bob@${t.domain}`, password: 'B0b-Passw0rd!' }));
    expectGraphError(await bob.post(`/applications/${client.objectId}/addKey`, await body()), 403, 'Authorization_RequestDenied');
    // An administrator may, still with a proof.
    expect((await admin.post(`/applications/${client.objectId}/addKey`, await body())).statusCode).toBe(200);
    expectGraphError(await admin.post(`/applications/${client.objectId}/addKey`, { ...(await body()), proof: undefined }), 400, 'Request_BadRequest');
  });

  it('checks the new certificate as PATCH does, and the removed key id', async () => {
    const cert = makeCertificate();
    const { client, self } = await selfRolling(cert);
    const addKey = async (extra: Record<string, unknown>) => self.post(`/applications/${client.objectId}/addKey`, {
      keyCredential: keyCredential(makeCertificate()), passwordCredential: null, proof: await proofFor(cert, client.objectId), ...extra,
    });
    expectGraphError(await addKey({ keyCredential: { ...keyCredential(cert), key: cert.keyPem } }), 400, 'Request_BadRequest', /private key/);
    expectGraphError(await addKey({ keyCredential: keyCredential(cert) }), 400, 'Request_BadRequest', /already has the certificate/);
    expectGraphError(await addKey({ keyCredential: { ...keyCredential(makeCertificate()), usage: 'Sign' } }), 400, 'Request_BadRequest', /SAML/);
    expectGraphError(await addKey({ passwordCredential: { secretText: 'x' } }), 400, 'Request_BadRequest', /passwordCredential must be null/);
    expectGraphError(await addKey({ keyCredential: 'x' }), 400, 'Request_BadRequest', /'keyCredential'/);
    const proof = await proofFor(cert, client.objectId);
    expectGraphError(await self.post(`/applications/${client.objectId}/removeKey`, { keyId: crypto.randomUUID(), proof }), 404, 'Request_ResourceNotFound', /No key credential found/);
    expectGraphError(await self.post(`/applications/${client.objectId}/removeKey`, { keyId: 'nope', proof }), 400, 'Request_BadRequest', /'keyId'/);
  });
});
