import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock.js';
import { Store } from '../store/store.js';
import { loadEncryptionKey, SigningKeys } from './signing-keys.js';

describe('signing keys at rest', () => {
  let dataDir: string;
  let store: Store;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-keys-'));
    store = await Store.open({ dataDir });
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates the key file once, mode 0600, and derives ENTRADA_KEY apart from it', () => {
    const key = loadEncryptionKey(dataDir, undefined);
    expect(key).toHaveLength(32);
    expect(fs.statSync(path.join(dataDir, 'signing-keys.key')).mode & 0o777).toBe(0o600);
    expect(loadEncryptionKey(dataDir, undefined).equals(key)).toBe(true);
    expect(loadEncryptionKey(dataDir, 'a passphrase').equals(key)).toBe(false);
  });

  it('refuses, with a clear message, to start with the wrong key', async () => {
    const keys = new SigningKeys(store, loadEncryptionKey(dataDir, undefined), systemClock);
    await keys.ensureActive();
    const ring = await keys.keyRing();
    expect(ring.published[0]!.jwk).toMatchObject({ kty: 'RSA', use: 'sig', kid: ring.active.kid, x5t: ring.active.kid });
    const wrong = new SigningKeys(store, loadEncryptionKey(dataDir, 'not the key'), systemClock);
    await expect(wrong.keyRing()).rejects.toThrow(/ENTRADA_KEY/);
  });
});
