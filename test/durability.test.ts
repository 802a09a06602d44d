/**
 * An acknowledged write survives kill -9: create applications through Graph, SIGKILL the server the moment
 * the last answer arrives, start it again on the same data dir, and find every one of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, stopServer, type ChildServer } from './support/child-server.js';
import { httpsRequest, passwordToken } from './support/https.js';
import { ADMIN_PASSWORD, tempDir } from './support/server.js';

describe('durability', () => {
  const dataDir = tempDir();
  const env = { ENTRADA_DATA_DIR: dataDir, ENTRADA_ADMIN_PASSWORD: ADMIN_PASSWORD };
  let server: ChildServer | undefined;
  afterAll(async () => {
    if (server) await stopServer(server, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write across kill -9, and SIGTERM exits cleanly', async () => {
    server = await spawnServer(env);
    const ca = fs.readFileSync(path.join(dataDir, 'tls/ca.crt'));
    const token = await passwordToken(server.publicUrl, server.tenantId, 'admin@entrada.test', ADMIN_PASSWORD, 'https://graph.microsoft.com/.default', ca);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => httpsRequest(`${server!.publicUrl}/v1.0/applications`, {
      method: 'POST', headers, body: JSON.stringify({ displayName: `durable-${i}` }), ca,
    })));
    expect(created.map((r) => r.status)).toEqual(Array(20).fill(201));
    await stopServer(server, 'SIGKILL');

    server = await spawnServer(env);
    const again = await passwordToken(server.publicUrl, server.tenantId, 'admin@entrada.test', ADMIN_PASSWORD, 'https://graph.microsoft.com/.default', ca);
    for (const res of created) {
      const got = await httpsRequest(`${server.publicUrl}/v1.0/applications/${res.json.id}`, { headers: { authorization: `Bearer ${again}` }, ca });
      expect(got.status).toBe(200);
      expect(got.json.displayName).toBe(res.json.displayName);
    }
    expect(await stopServer(server, 'SIGTERM')).toBe(0);
    server = undefined;
  });
});
