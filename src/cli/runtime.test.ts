import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { Runtime, trustedCertificates } from './runtime.js';

const io = (env: Record<string, string | undefined>) => ({ stdout: { write: () => true }, stderr: { write: () => true }, env });

describe('client settings', () => {
  it('default to https://localhost:8443 and ~/.entrada', () => {
    const runtime = new Runtime(io({ HOME: '/home/someone' }));
    expect(runtime.url).toBe('https://localhost:8443');
    expect(runtime.configDir).toBe('/home/someone/.entrada');
    expect(new Runtime(io({ ENTRADA_URL: 'https://id.example/', ENTRADA_CONFIG_DIR: '/cfg' }))).toMatchObject({ url: 'https://id.example', configDir: '/cfg' });
  });

  it('trust ENTRADA_CA_CERT, else the data dir CA, on top of the usual roots and NODE_EXTRA_CA_CERTS', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-cli-'));
    fs.mkdirSync(path.join(dir, 'tls'));
    fs.writeFileSync(path.join(dir, 'tls', 'ca.crt'), 'DATA-DIR-CA');
    fs.writeFileSync(path.join(dir, 'explicit.crt'), 'EXPLICIT-CA');
    fs.writeFileSync(path.join(dir, 'extra.crt'), 'EXTRA-CA');

    expect(trustedCertificates({ ENTRADA_DATA_DIR: path.join(dir, 'none') })).toBeUndefined();
    const local = trustedCertificates({ ENTRADA_DATA_DIR: dir, NODE_EXTRA_CA_CERTS: path.join(dir, 'extra.crt') })!;
    expect(local.slice(-2)).toEqual(['EXTRA-CA', 'DATA-DIR-CA']);
    expect(local).toEqual(expect.arrayContaining([...tls.rootCertificates]));
    expect(trustedCertificates({ ENTRADA_DATA_DIR: dir, ENTRADA_CA_CERT: path.join(dir, 'explicit.crt') })!.at(-1)).toBe('EXPLICIT-CA');
    expect(() => trustedCertificates({ ENTRADA_CA_CERT: path.join(dir, 'missing.crt') })).toThrow(/ENTRADA_CA_CERT/);
    fs.rmSync(dir, { recursive: true });
  });
});
