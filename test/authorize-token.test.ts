/** The code from the authorize pages redeemed at /token (engineer C's grant): the whole interactive flow in-process. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accept, authorizePath, createApp, createUser, newBrowser, signIn } from './support/authorize.js';
import { redirectOf } from './support/browser-less.js';
import { buildTestApp, type TestApp } from './support/server.js';
import { decodeJwt, postToken } from './support/sts.js';

describe('authorize, then /token', () => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(); });
  afterAll(async () => t?.close());

  it('gives a public client a delegated FHIR token for the signed-in user after consent (PKCE S256)', async () => {
    const app = await createApp(t);
    const user = await createUser(t, 'pat');
    const verifier = 'v'.repeat(20) + crypto.randomUUID();
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const browser = newBrowser(t);
    const scope = `${t.fhirUrl}/user_impersonation openid profile offline_access`;
    const consent = await signIn(browser, await browser.open(authorizePath(t.tenantId, {
      client_id: app.appId, response_type: 'code', redirect_uri: 'http://localhost:61000/callback', scope, nonce: 'nn',
      code_challenge: challenge, code_challenge_method: 'S256', client_info: '1',
    })), `pat@${t.domain}`);
    const r = redirectOf(await accept(browser, consent));
    const res = await postToken(t, {
      grant_type: 'authorization_code', client_id: app.appId, code: r.params.get('code')!, redirect_uri: 'http://localhost:61000/callback',
      code_verifier: verifier, scope, client_info: '1',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(decodeJwt(body.access_token).payload).toMatchObject({ aud: t.fhirUrl, scp: 'user_impersonation', oid: user.id, tid: t.tenantId });
    expect(decodeJwt(body.id_token).payload).toMatchObject({ nonce: 'nn', oid: user.id, aud: app.appId });
    expect(body.refresh_token).toBeTruthy();
  });
});
