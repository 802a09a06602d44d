/**
 * The tenant's default app management policy, kept in the tenant's `data`, and its one job on the write path:
 * deciding whether a new client secret may be added, and for how long.
 */
import { DirectoryError } from './errors.js';
import type { DirectoryContext } from './context.js';
import {
  applyPolicyInput, defaultPolicy, durationMs, type PasswordRestriction, type TenantAppManagementPolicy,
} from './app-management-policy-input.js';

export { DEFAULT_POLICY_ID, type TenantAppManagementPolicy } from './app-management-policy-input.js';

interface TenantData { appManagementPolicy?: TenantAppManagementPolicy }

/**
 * A day of grace on the lifetime cap: calendar presets ("24 months", "12 months") span a leap day now and
 * then, and must not be refused for it by a cap written in days.
 */
const LIFETIME_GRACE_MS = 86_400_000;

export interface PasswordAllowance {
  policyId: string;
  /** The longest lifetime a new secret of this application may have, if the policy caps it: ISO 8601 and ms. */
  maxLifetime?: string;
  maxLifetimeMs?: number;
}

export class AppManagementPolicies {
  constructor(private readonly ctx: DirectoryContext) {}

  async get(tenantId: string): Promise<TenantAppManagementPolicy> {
    return (await this.data(tenantId)).appManagementPolicy ?? defaultPolicy();
  }

  async update(tenantId: string, input: unknown): Promise<TenantAppManagementPolicy> {
    return this.ctx.store.transaction(async (trx) => {
      const row = await trx.selectFrom('tenants').select('data').where('id', '=', tenantId).executeTakeFirst();
      if (!row) throw new DirectoryError('not_found', `Tenant '${tenantId}' not found.`);
      const data = JSON.parse(row.data) as TenantData;
      const next = applyPolicyInput(data.appManagementPolicy ?? defaultPolicy(), input);
      await trx.updateTable('tenants').set({ data: JSON.stringify({ ...data, appManagementPolicy: next }) }).where('id', '=', tenantId).execute();
      return next;
    });
  }

  /** Whether an application created at `appCreated` may get a new secret, and with which cap; refusals throw. */
  async passwordAllowance(tenantId: string, appCreated: string): Promise<PasswordAllowance> {
    const policy = await this.get(tenantId);
    const applies = (r: PasswordRestriction | undefined): r is PasswordRestriction => r !== undefined && policy.isEnabled
      && r.state === 'enabled' && Date.parse(appCreated) >= Date.parse(r.restrictForAppsCreatedAfterDateTime);
    const restrictions = policy.applicationRestrictions.passwordCredentials;
    const addition = restrictions.find((r) => r.restrictionType === 'passwordAddition');
    if (applies(addition)) {
      throw new DirectoryError('invalid', `Credential type not allowed as per assigned policy '${policy.id}'. The tenant's app management policy blocks client secrets (passwordAddition); use a certificate or a federated credential.`, 'passwordCredential', 'CredentialTypeNotAllowedAsPerAppPolicy');
    }
    const lifetime = restrictions.find((r) => r.restrictionType === 'passwordLifetime');
    if (!applies(lifetime) || !lifetime.maxLifetime) return { policyId: policy.id };
    return { policyId: policy.id, maxLifetime: lifetime.maxLifetime, maxLifetimeMs: durationMs(lifetime.maxLifetime) };
  }

  private async data(tenantId: string): Promise<TenantData> {
    const row = await this.ctx.store.db.selectFrom('tenants').select('data').where('id', '=', tenantId).executeTakeFirst();
    return row ? JSON.parse(row.data) as TenantData : {};
  }
}

/** Refuse a secret lifetime above the policy's cap, naming the policy as Entra does. */
export function checkPasswordLifetime(allowance: PasswordAllowance, start: Date, end: Date): void {
  const max = allowance.maxLifetimeMs;
  if (max === undefined || end.getTime() - start.getTime() <= max + LIFETIME_GRACE_MS) return;
  throw new DirectoryError('invalid', `Credential lifetime exceeds the max value allowed as per assigned policy '${allowance.policyId}'. `
    + `The tenant's app management policy (passwordLifetime) allows at most ${allowance.maxLifetime}; choose an earlier endDateTime.`,
  'endDateTime', 'CredentialInvalidLifetimeAsPerAppPolicy');
}
