/**
 * Certificate credentials with the CLI against a real server: `reset --create-cert` and `--cert`, list and
 * delete with --cert, and signing in with the PEM file for a FHIR token (a certificate client assertion).
 */
import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSigned, certificatePem } from '../src/cli/certificates.js';
import { cliEnv, cliWith, type Cli } from './support/cli.js';
import { ADMIN_PASSWORD, startTestServer, tempDir } from './support/server.js';

const DAY = 86_400_000;
const thumbprintsOf = (pem: string) => {
  const cert = new X509Certificate(pem.slice(pem.indexOf('-----BEGIN CERTIFICATE')));
  return { thumbprint: cert.fingerprint.replace(/:/g, ''), thumbprintSha256: cert.fingerprint256.replace(/:/g, '') };
};

describe('entrada ad app credential with certificates', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let home: string;
  let admin: Cli;
  let tenantId: string;

  beforeAll(async () => {
    server = await startTestServer();
    tenantId = server.first.tenant.id;
    home = tempDir();
    admin = cliWith(cliEnv(server, path.join(home, 'admin')));
    expect((await admin('login', '-u', 'admin@entrada.test', '-p', ADMIN_PASSWORD)).code).toBe(0);
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  async function newApp(name: string): Promise<{ appId: string; id: string }> {
    const app = (await admin('ad', 'app', 'create', '--display-name', name)).json();
    expect((await admin('ad', 'sp', 'create', '--id', app.appId)).code).toBe(0);
    return app;
  }

  async function certificates(appId: string): Promise<Record<string, any>[]> {
    const list = await admin('ad', 'app', 'credential', 'list', '--id', appId, '--cert');
    expect(list.code, list.stderr).toBe(0);
    return list.json();
  }

  it('creates a certificate, writes key + certificate 0600, and signs in with it for a FHIR token', async () => {
    const app = await newApp('cert-app');
    const reset = await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--create-cert');
    expect(reset.code, reset.stderr).toBe(0);
    const out = reset.json();
    expect(Object.keys(out)).toEqual(['appId', 'fileWithCertAndPrivateKey', 'password', 'tenant', 'thumbprint', 'thumbprintSha256']);
    expect(out).toMatchObject({ appId: app.appId, password: null, tenant: tenantId });
    expect(out.fileWithCertAndPrivateKey).toBe(path.join(home, 'admin', 'certificates', `${app.appId}-${out.thumbprint}.pem`));
    expect(reset.stderr).toContain('WARNING: The output includes credentials that you must protect.');
    expect(reset.stderr).toContain(`entrada login --service-principal -u ${app.appId} -p ${out.fileWithCertAndPrivateKey} --tenant ${tenantId}`);

    const pem = fs.readFileSync(out.fileWithCertAndPrivateKey, 'utf8');
    expect(fs.statSync(out.fileWithCertAndPrivateKey).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(out.fileWithCertAndPrivateKey)).mode & 0o777).toBe(0o700);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    expect(thumbprintsOf(pem)).toEqual({ thumbprint: out.thumbprint, thumbprintSha256: out.thumbprintSha256 });
    const cert = new X509Certificate(pem.slice(pem.indexOf('-----BEGIN CERTIFICATE')));
    expect(cert.subject).toBe('CN=cert-app');
    // One year, as az's default.
    expect(Math.round((Date.parse(cert.validTo) - Date.now()) / DAY)).toBeGreaterThanOrEqual(364);

    const [key] = await certificates(app.appId);
    expect(key).toMatchObject({ type: 'AsymmetricX509Cert', usage: 'Verify', displayName: 'CN=cert-app', '@entrada.credentialState': 'active' });
    expect(Buffer.from(key!.customKeyIdentifier, 'base64').toString('hex').toUpperCase()).toBe(out.thumbprint);
    expect(Date.parse(key!.endDateTime)).toBe(Date.parse(cert.validTo));

    // Sign in as the app with the PEM file; only its path is stored.
    const configDir = path.join(home, 'sp');
    const sp = cliWith(cliEnv(server, configDir));
    const login = await sp('login', '--service-principal', '-u', app.appId, '-p', out.fileWithCertAndPrivateKey, '--tenant', 'entrada.test');
    expect(login.code, login.stderr).toBe(0);
    expect(login.json()[0]).toMatchObject({ tenantId, user: { name: app.appId, type: 'servicePrincipal' } });
    const stored = JSON.parse(fs.readFileSync(path.join(configDir, 'service-principals.json'), 'utf8'));
    expect(stored).toEqual([{ client_id: app.appId, tenant: tenantId, certificate: out.fileWithCertAndPrivateKey }]);

    const token = await sp('account', 'get-access-token', '--resource', server.fhirUrl!);
    expect(token.code, token.stderr).toBe(0);
    const claims = decodeJwt(token.json().accessToken);
    expect(claims).toMatchObject({ aud: server.fhirUrl, tid: tenantId, appidacr: '2' });
    expect(claims.appid ?? claims.azp).toBe(app.appId);

    // --certificate is az's newer spelling.
    const again = await sp('login', '--service-principal', '-u', app.appId, '--certificate', out.fileWithCertAndPrivateKey, '--tenant', tenantId);
    expect(again.code, again.stderr).toBe(0);
    // With --use-cert-sn-issuer each assertion carries the chain (x5c), and the choice is kept.
    const sni = await sp('login', '--service-principal', '-u', app.appId, '--certificate', out.fileWithCertAndPrivateKey,
      '--tenant', tenantId, '--use-cert-sn-issuer');
    expect(sni.code, sni.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(configDir, 'service-principals.json'), 'utf8'))[0]).toMatchObject({ use_cert_sn_issuer: true });
    fs.rmSync(path.join(configDir, 'tokens.json'));
    const fresh = await sp('account', 'get-access-token', '--scope', `${server.fhirUrl}/.default`);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(decodeJwt(fresh.json().accessToken)).toMatchObject({ aud: server.fhirUrl, appidacr: '2' });
  });

  it('uploads a certificate with --cert: replaces the certificates, or keeps them with --append; secrets stay', async () => {
    const app = await newApp('upload-app');
    expect((await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--display-name', 'secret')).code).toBe(0);
    const made = await Promise.all([1, 2, 3].map((n) => createSelfSigned(`upload-${n}`, new Date(Date.now() - DAY), new Date(Date.now() + 300 * DAY))));
    const der = path.join(home, 'one.cer');
    fs.writeFileSync(der, made[0]!.certificate.der);
    const pem = path.join(home, 'two.pem');
    fs.writeFileSync(pem, certificatePem(made[1]!.certificate.der));

    const first = await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--cert', `@${der}`);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toEqual({ appId: app.appId, password: null, tenant: tenantId,
      thumbprint: made[0]!.certificate.thumbprint, thumbprintSha256: made[0]!.certificate.thumbprintSha256 });
    expect(await certificates(app.appId)).toHaveLength(1);

    const replaced = await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--cert', `@${pem}`, '--display-name', 'two');
    expect(replaced.code, replaced.stderr).toBe(0);
    const afterReplace = await certificates(app.appId);
    expect(afterReplace).toEqual([expect.objectContaining({ displayName: 'two' })]);

    const appended = await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--append',
      '--cert', made[2]!.certificate.der.toString('base64'));
    expect(appended.code, appended.stderr).toBe(0);
    const both = await certificates(app.appId);
    expect(both).toHaveLength(2);
    expect(both.map((c) => c.keyId)).toContain(afterReplace[0]!.keyId);
    expect((await admin('ad', 'app', 'credential', 'list', '--id', app.appId)).json()).toEqual([expect.objectContaining({ displayName: 'secret' })]);

    const deleted = await admin('ad', 'app', 'credential', 'delete', '--id', app.appId, '--cert', '--key-id', afterReplace[0]!.keyId);
    expect(deleted).toMatchObject({ code: 0, stdout: '' });
    const left = await certificates(app.appId);
    expect(left).toHaveLength(1);
    expect(left[0]!.keyId).not.toBe(afterReplace[0]!.keyId);

    const missing = await admin('ad', 'app', 'credential', 'delete', '--id', app.appId, '--cert', '--key-id', afterReplace[0]!.keyId);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^ERROR: No key credential found with keyId as/);
  });

  it('says what is wrong with what --cert was given, and never uploads a private key', async () => {
    const app = await newApp('bad-cert-app');
    const made = await createSelfSigned('bad', new Date(Date.now() - DAY), new Date(Date.now() + 30 * DAY));
    const keyOnly = path.join(home, 'key.pem');
    fs.writeFileSync(keyOnly, made.pem.slice(0, made.pem.indexOf('-----BEGIN CERTIFICATE')));
    const both = path.join(home, 'both.pem');
    fs.writeFileSync(both, made.pem);

    const noFile = await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--cert', `@${path.join(home, 'nope.pem')}`);
    expect(noFile).toMatchObject({ code: 1, stdout: '' });
    expect(noFile.stderr).toMatch(/^ERROR: --cert: cannot read /);
    const key = await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--cert', `@${keyOnly}`);
    expect(key.stderr).toContain('holds a private key but no certificate');
    const bare = await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--cert', both);
    expect(bare.stderr).toContain(`To read the file ${both}, pass --cert @${both}.`);
    const vault = await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--create-cert', '--keyvault', 'kv');
    expect(vault.stderr).toMatch(/^ERROR: --keyvault is not available/);
    // A certificate the server refuses leaves no key file behind.
    const refused = await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--create-cert', '--display-name', 'x'.repeat(300));
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/^ERROR: .*displayName/);
    expect(fs.readdirSync(path.join(home, 'admin', 'certificates')).filter((f) => f.startsWith(app.appId))).toEqual([]);
    expect(await certificates(app.appId)).toEqual([]);

    // The PEM holding the key too: only the certificate goes to the server.
    const upload = await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--cert', `@${both}`);
    expect(upload.code, upload.stderr).toBe(0);
    expect(upload.json().thumbprint).toBe(made.certificate.thumbprint);

    const login = cliWith(cliEnv(server, path.join(home, 'bad-login')));
    const noKey = await login('login', '--service-principal', '-u', app.appId, '-p', keyOnly, '--tenant', tenantId);
    expect(noKey).toMatchObject({ code: 1, stdout: '' });
    expect(noKey.stderr).toContain('holds a private key but no certificate');
    const stranger = await createSelfSigned('stranger', new Date(Date.now() - DAY), new Date(Date.now() + 30 * DAY));
    const strangerFile = path.join(home, 'stranger.pem');
    fs.writeFileSync(strangerFile, stranger.pem, { mode: 0o600 });
    const unknown = await login('login', '--service-principal', '-u', app.appId, '-p', strangerFile, '--tenant', tenantId);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^ERROR: AADSTS700027: /);
    expect(fs.existsSync(path.join(home, 'bad-login', 'service-principals.json'))).toBe(false);
  });

  it('creates a certificate named --cert until --end-date, keeping earlier ones with --append', async () => {
    const app = await newApp('named-cert-app');
    expect((await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--create-cert')).code).toBe(0);
    const end = new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10);
    const second = await admin('ad', 'app', 'credential', 'reset', '--id', app.appId, '--create-cert', '--cert', 'rotation 2',
      '--end-date', end, '--append');
    expect(second.code, second.stderr).toBe(0);
    const cert = new X509Certificate(fs.readFileSync(second.json().fileWithCertAndPrivateKey, 'utf8').split(/(?=-----BEGIN CERTIFICATE)/)[1]!);
    expect(cert.subject).toBe('CN=rotation 2');
    expect(new Date(cert.validTo).toISOString()).toBe(`${end}T00:00:00.000Z`);
    expect(await certificates(app.appId)).toHaveLength(2);
  });
});
