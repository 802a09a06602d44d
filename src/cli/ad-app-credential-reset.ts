/**
 * `entrada ad app credential reset`, as az's _reset_credential: a client secret by default (addPassword),
 * or a certificate (--cert to upload one, --create-cert to make one) written into keyCredentials with PATCH.
 * Without --append the existing credentials of that kind are removed first; with it they are kept.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveApplication } from './ad-lookup.js';
import { createSelfSigned, parseCertificate, type Certificate } from './certificates.js';
import type { Invocation } from './command.js';
import { CliError } from './errors.js';
import type { GraphObject } from './graph.js';

/** az's CREDENTIAL_WARNING, word for word but for the link. */
export const CREDENTIAL_WARNING = 'The output includes credentials that you must protect. Be sure that you do not include'
  + ' these credentials in your code or check the credentials into your source control.'
  + ' For more information, see https://aka.ms/azadsp-cli';

export interface ResetOptions {
  id: string;
  displayName?: string;
  endDate?: string;
  years?: number;
  append?: boolean;
  cert?: string;
  createCert?: boolean;
  keyvault?: string;
}

/** A created certificate starts a little in the past, so a server whose clock is behind still takes it. */
const BACKDATE_MS = 60 * 1000;
const KEY_CREDENTIAL_PROPS = ['customKeyIdentifier', 'displayName', 'endDateTime', 'key', 'keyId', 'startDateTime', 'type', 'usage'];

export async function reset(options: ResetOptions, invocation: Invocation): Promise<unknown> {
  if (options.keyvault !== undefined) {
    throw new CliError('--keyvault is not available: Entrada has no Key Vault. Use --create-cert, or --cert @FILE to upload a certificate.');
  }
  if (options.years !== undefined && options.endDate !== undefined) throw new CliError('usage error: --years | --end-date');
  const start = new Date();
  const end = options.endDate !== undefined ? parseEndDate(options.endDate) : addYears(start, options.years ?? 1);
  const application = await resolveApplication(invocation, options.id);
  if (options.createCert || options.cert !== undefined) return resetCertificate(options, invocation, application, start, end);

  const graph = invocation.graph();
  if (!options.append) {
    for (const existing of (application.passwordCredentials ?? []) as GraphObject[]) {
      await graph.post(`/applications/${application.id}/removePassword`, { keyId: existing.keyId });
    }
  }
  const added = await graph.post(`/applications/${application.id}/addPassword`, {
    passwordCredential: { displayName: options.displayName ?? null, startDateTime: utc(start), endDateTime: utc(end) },
  });
  invocation.warn(CREDENTIAL_WARNING);
  return { appId: application.appId, password: added?.secretText, tenant: invocation.credentials().account().tenantId };
}

async function resetCertificate(options: ResetOptions, invocation: Invocation, application: GraphObject, start: Date, end: Date): Promise<unknown> {
  const appId = String(application.appId);
  let certificate: Certificate;
  let file: string | undefined;
  if (options.createCert) {
    if (end.getTime() <= start.getTime()) throw new CliError(`--end-date ${utc(end)} is in the past.`);
    const created = await createSelfSigned(options.cert ?? String(application.displayName ?? appId), new Date(start.getTime() - BACKDATE_MS), end);
    certificate = created.certificate;
    file = writeCertificateFile(invocation.runtime.configDir, appId, certificate.thumbprint, created.pem);
  } else {
    certificate = readCertificateArgument(options.cert!);
    if (options.years !== undefined || options.endDate !== undefined) {
      invocation.warn('--years and --end-date are ignored with --cert: the credential is valid as long as the certificate is.');
    }
  }
  try {
    const kept = options.append ? keyCredentials(application) : [];
    await invocation.graph().patch(`/applications/${application.id}`, { keyCredentials: [...kept, keyCredential(certificate, options.displayName)] });
  } catch (err) {
    // The key of a certificate that never reached the application is of no use to anyone.
    if (file) fs.rmSync(file, { force: true });
    throw err;
  }
  invocation.warn(CREDENTIAL_WARNING);
  const tenant = invocation.credentials().account().tenantId;
  if (file) {
    invocation.warn(`The private key and certificate are in ${file} (readable by you only). To sign in with them, run:\n`
      + `entrada login --service-principal -u ${appId} -p ${file} --tenant ${tenant}`);
  }
  return {
    appId, ...(file ? { fileWithCertAndPrivateKey: file } : {}), password: null, tenant,
    thumbprint: certificate.thumbprint, thumbprintSha256: certificate.thumbprintSha256,
  };
}

/** The keyCredential for a certificate: its own validity, Graph computes customKeyIdentifier (the thumbprint). */
function keyCredential(certificate: Certificate, displayName: string | undefined): GraphObject {
  return {
    keyId: randomUUID(), type: 'AsymmetricX509Cert', usage: 'Verify', key: certificate.der.toString('base64'),
    ...(displayName !== undefined ? { displayName } : {}),
    startDateTime: utc(certificate.notBefore), endDateTime: utc(certificate.notAfter),
  };
}

/**
 * The application's keyCredentials as az sends them back in a PATCH: as read, so `key` is null and Graph
 * keeps each certificate it already has by its keyId; only annotations such as the state are left out.
 */
export function keyCredentials(application: GraphObject): GraphObject[] {
  const list = Array.isArray(application.keyCredentials) ? (application.keyCredentials as GraphObject[]) : [];
  return list.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => KEY_CREDENTIAL_PROPS.includes(k))));
}

/** --cert: `@FILE` (PEM, DER .cer or base64; `@~/cert.pem` as in az's examples), or the PEM or base64 text itself. */
export function readCertificateArgument(value: string): Certificate {
  if (value.startsWith('@')) {
    const file = value.slice(1).replace(/^~(?=$|[\\/])/, os.homedir());
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      throw new CliError(`--cert: cannot read ${file}: ${(err as Error).message}`);
    }
    return parseCertificate(bytes, `--cert ${file}`);
  }
  const hint = fs.existsSync(value) ? ` To read the file ${value}, pass --cert @${value}.` : '';
  try {
    return parseCertificate(value, '--cert');
  } catch (err) {
    throw new CliError(`${(err as Error).message}${hint}`);
  }
}

/**
 * az writes ~/tmpXXXX.pem; Entrada writes {configDir}/certificates/{appId}-{thumbprint}.pem, dir 0700 and
 * file 0600, never over an existing file.
 */
function writeCertificateFile(configDir: string, appId: string, thumbprint: string, pem: string): string {
  const dir = path.join(configDir, 'certificates');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${appId}-${thumbprint}.pem`);
  fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  fs.chmodSync(file, 0o600);
  return file;
}

/** Like dateutil's parse as az uses it: a date or date-time without a zone is UTC. */
export function parseEndDate(text: string): Date {
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z`
    : /^\d{4}-\d{2}-\d{2}[T ][\d:.]+$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const date = new Date(bare);
  if (Number.isNaN(date.getTime())) throw new CliError(`--end-date: '${text}' is not a date, e.g. 2030-12-31 or 2030-12-31T11:59:59Z`);
  return date;
}

function addYears(date: Date, n: number): Date {
  const end = new Date(date);
  end.setUTCFullYear(end.getUTCFullYear() + n);
  return end;
}

/** az sends whole seconds: %Y-%m-%dT%H:%M:%SZ. */
function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
