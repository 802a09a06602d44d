import { newPassword } from '../lib/crypto.js';
import type { Directory } from './directory.js';
import { DIRECTORY_ROLES } from './directory-roles.js';
import { DirectoryError } from './errors.js';
import { FIRST_PARTY_APPS } from './first-party.js';
import { passwordPolicyViolation } from './password-policy.js';
import { Tenants, type Tenant } from './tenants.js';

export interface BootstrapOptions {
  tenantId?: string;
  tenantDomain: string;
  adminPassword?: string;
  /** `{workspace}/{service}` or 'none'. */
  fhirService: string;
}

export interface BootstrapResult {
  tenant: Tenant;
  adminUserPrincipalName: string;
  /** Set only when the admin was created now with a generated password: print it once. */
  generatedAdminPassword?: string;
  fhirService?: { workspace: string; name: string };
}

/**
 * First start, idempotently: signing key, default tenant, first-party service principals, the Global
 * Administrator, and the configured FHIR service on which the admin is FHIR Data Contributor. A restart reuses it all.
 */
export async function bootstrap(directory: Directory, options: BootstrapOptions): Promise<BootstrapResult> {
  await directory.signingKeys.ensureActive();
  const tenant = (await directory.tenants.list())[0]
    ?? await directory.tenants.create({ id: options.tenantId, displayName: 'Default Directory', domain: options.tenantDomain });
  for (const app of FIRST_PARTY_APPS.filter((a) => a.inEveryTenant)) {
    await directory.servicePrincipals.ensure(tenant.id, app.appId);
  }

  const upn = `admin@${Tenants.defaultDomain(tenant)}`;
  let admin = await directory.users.getByUpn(tenant.id, upn);
  let generatedAdminPassword: string | undefined;
  if (!admin) {
    const password = options.adminPassword ?? newPassword();
    if (!options.adminPassword) generatedAdminPassword = password;
    // Said here in the setting's own words: the directory's refusal would name a Graph property nobody sent.
    const violation = passwordPolicyViolation(password, upn);
    if (violation) throw new DirectoryError('invalid', `ENTRADA_ADMIN_PASSWORD does not meet the password policy: ${violation}`);
    admin = await directory.users.create(tenant.id, { userPrincipalName: upn, displayName: 'Administrator', password });
  }
  await directory.directoryRoles.assign(tenant.id, admin.id, DIRECTORY_ROLES.globalAdministrator.id);

  const result: BootstrapResult = { tenant, adminUserPrincipalName: upn, ...(generatedAdminPassword ? { generatedAdminPassword } : {}) };
  if (options.fhirService === 'none') return result;
  const [workspace, name] = options.fhirService.split('/') as [string, string];
  await ignoreConflict(() => directory.healthcare.createWorkspace(tenant.id, workspace));
  await ignoreConflict(() => directory.healthcare.createFhirService(tenant.id, workspace, name));
  const service = (await directory.healthcare.fhirService(tenant.id, workspace, name))!;
  await ignoreConflict(() => directory.healthcare.assignRole(tenant.id, {
    principalId: admin.id, principalType: 'User', role: 'FHIR Data Contributor', scope: service.url,
  }));
  return { ...result, fhirService: { workspace, name } };
}

async function ignoreConflict(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof DirectoryError && err.kind === 'conflict')) throw err;
  }
}
