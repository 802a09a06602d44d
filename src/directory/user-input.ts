/**
 * Graph `user` bodies (POST and PATCH) checked and turned into typed changes. Input is arbitrary JSON: every
 * wrong type or missing required property surfaces as DirectoryError('invalid'), never a TypeError.
 */
import { DirectoryError } from './errors.js';
import { FHIR_USER_PROPERTY, fhirUserInput } from './fhir-user.js';

export interface PasswordProfileInput {
  password?: string;
  forceChangePasswordNextSignIn?: boolean;
  forceChangePasswordNextSignInWithMfa?: boolean;
}

/** Free-form profile properties Entrada keeps and shows but gives no meaning to (usageLocation, department, …). */
export const PROFILE_PROPERTIES = ['givenName', 'surname', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage',
  'usageLocation', 'department', 'companyName', 'city', 'country', 'employeeId'] as const;
export type ProfileProperty = (typeof PROFILE_PROPERTIES)[number];

export interface UserChanges {
  displayName?: string;
  userPrincipalName?: string;
  accountEnabled?: boolean;
  mailNickname?: string;
  profile: Partial<Record<ProfileProperty, string | null>>;
  businessPhones?: string[];
  passwordProfile?: PasswordProfileInput;
  /** The fhirUser directory extension; null clears it. */
  fhirUser?: string | null;
}

const REQUIRED_ON_CREATE = ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName', 'passwordProfile'] as const;
const READ_ONLY = new Set(['id', 'createdDateTime', 'deletedDateTime', 'userType', 'lastPasswordChangeDateTime', 'creationType']);
/** Exchange's rule for aliases: printable ASCII without the characters mail addresses and lists give meaning to. */
const MAIL_NICKNAME = /^[!#$%&'*+\-/=?^_`{|}~A-Za-z0-9.]{1,64}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}$/;

export function invalidUserProperty(name: string): DirectoryError {
  return new DirectoryError('invalid', `Invalid value specified for property '${name}' of resource 'User'.`, name);
}

/** The changes a Graph body asks for; on create, the properties Graph requires must all be there. */
export function userChanges(body: Record<string, unknown>, mode: 'create' | 'update'): UserChanges {
  const changes: UserChanges = { profile: {} };
  if (mode === 'create') {
    for (const name of REQUIRED_ON_CREATE) if (body[name] === undefined || body[name] === null) throw invalidUserProperty(name);
  }
  for (const [name, value] of Object.entries(body)) {
    if (name.includes('@')) continue; // OData annotations such as @odata.type
    if (READ_ONLY.has(name)) throw new DirectoryError('invalid', `Property '${name}' is read-only and cannot be set.`, name);
    switch (name) {
      case 'accountEnabled':
        if (typeof value !== 'boolean') throw invalidUserProperty(name);
        changes.accountEnabled = value;
        break;
      case 'displayName':
        if (typeof value !== 'string' || value.trim() === '' || value.length > 256) throw invalidUserProperty(name);
        changes.displayName = value;
        break;
      case 'userPrincipalName':
        if (typeof value !== 'string') throw invalidUserProperty(name);
        changes.userPrincipalName = value;
        break;
      case 'mailNickname':
        if (typeof value !== 'string' || !MAIL_NICKNAME.test(value)) throw invalidUserProperty(name);
        changes.mailNickname = value;
        break;
      case 'businessPhones':
        if (!Array.isArray(value) || value.length > 1 || !value.every((p) => typeof p === 'string' && p.length <= 64)) throw invalidUserProperty(name);
        changes.businessPhones = value as string[];
        break;
      case 'passwordProfile':
        changes.passwordProfile = passwordProfile(value, mode);
        break;
      case FHIR_USER_PROPERTY:
        changes.fhirUser = fhirUserInput(value);
        break;
      default:
        if (!(PROFILE_PROPERTIES as readonly string[]).includes(name)) {
          throw new DirectoryError('invalid', `Property '${name}' does not exist on type 'microsoft.graph.user' or cannot be set.`, name);
        }
        changes.profile[name as ProfileProperty] = profileValue(name, value);
    }
  }
  return changes;
}

function profileValue(name: string, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length > 256) throw invalidUserProperty(name);
  if (name === 'mail' && !EMAIL.test(value)) throw invalidUserProperty(name);
  return value;
}

function passwordProfile(value: unknown, mode: 'create' | 'update'): PasswordProfileInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidUserProperty('passwordProfile');
  const input = value as Record<string, unknown>;
  const out: PasswordProfileInput = {};
  if (input.password !== undefined && input.password !== null) {
    if (typeof input.password !== 'string') throw invalidUserProperty('passwordProfile');
    out.password = input.password;
  } else if (mode === 'create') {
    throw invalidUserProperty('passwordProfile');
  }
  for (const flag of ['forceChangePasswordNextSignIn', 'forceChangePasswordNextSignInWithMfa'] as const) {
    if (input[flag] === undefined || input[flag] === null) continue;
    if (typeof input[flag] !== 'boolean') throw invalidUserProperty('passwordProfile');
    out[flag] = input[flag];
  }
  return out;
}
