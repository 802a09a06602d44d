/**
 * Graph's tenantAppManagementPolicy (`/policies/defaultAppManagementPolicy`) as Entrada keeps it, and how a
 * PATCH body is merged into it. Only the restrictions Entrada enforces are accepted: a lifetime cap on new
 * client secrets and a block on them. Anything else is refused rather than stored and silently not enforced.
 */
import { DirectoryError } from './errors.js';

export interface PasswordRestriction {
  restrictionType: 'passwordLifetime' | 'passwordAddition';
  /** ISO 8601 duration for passwordLifetime (e.g. "P730D"); null for passwordAddition. */
  maxLifetime: string | null;
  restrictForAppsCreatedAfterDateTime: string;
  state: 'enabled' | 'disabled';
}

export interface TenantAppManagementPolicy {
  id: string;
  displayName: string;
  description: string;
  isEnabled: boolean;
  applicationRestrictions: { passwordCredentials: PasswordRestriction[]; keyCredentials: never[] };
  servicePrincipalRestrictions: { passwordCredentials: never[]; keyCredentials: never[] };
}

/** The id Entra gives the tenant's default policy. */
export const DEFAULT_POLICY_ID = '00000000-0000-0000-0000-000000000000';
/** The portal caps secrets at 24 months; Entrada enforces that by default (Entra's own default policy is off). */
export const DEFAULT_MAX_PASSWORD_LIFETIME = 'P730D';

export function defaultPolicy(): TenantAppManagementPolicy {
  return {
    id: DEFAULT_POLICY_ID,
    displayName: 'Default app management tenant policy',
    description: 'Default tenant policy that enforces app management restrictions on applications and service principals.',
    isEnabled: true,
    applicationRestrictions: {
      passwordCredentials: [{
        restrictionType: 'passwordLifetime', maxLifetime: DEFAULT_MAX_PASSWORD_LIFETIME,
        // Every application, however old: the cap is the tenant's from the start.
        restrictForAppsCreatedAfterDateTime: '1970-01-01T00:00:00Z', state: 'enabled',
      }],
      keyCredentials: [],
    },
    servicePrincipalRestrictions: { passwordCredentials: [], keyCredentials: [] },
  };
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration (a year counts 365 days, a month 30), or undefined if it is not one. */
export function durationMs(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number, number];
  const ms = ((y * 365 + mo * 30 + w * 7 + d) * 24 + h) * 3_600_000 + mi * 60_000 + s * 1000;
  return ms > 0 ? ms : undefined;
}

function fail(target: string, message: string): never {
  throw new DirectoryError('invalid', message, target);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(body: Record<string, unknown>, known: string[], type: string, path: string): void {
  for (const name of Object.keys(body)) {
    if (!name.includes('@') && !known.includes(name)) fail(`${path}${name}`, `Property '${name}' does not exist on type 'microsoft.graph.${type}'.`);
  }
}

/** Merge a PATCH body into the current policy (properties given replace; collections are replaced whole). */
export function applyPolicyInput(current: TenantAppManagementPolicy, input: unknown): TenantAppManagementPolicy {
  if (!isObject(input)) fail('', 'The request body must be a JSON object.');
  checkKeys(input, ['id', 'displayName', 'description', 'isEnabled', 'applicationRestrictions', 'servicePrincipalRestrictions'], 'tenantAppManagementPolicy', '');
  const next = structuredClone(current);
  if (input.id !== undefined && input.id !== current.id) fail('id', "Property 'id' is read-only and cannot be set.");
  for (const name of ['displayName', 'description'] as const) {
    if (input[name] === undefined) continue;
    if (typeof input[name] !== 'string') fail(name, `Invalid value specified for property '${name}' of resource 'TenantAppManagementPolicy'.`);
    next[name] = input[name];
  }
  if (input.isEnabled !== undefined) {
    if (typeof input.isEnabled !== 'boolean') fail('isEnabled', "Invalid value specified for property 'isEnabled' of resource 'TenantAppManagementPolicy'.");
    next.isEnabled = input.isEnabled;
  }
  if (input.applicationRestrictions !== undefined) {
    const r = restrictions(input.applicationRestrictions, 'applicationRestrictions');
    if (r.passwordCredentials !== undefined) next.applicationRestrictions.passwordCredentials = passwordRestrictions(r.passwordCredentials);
  }
  if (input.servicePrincipalRestrictions !== undefined) {
    const r = restrictions(input.servicePrincipalRestrictions, 'servicePrincipalRestrictions');
    if (Array.isArray(r.passwordCredentials) && r.passwordCredentials.length > 0) {
      fail('servicePrincipalRestrictions.passwordCredentials', 'Service principals hold no credentials in Entrada, so servicePrincipalRestrictions must be empty.');
    }
  }
  return next;
}

function restrictions(value: unknown, path: string): { passwordCredentials?: unknown } {
  if (value === null) return { passwordCredentials: [] };
  if (!isObject(value)) fail(path, `Invalid value specified for property '${path}' of resource 'TenantAppManagementPolicy'.`);
  checkKeys(value, ['passwordCredentials', 'keyCredentials'], 'appManagementApplicationConfiguration', `${path}.`);
  if (value.keyCredentials !== undefined && value.keyCredentials !== null && !(Array.isArray(value.keyCredentials) && value.keyCredentials.length === 0)) {
    fail(`${path}.keyCredentials`, 'Certificate (keyCredentials) restrictions are not supported by Entrada yet; only passwordCredentials restrictions (passwordLifetime, passwordAddition) are.');
  }
  return { passwordCredentials: value.passwordCredentials ?? undefined };
}

function passwordRestrictions(value: unknown): PasswordRestriction[] {
  const path = 'applicationRestrictions.passwordCredentials';
  if (value === null) return [];
  if (!Array.isArray(value)) fail(path, `Invalid value specified for property 'passwordCredentials' of resource 'AppManagementApplicationConfiguration'.`);
  const seen = new Set<string>();
  return value.map((item, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(item)) fail(at, "Invalid value specified for property 'passwordCredentials' of resource 'AppManagementApplicationConfiguration'.");
    checkKeys(item, ['restrictionType', 'maxLifetime', 'restrictForAppsCreatedAfterDateTime', 'state'], 'passwordCredentialConfiguration', `${at}.`);
    const type = item.restrictionType;
    if (type !== 'passwordLifetime' && type !== 'passwordAddition') {
      fail(`${at}.restrictionType`, `Restriction type '${String(type)}' is not supported by Entrada; use passwordLifetime or passwordAddition.`);
    }
    if (seen.has(type)) fail(`${at}.restrictionType`, `Each restrictionType can be used only once per policy; '${type}' appears twice.`);
    seen.add(type);
    let maxLifetime: string | null = null;
    if (type === 'passwordLifetime') {
      if (typeof item.maxLifetime !== 'string' || durationMs(item.maxLifetime) === undefined) {
        fail(`${at}.maxLifetime`, 'maxLifetime must be a positive ISO 8601 duration such as P365D; it is required for passwordLifetime.');
      }
      maxLifetime = item.maxLifetime;
    } else if (item.maxLifetime !== undefined && item.maxLifetime !== null) {
      fail(`${at}.maxLifetime`, 'maxLifetime applies to passwordLifetime only.');
    }
    const after = item.restrictForAppsCreatedAfterDateTime ?? '1970-01-01T00:00:00Z';
    if (typeof after !== 'string' || Number.isNaN(Date.parse(after))) {
      fail(`${at}.restrictForAppsCreatedAfterDateTime`, "Invalid value specified for property 'restrictForAppsCreatedAfterDateTime' of resource 'PasswordCredentialConfiguration'.");
    }
    const state = item.state ?? 'enabled';
    if (state !== 'enabled' && state !== 'disabled') fail(`${at}.state`, "state must be 'enabled' or 'disabled'.");
    return { restrictionType: type, maxLifetime, restrictForAppsCreatedAfterDateTime: after, state };
  });
}
