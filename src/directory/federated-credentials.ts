/**
 * Federated identity credentials (`/applications/{id}/federatedIdentityCredentials`, spec §1.6): trust in an
 * external issuer's tokens for one subject, so a CI job or a Kubernetes workload needs no secret at all.
 * Addressed by id or by name (Graph's alternate key); names compare case-insensitively, issuer and subject exactly,
 * as the token service matches them.
 */
import { isGuid, newGuid } from '../lib/ids.js';
import type { FederatedIdentityCredentialRow } from '../store/schema.js';
import { isUniqueViolation } from '../store/store.js';
import type { TenantScope } from '../store/tenant-scope.js';
import { requireApplication } from './application-exists.js';
import { nowIso, type DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';
import {
  MAX_FEDERATED_CREDENTIALS, readFederatedCredential, type FederatedCredentialProps, type FederatedIdentityCredential,
} from './federated-credential-input.js';

export type { FederatedIdentityCredential } from './federated-credential-input.js';
export { DEFAULT_AUDIENCE } from './federated-credential-input.js';

export class FederatedCredentials {
  constructor(private readonly ctx: DirectoryContext) {}

  async create(tenantId: string, applicationId: string, input: unknown): Promise<FederatedIdentityCredential> {
    await requireApplication(this.ctx, tenantId, applicationId);
    const props = readFederatedCredential(input);
    const existing = await this.list(tenantId, applicationId);
    if (existing.length >= MAX_FEDERATED_CREDENTIALS) {
      throw new DirectoryError('invalid', `An application can have at most ${MAX_FEDERATED_CREDENTIALS} federated identity credentials; delete one before adding another.`, 'federatedIdentityCredentials');
    }
    checkUnique(existing, props);
    const credential: FederatedIdentityCredential = { id: newGuid(), ...props };
    const createdAt = nowIso(this.ctx);
    await this.write(tenantId, (scope) => scope.insert('federated_identity_credentials', { ...toRow(applicationId, credential), created_at: createdAt }));
    return credential;
  }

  async list(tenantId: string, applicationId: string): Promise<FederatedIdentityCredential[]> {
    const rows = await this.ctx.store.tenant(tenantId).selectFrom('federated_identity_credentials').selectAll()
      .where('application_id', '=', applicationId.toLowerCase()).orderBy('created_at').orderBy('id').execute();
    return rows.map(fromRow);
  }

  /** By id, or else by name (case-insensitive). */
  async get(tenantId: string, applicationId: string, idOrName: string): Promise<FederatedIdentityCredential | undefined> {
    const all = await this.list(tenantId, applicationId);
    const id = idOrName.toLowerCase();
    return (isGuid(idOrName) ? all.find((c) => c.id === id) : undefined) ?? all.find((c) => c.name.toLowerCase() === id);
  }

  /** Change issuer, subject, audiences or description; the name is fixed at creation. */
  async update(tenantId: string, applicationId: string, idOrName: string, input: unknown): Promise<FederatedIdentityCredential> {
    const current = await this.require(tenantId, applicationId, idOrName);
    const props = readFederatedCredential(input, current);
    checkUnique((await this.list(tenantId, applicationId)).filter((c) => c.id !== current.id), props);
    const next: FederatedIdentityCredential = { id: current.id, ...props };
    const { issuer, subject, audiences, description } = toRow(applicationId, next);
    await this.write(tenantId, (scope) => scope.updateTable('federated_identity_credentials')
      .set({ issuer, subject, audiences, description }).where('id', '=', current.id).execute().then(() => undefined));
    return next;
  }

  async delete(tenantId: string, applicationId: string, idOrName: string): Promise<void> {
    const current = await this.require(tenantId, applicationId, idOrName);
    await this.write(tenantId, (scope) => scope.deleteFrom('federated_identity_credentials').where('id', '=', current.id).execute().then(() => undefined));
  }

  private async require(tenantId: string, applicationId: string, idOrName: string): Promise<FederatedIdentityCredential> {
    await requireApplication(this.ctx, tenantId, applicationId);
    const found = await this.get(tenantId, applicationId, idOrName);
    if (!found) {
      throw new DirectoryError('not_found', `Resource '${idOrName}' does not exist or one of its queried reference-property objects are not present.`);
    }
    return found;
  }

  private async write(tenantId: string, fn: (scope: TenantScope) => Promise<void>): Promise<void> {
    try {
      await this.ctx.store.transaction((trx) => fn(this.ctx.store.tenant(tenantId, trx)));
    } catch (err) {
      // Only a concurrent write gets here; checkUnique catches the rest with a precise message.
      if (isUniqueViolation(err)) throw new DirectoryError('conflict', 'A federated identity credential with the same name, or the same issuer and subject, already exists.', 'name');
      throw err;
    } finally {
      this.ctx.cache.invalidate(tenantId);
    }
  }
}

function checkUnique(others: FederatedIdentityCredential[], props: FederatedCredentialProps): void {
  if (others.some((c) => c.name.toLowerCase() === props.name.toLowerCase())) {
    throw new DirectoryError('conflict', `A federated identity credential named '${props.name}' already exists on this application.`, 'name');
  }
  if (others.some((c) => c.issuer === props.issuer && c.subject === props.subject)) {
    throw new DirectoryError('conflict', 'Issuer and subject combination already exists for this application.', 'subject');
  }
}

function toRow(applicationId: string, c: FederatedIdentityCredential): Omit<FederatedIdentityCredentialRow, 'tenant_id' | 'created_at'> {
  return {
    application_id: applicationId.toLowerCase(), id: c.id, name: c.name, issuer: c.issuer, subject: c.subject,
    audiences: JSON.stringify(c.audiences), description: c.description,
  };
}

function fromRow(r: FederatedIdentityCredentialRow): FederatedIdentityCredential {
  return { id: r.id, name: r.name, issuer: r.issuer, subject: r.subject, audiences: JSON.parse(r.audiences) as string[], description: r.description };
}
