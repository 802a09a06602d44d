import { newClientSecret, sha256Hex } from '../lib/crypto.js';
import { newGuid } from '../lib/ids.js';
import { checkPasswordLifetime, type AppManagementPolicies, type PasswordAllowance } from './app-management-policy.js';
import { nowIso, type DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';

/** Graph's passwordCredential; secretText is filled only in the addPassword answer. */
export interface PasswordCredential {
  customKeyIdentifier: null;
  displayName: string | null;
  endDateTime: string;
  hint: string;
  keyId: string;
  secretText: string | null;
  startDateTime: string;
}

/** What the token service needs to check a presented secret. */
export interface StoredSecret { keyId: string; hash: string; start: number; end: number }

/**
 * Graph's default end is two years after the start. Under a lifetime cap that is shorter (Entrada caps at 24
 * months by default) the default is the cap instead, so `addPassword {}` keeps working, as scripts expect.
 */
function defaultEnd(start: Date, allowance: PasswordAllowance): Date {
  const twoYears = new Date(start);
  twoYears.setUTCFullYear(twoYears.getUTCFullYear() + 2);
  const max = allowance.maxLifetimeMs;
  return max !== undefined && twoYears.getTime() - start.getTime() > max ? new Date(start.getTime() + max) : twoYears;
}

/** Client secrets: kept only as SHA-256 (they are high-entropy), shown once; their lifetime is capped by the tenant's policy. */
export class PasswordCredentials {
  constructor(private readonly ctx: DirectoryContext, private readonly policies: AppManagementPolicies) {}

  async add(tenantId: string, applicationId: string, input: { displayName?: unknown; startDateTime?: unknown; endDateTime?: unknown }):
    Promise<PasswordCredential> {
    const app = await this.ctx.store.tenant(tenantId).selectFrom('applications').select('created_at')
      .where('id', '=', applicationId).executeTakeFirst();
    if (!app) {
      throw new DirectoryError('not_found', `Resource '${applicationId}' does not exist or one of its queried reference-property objects are not present.`);
    }
    const allowance = await this.policies.passwordAllowance(tenantId, app.created_at);
    const now = this.ctx.clock.now();
    const start = parseDate(input.startDateTime, 'startDateTime') ?? now;
    const end = parseDate(input.endDateTime, 'endDateTime') ?? defaultEnd(start, allowance);
    if (end.getTime() <= start.getTime()) {
      throw new DirectoryError('invalid', 'Key credential end date should be after start date.', 'endDateTime');
    }
    if (input.displayName !== undefined && input.displayName !== null && typeof input.displayName !== 'string') {
      throw new DirectoryError('invalid', "Invalid value specified for property 'displayName' of resource 'PasswordCredential'.", 'displayName');
    }
    const displayName = (input.displayName as string | null | undefined) ?? null;
    if (displayName !== null && displayName.length > 256) {
      throw new DirectoryError('invalid', 'The displayName of a password credential may have at most 256 characters.', 'displayName');
    }
    checkPasswordLifetime(allowance, start, end);
    const secret = newClientSecret();
    const credential: PasswordCredential = {
      customKeyIdentifier: null, displayName, endDateTime: end.toISOString(), hint: secret.slice(0, 3),
      keyId: newGuid(), secretText: secret, startDateTime: start.toISOString(),
    };
    await this.ctx.store.tenant(tenantId).insert('password_credentials', {
      application_id: applicationId, key_id: credential.keyId, display_name: displayName, hint: credential.hint,
      secret_hash: sha256Hex(secret), start_date_time: credential.startDateTime, end_date_time: credential.endDateTime,
      created_at: nowIso(this.ctx),
    });
    this.ctx.cache.invalidate(tenantId);
    return credential;
  }

  async remove(tenantId: string, applicationId: string, keyId: string): Promise<void> {
    const result = await this.ctx.store.tenant(tenantId).deleteFrom('password_credentials')
      .where('application_id', '=', applicationId).where('key_id', '=', keyId.toLowerCase()).executeTakeFirst();
    this.ctx.cache.invalidate(tenantId);
    if (Number(result.numDeletedRows) === 0) {
      throw new DirectoryError('not_found', `No password credential found with keyId ${keyId}.`, 'keyId');
    }
  }

  async list(tenantId: string, applicationId: string): Promise<PasswordCredential[]> {
    const rows = await this.rows(tenantId, applicationId);
    return rows.map((r) => ({
      customKeyIdentifier: null, displayName: r.display_name, endDateTime: r.end_date_time, hint: r.hint,
      keyId: r.key_id, secretText: null, startDateTime: r.start_date_time,
    }));
  }

  async secrets(tenantId: string, applicationId: string): Promise<StoredSecret[]> {
    const rows = await this.rows(tenantId, applicationId);
    return rows.map((r) => ({
      keyId: r.key_id, hash: r.secret_hash, start: Date.parse(r.start_date_time), end: Date.parse(r.end_date_time),
    }));
  }

  private rows(tenantId: string, applicationId: string) {
    return this.ctx.store.tenant(tenantId).selectFrom('password_credentials').selectAll()
      .where('application_id', '=', applicationId).orderBy('created_at').orderBy('key_id').execute();
  }
}

function parseDate(value: unknown, name: string): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) {
    throw new DirectoryError('invalid', `Invalid value specified for property '${name}' of resource 'PasswordCredential'.`, name);
  }
  return date;
}
