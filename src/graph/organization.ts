/** `/organization`: the caller's tenant, as a one-item collection (Graph's shape) and by id. */
import type { Tenant } from '../directory/tenants.js';
import { authorizeProfileRead } from './authorize.js';
import type { GraphCall } from './context.js';
import { graphErrors } from './errors.js';
import { checkQueryOptions, parseSelect, queryOption } from './odata-query.js';
import { collection, entity } from './odata.js';
import type { GraphRouter } from './router.js';

/** Properties Graph has and we have no data for are present and empty, so clients that read them find them. */
export function serializeOrganization(tenant: Tenant): Record<string, unknown> {
  return {
    id: tenant.id,
    deletedDateTime: null,
    businessPhones: [],
    city: null,
    country: null,
    countryLetterCode: null,
    createdDateTime: tenant.createdDateTime,
    defaultUsageLocation: null,
    displayName: tenant.displayName,
    isMultipleDataLocationsForServicesEnabled: null,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    partnerTenantType: null,
    postalCode: null,
    preferredLanguage: 'en',
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: null,
    street: null,
    technicalNotificationMails: [],
    tenantType: 'AAD',
    directorySizeQuota: null,
    privacyProfile: null,
    assignedPlans: [],
    onPremisesProvisioningErrors: [],
    provisionedPlans: [],
    verifiedDomains: tenant.domains.map((d) => ({
      capabilities: 'Email, OfficeCommunicationsOnline',
      isDefault: d.isDefault,
      isInitial: d.isInitial,
      name: d.name,
      type: 'Managed',
    })),
  };
}

const SELECTABLE = { type: 'organization', selectable: Object.keys(serializeOrganization({ id: '', displayName: '', createdDateTime: '', domains: [] })) };

async function tenantOf(call: GraphCall): Promise<Record<string, unknown>> {
  const tenant = await call.deps.directory.tenants.get(call.tenantId);
  // The token named this tenant and the verifier found it; it vanishing now is not the caller's fault.
  if (!tenant) throw new Error(`tenant ${call.tenantId} disappeared`);
  return serializeOrganization(tenant);
}

async function list(call: GraphCall) {
  authorizeProfileRead(call.caller);
  checkQueryOptions(call.query, new Set(['$select']));
  const select = parseSelect(queryOption(call.query, '$select'), SELECTABLE);
  return collection(call, 'organization', { items: [await tenantOf(call)] }, select);
}

async function get(call: GraphCall) {
  authorizeProfileRead(call.caller);
  checkQueryOptions(call.query, new Set(['$select']));
  const select = parseSelect(queryOption(call.query, '$select'), SELECTABLE);
  // Another tenant's organization is as invisible as any of its objects.
  if (call.key.value !== call.tenantId) throw graphErrors.notFound(call.key.value);
  return entity(call, 'organization', await tenantOf(call), { select });
}

export function organizationRoutes(router: GraphRouter): void {
  router.path('/organization', { GET: list });
  router.entity('organization', '', { GET: get });
}
