import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyCredentials, parseEndDate, readCertificateArgument } from './ad-app-credential-reset.js';
import { certificatePem, createSelfSigned } from './certificates.js';

describe('ad app credential reset helpers', () => {
  const home = process.env.HOME;
  const dirs: string[] = [];
  afterEach(() => {
    process.env.HOME = home;
    dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  it('reads --cert from @file, @~/file, and inline PEM or base64', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-cert-arg-'));
    dirs.push(dir);
    const made = await createSelfSigned('arg', new Date(Date.now() - 60_000), new Date(Date.now() + 86_400_000));
    fs.writeFileSync(path.join(dir, 'c.cer'), made.certificate.der);
    process.env.HOME = dir;
    const { thumbprint } = made.certificate;
    expect(readCertificateArgument(`@${path.join(dir, 'c.cer')}`).thumbprint).toBe(thumbprint);
    expect(readCertificateArgument('@~/c.cer').thumbprint).toBe(thumbprint);
    expect(readCertificateArgument(certificatePem(made.certificate.der)).thumbprint).toBe(thumbprint);
    expect(readCertificateArgument(made.certificate.der.toString('base64')).thumbprint).toBe(thumbprint);
    expect(() => readCertificateArgument('@~/missing.cer')).toThrow(`--cert: cannot read ${path.join(dir, 'missing.cer')}`);
    expect(() => readCertificateArgument(path.join(dir, 'c.cer'))).toThrow(`pass --cert @${path.join(dir, 'c.cer')}`);
  });

  it('sends existing certificates back as read, without annotations', () => {
    const app = { keyCredentials: [{ keyId: 'k', key: null, type: 'AsymmetricX509Cert', usage: 'Verify', displayName: 'CN=a',
      customKeyIdentifier: 'AA==', startDateTime: 's', endDateTime: 'e', '@entrada.credentialState': 'active', '@odata.type': 'x' }] };
    expect(keyCredentials(app)).toEqual([{ keyId: 'k', key: null, type: 'AsymmetricX509Cert', usage: 'Verify', displayName: 'CN=a',
      customKeyIdentifier: 'AA==', startDateTime: 's', endDateTime: 'e' }]);
    expect(keyCredentials({})).toEqual([]);
  });

  it('reads --end-date as az does: without a zone it is UTC', () => {
    expect(parseEndDate('2030-12-31').toISOString()).toBe('2030-12-31T00:00:00.000Z');
    expect(parseEndDate('2030-12-31 11:59:59').toISOString()).toBe('2030-12-31T11:59:59.000Z');
    expect(parseEndDate('2030-12-31T11:59:59+02:00').toISOString()).toBe('2030-12-31T09:59:59.000Z');
    expect(() => parseEndDate('soon')).toThrow("--end-date: 'soon' is not a date");
  });
});
