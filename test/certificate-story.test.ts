/**
 * Issue 3's story end to end, as a user lives it: the CLI makes a certificate, Azure Identity's
 * ClientCertificateCredential gets a FHIR token with it, the app rotates to a new certificate with addKey (proof
 * signed by the old one), removes the old one with removeKey, and only the new certificate works afterwards.
 */
import { execFile } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate } from './support/certificates.js';
import { cliEnv, cliWith, type Cli } from './support/cli.js';
import { httpsRequest } from './support/https.js';
import { ADMIN_PASSWORD, startTestServer, tempDir } from './support/server.js';

const run = promisify(execFile);
const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'certificate-credential.mjs');

describe('certificate story: create with the CLI, use, rotate with addKey, remove the old one', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let cli: Cli;
  const dir = tempDir();
  beforeAll(async () => {
    server = await startTestServer();
    cli = cliWith(cliEnv(server, dir));
    expect((await cli('login', '-u', 'admin@entrada.test', '-p', ADMIN_PASSWORD)).code).toBe(0);
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function certificateToken(appId: string, pemPath: string, scope: string): Promise<{ ok: boolean; token?: string; message?: string }> {
    const { stdout } = await run(process.execPath, [FIXTURE, server.publicUrl, server.first.tenant.id, appId, pemPath, scope], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: server.caCertPath },
    });
    return JSON.parse(stdout.trim().split('\n').pop()!);
  }

  async function proof(keyPem: string, objectId: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ aud: '00000002-0000-0000-c000-000000000000', iss: objectId, nbf: now, exp: now + 600 })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(createPrivateKey(keyPem));
  }

  it('works from creation to rotation', async () => {
    const app = (await cli('ad', 'app', 'create', '--display-name', 'certificate story')).json();
    expect((await cli('ad', 'sp', 'create', '--id', app.appId)).code).toBe(0);
    const reset = await cli('ad', 'app', 'credential', 'reset', '--id', app.appId, '--create-cert');
    expect(reset.code).toBe(0);
    const oldPem = reset.json().fileWithCertAndPrivateKey as string;
    expect(fs.statSync(oldPem).mode & 0o777).toBe(0o600);

    const fhir = await certificateToken(app.appId, oldPem, `${server.fhirUrl}/.default`);
    expect(fhir.ok).toBe(true);
    expect(decodeJwt(fhir.token!)).toMatchObject({ aud: server.fhirUrl, appid: app.appId, appidacr: '2' });

    // The app rolls its own keys with a Graph token of its own: no Graph permission needed.
    const graph = await certificateToken(app.appId, oldPem, 'https://graph.microsoft.com/.default');
    const headers = { authorization: `Bearer ${graph.token}`, 'content-type': 'application/json' };
    const oldKeyId = (await cli('ad', 'app', 'credential', 'list', '--id', app.appId, '--cert')).json()[0].keyId as string;
    const next = makeCertificate({ subject: 'CN=certificate story next' });
    const added = await httpsRequest(`${server.publicUrl}/v1.0/applications/${app.id}/addKey`, {
      method: 'POST', headers, ca: server.caPem,
      body: JSON.stringify({ keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: next.base64 }, passwordCredential: null,
        proof: await proof(fs.readFileSync(oldPem, 'utf8'), app.id) }),
    });
    expect(added.status).toBe(200);
    const nextPem = path.join(dir, 'next.pem');
    fs.writeFileSync(nextPem, next.keyPem + next.certPem, { mode: 0o600 });
    expect((await certificateToken(app.appId, nextPem, `${server.fhirUrl}/.default`)).ok).toBe(true);

    const removed = await httpsRequest(`${server.publicUrl}/v1.0/applications/${app.id}/removeKey`, {
      method: 'POST', headers, ca: server.caPem, body: JSON.stringify({ keyId: oldKeyId, proof: await proof(next.keyPem, app.id) }),
    });
    expect(removed.status).toBe(204);
    const old = await certificateToken(app.appId, oldPem, `${server.fhirUrl}/.default`);
    expect(old.ok).toBe(false);
    expect(old.message).toContain('AADSTS700027');
    expect((await certificateToken(app.appId, nextPem, `${server.fhirUrl}/.default`)).ok).toBe(true);
  });
});
