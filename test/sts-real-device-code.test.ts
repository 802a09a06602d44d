/**
 * MSAL Node's acquireTokenByDeviceCode against a real Entrada over HTTPS, in a child process that trusts the
 * development CA. The test plays the user: it approves (or declines) each user code through the directory, the same
 * call the /devicelogin page makes. (The browser version of this, through the page, is the Chromium suite's.)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './support/server.js';
import { CLI_CLIENT_ID } from './support/sts.js';

const SCRIPT = path.join(import.meta.dirname, 'fixtures', 'sts-device-code-client.mjs');

type Result<T = any> = { ok: true; value: T } | { ok: false; error: { message: string; errorCode?: string } };

function decode(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
}

describe('real client over HTTPS: MSAL Node device code flow', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let results: Record<string, Result>;
  const messages: string[] = [];
  let adminId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const tenantId = server.first.tenant.id;
    adminId = (await server.directory.users.getByUpn(tenantId, server.first.adminUserPrincipalName))!.id;
    const input = { publicUrl: server.publicUrl, tenantId, fhirUrl: server.fhirUrl, cliClientId: CLI_CLIENT_ID };
    const child = spawn(process.execPath, [SCRIPT], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: server.caCertPath!, STS_DEVICE_CODE_INPUT: JSON.stringify(input) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill(), 60_000);
    try {
      for await (const line of createInterface({ input: child.stdout })) {
        const event = JSON.parse(line) as { event: string; scenario?: string; userCode?: string; message?: string; results?: Record<string, Result> };
        if (event.event === 'code') {
          messages.push(event.message!);
          const authTime = Math.floor(Date.now() / 1000);
          const settled = event.scenario === 'approve'
            ? await server.directory.deviceCodes.approve(event.userCode!, adminId, authTime)
            : await server.directory.deviceCodes.decline(event.userCode!);
          if (!settled) throw new Error(`could not settle user code ${event.userCode}`);
        } else if (event.event === 'done') {
          results = event.results!;
        }
      }
    } finally {
      clearTimeout(timer);
    }
    if (!results) throw new Error(`the device code client finished without results:\n${stderr}`);
  }, 90_000);
  afterAll(async () => server?.close());

  it('shows the user this server\'s /devicelogin page and a code', () => {
    expect(messages[0]).toMatch(new RegExp(`^To sign in, use a web browser to open the page ${server.publicUrl}/devicelogin and enter the code [A-Z2-9]{9} to authenticate\\.$`));
  });

  it('gets a delegated FHIR token for the user once the code is approved', () => {
    const r = results.approved!;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const tid = server.first.tenant.id;
    const token = decode(r.value.accessToken);
    expect(token).toMatchObject({ aud: server.fhirUrl, appid: CLI_CLIENT_ID, scp: 'user_impersonation', oid: adminId, tid });
    expect(r.value.account).toMatchObject({ homeAccountId: `${adminId}.${tid}`, username: server.first.adminUserPrincipalName, tenantId: tid });
    expect(r.value.idTokenClaims).toMatchObject({ aud: CLI_CLIENT_ID, oid: adminId, tid });
  });

  it('refreshes silently twice through rotated refresh tokens, for Graph and back for FHIR', () => {
    const r = results.approved!;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(decode(r.value.graphToken)).toMatchObject({ aud: 'https://graph.microsoft.com', oid: adminId });
    expect(r.value.secondFromCache).toBe(false);
    expect(decode(r.value.secondToken)).toMatchObject({ aud: server.fhirUrl, oid: adminId });
  });

  it('reports a declined code as authorization_declined', () => {
    const r = results.declined!;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('authorization_declined');
  });
});
