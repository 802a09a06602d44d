/**
 * Certificate credentials (Graph `keyCredentials`, spec §1.5): the public certificates an application proves
 * itself with. Added one at a time (addKey) or as a whole set (PATCH keyCredentials, the way an app without a
 * certificate gets its first); the token service reads them as StoredCertificates.
 */
import type { KeyObject } from 'node:crypto';
import { newGuid } from '../lib/ids.js';
import type { KeyCredentialRow } from '../store/schema.js';
import { isUniqueViolation } from '../store/store.js';
import type { TenantScope } from '../store/tenant-scope.js';
import { requireApplication } from './application-exists.js';
import { certificateFromDer, type ParsedCertificate } from './certificate-input.js';
import { nowIso, type DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';
import { readKeyEntry, type KeyCredentialInput } from './key-credential-input.js';

export type { KeyCredentialInput } from './key-credential-input.js';

/** Graph's keyCredential. `key` (base64 DER) is filled only where Graph shows it: `$select=keyCredentials` on one app. */
export interface KeyCredential {
  /** base64 of the SHA-1 thumbprint bytes, as Entra sets it for an uploaded certificate. */
  customKeyIdentifier: string;
  /** The certificate's subject (e.g. "CN=my-app") unless the client named it. */
  displayName: string;
  endDateTime: string;
  key: string | null;
  keyId: string;
  startDateTime: string;
  type: 'AsymmetricX509Cert';
  usage: 'Verify';
}

/** What the token service needs to check a client assertion against a certificate. */
export interface StoredCertificate {
  keyId: string;
  /** base64url, = the `x5t` header. */
  thumbprintSha1: string;
  /** base64url, = the `x5t#S256` header. */
  thumbprintSha256: string;
  publicKey: KeyObject;
  certificateDer: Buffer;
  /** Epoch ms. */
  start: number;
  end: number;
}

interface NewKey { keyId: string; displayName: string; certificate: ParsedCertificate }

/** A new set of certificates for one application, checked before the transaction that writes it. */
export interface KeySetChange { applicationId: string; keep: string[]; add: NewKey[] }

export class KeyCredentials {
  constructor(private readonly ctx: DirectoryContext) {}

  async add(tenantId: string, applicationId: string, input: KeyCredentialInput): Promise<KeyCredential> {
    await requireApplication(this.ctx, tenantId, applicationId);
    const entry = readKeyEntry(input, this.ctx.clock.now(), { requireKey: true });
    const change = await this.prepareChange(tenantId, applicationId, (existing) => ({
      keep: existing.map((r) => r.key_id), entries: [entry],
    }));
    await this.write(tenantId, (scope) => this.apply(scope, change));
    const added = change.add[0]!;
    return toGraph(toRow(change.applicationId, added, ''), false);
  }

  async remove(tenantId: string, applicationId: string, keyId: string): Promise<void> {
    const result = await this.ctx.store.tenant(tenantId).deleteFrom('key_credentials')
      .where('application_id', '=', applicationId.toLowerCase()).where('key_id', '=', keyId.toLowerCase()).executeTakeFirst();
    this.ctx.cache.invalidate(tenantId);
    if (Number(result.numDeletedRows) === 0) {
      throw new DirectoryError('not_found', `No key credential found with keyId ${keyId}.`, 'keyId');
    }
  }

  async list(tenantId: string, applicationId: string, withKey: boolean): Promise<KeyCredential[]> {
    return (await this.rows(tenantId, applicationId)).map((r) => toGraph(r, withKey));
  }

  /** PATCH semantics: the given list becomes the set; an entry naming an existing keyId without `key` keeps it. */
  async replace(tenantId: string, applicationId: string, inputs: unknown[]): Promise<void> {
    await requireApplication(this.ctx, tenantId, applicationId);
    const change = await this.prepare(tenantId, applicationId, inputs);
    await this.write(tenantId, (scope) => this.apply(scope, change));
  }

  async certificates(tenantId: string, applicationId: string): Promise<StoredCertificate[]> {
    return (await this.rows(tenantId, applicationId)).map((r) => {
      const certificateDer = Buffer.from(r.certificate, 'base64');
      return {
        keyId: r.key_id, thumbprintSha1: r.thumbprint_sha1, thumbprintSha256: r.thumbprint_sha256,
        publicKey: certificateFromDer(certificateDer).publicKey, certificateDer,
        start: Date.parse(r.start_date_time), end: Date.parse(r.end_date_time),
      };
    });
  }

  /** Check a PATCH `keyCredentials` value against the app's current set (part of Applications.create/update). */
  prepare(tenantId: string, applicationId: string, inputs: unknown): Promise<KeySetChange> {
    if (!Array.isArray(inputs)) {
      throw new DirectoryError('invalid', "Invalid value specified for property 'keyCredentials' of resource 'Application'.", 'keyCredentials');
    }
    const now = this.ctx.clock.now();
    const entries = inputs.map((input, i) => readKeyEntry(input, now, { requireKey: false, path: `keyCredentials[${i}]` }));
    return this.prepareChange(tenantId, applicationId, () => ({ keep: [], entries }));
  }

  /** Write a prepared change inside the caller's transaction. */
  async apply(scope: TenantScope, change: KeySetChange): Promise<void> {
    let removed = scope.deleteFrom('key_credentials').where('application_id', '=', change.applicationId);
    if (change.keep.length > 0) removed = removed.where('key_id', 'not in', change.keep);
    await removed.execute();
    const createdAt = nowIso(this.ctx);
    for (const key of change.add) await scope.insert('key_credentials', toRow(change.applicationId, key, createdAt));
  }

  private async prepareChange(tenantId: string, applicationId: string,
    plan: (existing: KeyCredentialRow[]) => { keep: string[]; entries: ReturnType<typeof readKeyEntry>[] }): Promise<KeySetChange> {
    const existing = await this.rows(tenantId, applicationId);
    const { keep, entries } = plan(existing);
    const byKeyId = new Map(existing.map((r) => [r.key_id, r]));
    const kept = new Set(keep);
    const seen = new Set(keep);
    const add: NewKey[] = [];
    for (const entry of entries) {
      if (entry.keyId) {
        if (seen.has(entry.keyId)) duplicateKeyId(entry.keyId);
        seen.add(entry.keyId);
      }
      if (!entry.certificate) {
        if (!byKeyId.has(entry.keyId!)) {
          throw new DirectoryError('invalid', `The application has no key credential with keyId ${entry.keyId}. To add a certificate, include its 'key'.`, 'keyCredentials');
        }
        kept.add(entry.keyId!);
        continue;
      }
      add.push({ keyId: entry.keyId ?? newGuid(), displayName: entry.displayName ?? entry.certificate.subject, certificate: entry.certificate });
    }
    const thumbprints = new Set(existing.filter((r) => kept.has(r.key_id)).map((r) => r.thumbprint_sha1));
    for (const key of add) {
      if (thumbprints.has(key.certificate.thumbprintSha1)) {
        const hex = Buffer.from(key.certificate.thumbprintSha1, 'base64url').toString('hex').toUpperCase();
        throw new DirectoryError('invalid', `The application already has the certificate with thumbprint ${hex}; a certificate can be added once.`, 'keyCredentials');
      }
      thumbprints.add(key.certificate.thumbprintSha1);
    }
    // Key ids are unique everywhere, not only in this app: refuse one in use rather than fail on the insert.
    const foreign = add.map((a) => a.keyId).filter((id) => !byKeyId.has(id));
    if (foreign.length > 0) {
      const taken = await this.ctx.store.db.selectFrom('key_credentials').select('key_id').where('key_id', 'in', foreign).executeTakeFirst();
      if (taken) duplicateKeyId(taken.key_id);
    }
    return { applicationId: applicationId.toLowerCase(), keep: [...kept], add };
  }

  private rows(tenantId: string, applicationId: string): Promise<KeyCredentialRow[]> {
    return this.ctx.store.tenant(tenantId).selectFrom('key_credentials').selectAll()
      .where('application_id', '=', applicationId.toLowerCase()).orderBy('created_at').orderBy('key_id').execute();
  }

  private async write(tenantId: string, fn: (scope: TenantScope) => Promise<void>): Promise<void> {
    try {
      await this.ctx.store.transaction((trx) => fn(this.ctx.store.tenant(tenantId, trx)));
    } catch (err) {
      // Only a concurrent upload of the same certificate or key id gets here; the checks above catch the rest.
      if (isUniqueViolation(err)) throw new DirectoryError('invalid', 'The application already has this certificate or key id.', 'keyCredentials');
      throw err;
    } finally {
      this.ctx.cache.invalidate(tenantId);
    }
  }
}

function duplicateKeyId(keyId: string): never {
  throw new DirectoryError('invalid', `A key credential with keyId ${keyId} already exists.`, 'keyId');
}

function toRow(applicationId: string, key: NewKey, createdAt: string): Omit<KeyCredentialRow, 'tenant_id'> {
  const { certificate: cert } = key;
  return {
    application_id: applicationId, key_id: key.keyId, display_name: key.displayName,
    custom_key_identifier: Buffer.from(cert.thumbprintSha1, 'base64url').toString('base64'),
    thumbprint_sha1: cert.thumbprintSha1, thumbprint_sha256: cert.thumbprintSha256,
    start_date_time: new Date(cert.start).toISOString(), end_date_time: new Date(cert.end).toISOString(),
    certificate: cert.der.toString('base64'), created_at: createdAt,
  };
}

function toGraph(row: Omit<KeyCredentialRow, 'tenant_id'>, withKey: boolean): KeyCredential {
  return {
    customKeyIdentifier: row.custom_key_identifier, displayName: row.display_name, endDateTime: row.end_date_time,
    key: withKey ? row.certificate : null, keyId: row.key_id, startDateTime: row.start_date_time,
    type: 'AsymmetricX509Cert', usage: 'Verify',
  };
}
