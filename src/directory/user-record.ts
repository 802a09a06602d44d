/** How a user is kept in the `users` table and read back: the columns, the JSON `data`, and the user name's rules. */
import type { UserRow } from '../store/schema.js';
import { parseData } from './context.js';
import { DirectoryError } from './errors.js';
import { PROFILE_PROPERTIES, type ProfileProperty } from './user-input.js';

export interface User {
  id: string;
  userPrincipalName: string;
  displayName: string;
  accountEnabled: boolean;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  jobTitle: string | null;
  mailNickname: string;
  createdDateTime: string;
  /** The user must choose a new password at the next sign-in (passwordProfile.forceChangePasswordNextSignIn). */
  forceChangePasswordNextSignIn: boolean;
  forceChangePasswordNextSignInWithMfa: boolean;
  /** When the password was last set (Graph's lastPasswordChangeDateTime); absent for users stored before it was kept. */
  passwordLastChanged?: string;
  /** Every free-form profile property (givenName, usageLocation, department, …), null when unset. */
  profile: Record<ProfileProperty, string | null>;
  businessPhones: string[];
  /** The FHIR resource the user is (SMART's fhirUser), when set: `Patient/123` or an absolute URL (fhir-user.ts). */
  fhirUser?: string;
}

/** The JSON `data` column. Users stored by issue 2 have only givenName/surname/mail/jobTitle, at the top level. */
export interface UserData {
  profile?: Partial<Record<ProfileProperty, string | null>>;
  mailNickname?: string;
  businessPhones?: string[];
  forceChangePasswordNextSignIn?: boolean;
  forceChangePasswordNextSignInWithMfa?: boolean;
  passwordLastChanged?: string;
  fhirUser?: string | null;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  jobTitle?: string | null;
}

export type UserRowLike = Pick<UserRow, 'id' | 'user_principal_name' | 'display_name' | 'account_enabled' | 'created_at' | 'data'>;

const UPN = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9.-]{1,253}$/;

/** The user name, lower-cased, if it is well formed and in one of the tenant's domains. */
export function checkUserPrincipalName(input: string, domains: string[]): string {
  const upn = input.toLowerCase();
  if (!UPN.test(upn)) throw new DirectoryError('invalid', `Invalid value specified for property 'userPrincipalName' of resource 'User'.`, 'userPrincipalName');
  if (!domains.includes(upn.slice(upn.indexOf('@') + 1))) {
    throw new DirectoryError('invalid', 'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.', 'userPrincipalName');
  }
  return upn;
}

/** The columns a write sets (not id, password or creation time). */
export function rowValues(upn: string, displayName: string, accountEnabled: boolean, data: UserData) {
  return {
    user_principal_name: upn, display_name: displayName, display_name_lower: displayName.toLowerCase(),
    account_enabled: accountEnabled ? 1 : 0, data: JSON.stringify(data),
  };
}

export function toUser(row: UserRowLike): User {
  const data = parseData<UserData>(row.data);
  const legacy = { givenName: data.givenName, surname: data.surname, mail: data.mail, jobTitle: data.jobTitle };
  const profile = Object.fromEntries(PROFILE_PROPERTIES.map((p) => [p, data.profile?.[p] ?? legacy[p as keyof typeof legacy] ?? null])) as User['profile'];
  const user: User = {
    id: row.id, userPrincipalName: row.user_principal_name, displayName: row.display_name, accountEnabled: row.account_enabled === 1,
    givenName: profile.givenName, surname: profile.surname, mail: profile.mail, jobTitle: profile.jobTitle,
    mailNickname: data.mailNickname ?? row.user_principal_name.split('@')[0]!, createdDateTime: row.created_at,
    forceChangePasswordNextSignIn: data.forceChangePasswordNextSignIn ?? false,
    forceChangePasswordNextSignInWithMfa: data.forceChangePasswordNextSignInWithMfa ?? false,
    profile, businessPhones: data.businessPhones ?? [],
  };
  if (data.passwordLastChanged) user.passwordLastChanged = data.passwordLastChanged;
  if (data.fhirUser) user.fhirUser = data.fhirUser;
  return user;
}
