/** Graph certificate credentials: PATCH keyCredentials, `key` under $select, validation and credential state. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate } from './support/certificates.js';
import { movableClock } from './support/clock.js';
import { expectGraphError, graphClient, type GraphClient } from './support/graph.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { userToken } from './support/tokens.js';

const DAY = 86_400_000;
const STATE = '@entrada.credentialState';

describe('Graph keyCredentials', () => {
  let t: TestApp;
  let admin: GraphClient;
  const clock = movableClock();

  beforeAll(async () => {
    t = await buildTestApp({}, { clock });
    admin = graphClient(t, await userToken(t));
  });
  afterAll(async () => t?.close());

  const newApp = async (body: Record<string, unknown> = {}) => {
    const res = await admin.post('/applications', { displayName: 'cert app', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; appId: string; keyCredentials: any[] };
  };
  const cert = (subject = 'CN=my-app') => ({ type: 'AsymmetricX509Cert', usage: 'Verify', key: makeCertificate({ subject }).base64 });

  it('gives an application its first certificate with PATCH; key only under $select on one object', async () => {
    const app = await newApp();
    expect(app.keyCredentials).toEqual([]);
    const c = makeCertificate({ subject: 'CN=my-app', days: 200 });
    const patched = await admin.patch(`/applications/${app.id}`, { keyCredentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', key: c.base64 }] });
    expect(patched.statusCode, patched.body).toBe(204);

    const [shown] = (await admin.get(`/applications/${app.id}`)).json().keyCredentials;
    expect(shown).toEqual({
      customKeyIdentifier: Buffer.from(c.thumbprintSha1Hex, 'hex').toString('base64'), displayName: 'CN=my-app',
      endDateTime: expect.any(String), key: null, keyId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      startDateTime: expect.any(String), type: 'AsymmetricX509Cert', usage: 'Verify', [STATE]: 'active',
    });
    expect(Date.parse(shown.endDateTime) - Date.parse(shown.startDateTime)).toBe(200 * DAY);

    const selected = (await admin.get(`/applications/${app.id}?$select=keyCredentials`)).json();
    expect(Object.keys(selected)).toEqual(['@odata.context', 'keyCredentials']);
    expect(selected.keyCredentials[0]).toMatchObject({ keyId: shown.keyId, key: c.base64 });
    expect((await admin.get(`/applications(appId='${app.appId}')?$select=displayName,keyCredentials`)).json().keyCredentials[0].key).toBe(c.base64);
    // Never in a collection, never without the explicit $select.
    const listed = (await admin.get(`/applications?$filter=appId eq '${app.appId}'&$select=keyCredentials`)).json();
    expect(listed.value[0].keyCredentials[0].key).toBeNull();
    expect((await admin.get(`/applications/${app.id}?$select=displayName`)).json().keyCredentials).toBeUndefined();
  });

  it('replaces the set on PATCH; entries naming an existing keyId without key keep theirs', async () => {
    const app = await newApp({ keyCredentials: [{ ...cert('CN=first'), displayName: 'first cert' }] });
    const [first] = app.keyCredentials;
    expect(first).toMatchObject({ displayName: 'first cert', [STATE]: 'active' });

    const pem = makeCertificate({ subject: 'CN=second' });
    expect((await admin.patch(`/applications/${app.id}`, { keyCredentials: [{ keyId: first.keyId }, { type: 'AsymmetricX509Cert', usage: 'Verify', key: pem.certPem }] })).statusCode).toBe(204);
    let keys = (await admin.get(`/applications/${app.id}`)).json().keyCredentials;
    expect(keys.map((k: any) => k.displayName)).toEqual(['first cert', 'CN=second']);

    // What a client read, annotations and all, can be sent back with one more certificate.
    const third = { ...cert('CN=third'), key: Buffer.from(makeCertificate({ subject: 'CN=third' }).certPem).toString('base64') };
    expect((await admin.patch(`/applications/${app.id}`, { keyCredentials: [...keys, third] })).statusCode).toBe(204);
    keys = (await admin.get(`/applications/${app.id}`)).json().keyCredentials;
    expect(keys.map((k: any) => k.displayName)).toEqual(['first cert', 'CN=second', 'CN=third']);

    expect((await admin.patch(`/applications/${app.id}`, { keyCredentials: [keys[2]] })).statusCode).toBe(204);
    expect((await admin.get(`/applications/${app.id}`)).json().keyCredentials.map((k: any) => k.keyId)).toEqual([keys[2].keyId]);
    expect((await admin.patch(`/applications/${app.id}`, { keyCredentials: [] })).statusCode).toBe(204);
    expect((await admin.get(`/applications/${app.id}`)).json().keyCredentials).toEqual([]);
  });

  it('refuses unusable certificates with a clear Graph error and changes nothing', async () => {
    const app = await newApp({ keyCredentials: [cert('CN=kept')] });
    const kept = app.keyCredentials[0];
    const c = makeCertificate();
    const refuse = async (keyCredentials: unknown, message: RegExp) => {
      const res = await admin.patch(`/applications/${app.id}`, { displayName: 'must not be applied', keyCredentials });
      const error = expectGraphError(res, 400, 'Request_BadRequest', message);
      expect(error.details?.[0]?.code).toBe('InvalidValue');
    };
    await refuse([{ ...cert(), key: c.keyPem }], /private key/);
    await refuse([{ ...cert(), key: makeCertificate({ bits: 1024 }).base64 }], /1024 bits; at least 2048/);
    await refuse([{ ...cert(), key: makeCertificate({ notBefore: new Date(Date.now() - 30 * DAY), days: 10 }).base64 }], /expired on/);
    await refuse([{ ...cert(), key: makeCertificate({ notBefore: new Date(Date.now() + 3 * DAY) }).base64 }], /not valid yet/);
    await refuse([{ ...cert(), key: 'bm90IGEgY2VydGlmaWNhdGU=' }], /Expected an X\.509 certificate/);
    await refuse([{ ...cert(), usage: 'Sign', type: 'X509CertAndPassword' }], /SAML token-signing/);
    await refuse([{ ...cert(), usage: 'Encrypt' }], /Encrypt/);
    await refuse([{ ...cert(), type: 'Symmetric' }], /AsymmetricX509Cert/);
    await refuse([{ type: 'AsymmetricX509Cert', usage: 'Verify' }], /certificate is required/);
    await refuse([{ keyId: crypto.randomUUID() }], /no key credential with keyId/);
    await refuse([{ ...cert(), key: c.base64 }, { ...cert(), key: c.certPem }], /already has the certificate with thumbprint/);
    await refuse([{ keyId: kept.keyId }, { keyId: kept.keyId, ...cert() }], /already exists/);
    await refuse([{ ...cert(), colour: 'blue' }], /'colour' does not exist on type 'microsoft.graph.keyCredential'/);
    await refuse([{ ...cert(), keyId: 'not-a-guid' }], /keyId must be a GUID/);
    await refuse('certificate', /keyCredentials/);
    const after = (await admin.get(`/applications/${app.id}`)).json();
    expect(after.displayName).toBe('cert app');
    expect(after.keyCredentials.map((k: any) => k.keyId)).toEqual([kept.keyId]);
  });

  it('refuses a key id that another application already uses', async () => {
    const one = await newApp({ keyCredentials: [cert()] });
    const two = await newApp();
    expectGraphError(await admin.patch(`/applications/${two.id}`, { keyCredentials: [{ ...cert(), keyId: one.keyCredentials[0].keyId }] }),
      400, 'Request_BadRequest', /keyId .* already exists/);
  });

  it('annotates every credential with its state, by the clock', async () => {
    const app = await newApp({ keyCredentials: [{ ...cert(), key: makeCertificate({ days: 365 }).base64 }] });
    const soon = new Date(clock.now().getTime() + 20 * DAY).toISOString();
    const secret = await admin.post(`/applications/${app.id}/addPassword`, { passwordCredential: { endDateTime: soon } });
    expect(secret.json()[STATE]).toBe('expiringSoon');
    const shown = (await admin.get(`/applications/${app.id}`)).json();
    expect(shown.passwordCredentials[0][STATE]).toBe('expiringSoon');
    expect(shown.keyCredentials[0][STATE]).toBe('active');

    clock.offsetMs = 350 * DAY;
    try {
      const later = graphClient(t, await userToken(t));
      const mid = (await later.get(`/applications?$filter=appId eq '${app.appId}'`)).json().value[0];
      expect(mid.passwordCredentials[0][STATE]).toBe('expired');
      expect(mid.keyCredentials[0][STATE]).toBe('expiringSoon');
      clock.offsetMs = 400 * DAY;
      const end = (await graphClient(t, await userToken(t)).get(`/applications/${app.id}`)).json();
      expect(end.keyCredentials[0][STATE]).toBe('expired');
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('deletes an application\'s certificates and federated credentials with it', async () => {
    const app = await newApp({ keyCredentials: [cert()] });
    const fic = await admin.post(`/applications/${app.id}/federatedIdentityCredentials`, {
      name: 'ci-main', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:o/r:ref:refs/heads/main',
    });
    expect(fic.statusCode).toBe(201);
    expect((await admin.delete(`/applications/${app.id}`)).statusCode).toBe(204);
    const scope = t.store.tenant(t.tenantId);
    expect(await scope.selectFrom('key_credentials').selectAll().where('application_id', '=', app.id).execute()).toEqual([]);
    expect(await scope.selectFrom('federated_identity_credentials').selectAll().where('application_id', '=', app.id).execute()).toEqual([]);
  });
});
