import { hashPassword, verifyPassword } from '../lib/crypto.js';
import { isGuid, newGuid } from '../lib/ids.js';
import { isUniqueViolation } from '../store/store.js';
import type { TenantScope } from '../store/tenant-scope.js';
import { nowIso, type DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';
import { assertPasswordPolicy, passwordPolicyViolation } from './password-policy.js';
import type { Tenants } from './tenants.js';
import { userChanges, type UserChanges } from './user-input.js';
import { checkUserPrincipalName, rowValues, toUser, type User, type UserData } from './user-record.js';
import { whereStartsWith } from '../store/starts-with.js';

export type { User } from './user-record.js';

export interface NewUser {
  userPrincipalName: string;
  displayName: string;
  password: string;
  accountEnabled?: boolean;
  givenName?: string;
  surname?: string;
  /** Defaults to the part of the user name before '@', as az does. */
  mailNickname?: string;
  forceChangePasswordNextSignIn?: boolean;
  forceChangePasswordNextSignInWithMfa?: boolean;
}

export interface UserQuery {
  userPrincipalName?: string;
  userPrincipalNameStartsWith?: string;
  displayName?: string;
  displayNameStartsWith?: string;
  accountEnabled?: boolean;
  top: number;
  /** Return users whose id sorts after this one (the skip token). */
  after?: string;
}

export interface UserPage { items: User[]; next?: string; count?: number }

/** Directory users: profile, password (scrypt) and the password policy, sign-in state. */
export class Users {
  /** A valid hash to compare against when the user does not exist, so timing does not reveal that. */
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly ctx: DirectoryContext, private readonly tenants: Tenants) {}

  async create(tenantId: string, input: NewUser): Promise<User> {
    const changes = userChanges({
      accountEnabled: input.accountEnabled ?? true, displayName: input.displayName, userPrincipalName: input.userPrincipalName,
      mailNickname: input.mailNickname ?? input.userPrincipalName.split('@')[0],
      passwordProfile: { password: input.password, forceChangePasswordNextSignIn: input.forceChangePasswordNextSignIn,
        forceChangePasswordNextSignInWithMfa: input.forceChangePasswordNextSignInWithMfa },
      ...(input.givenName !== undefined ? { givenName: input.givenName } : {}),
      ...(input.surname !== undefined ? { surname: input.surname } : {}),
    }, 'create');
    return this.createFromGraph(tenantId, changes);
  }

  /** Create from a checked Graph body (see userChanges). */
  async createFromGraph(tenantId: string, changes: UserChanges): Promise<User> {
    const upn = await this.checkUpn(tenantId, changes.userPrincipalName!);
    const password = changes.passwordProfile!.password!;
    assertPasswordPolicy(password, upn);
    const id = newGuid();
    const now = nowIso(this.ctx);
    const data: UserData = {
      profile: changes.profile, mailNickname: changes.mailNickname!, businessPhones: changes.businessPhones ?? [],
      forceChangePasswordNextSignIn: changes.passwordProfile?.forceChangePasswordNextSignIn ?? false,
      forceChangePasswordNextSignInWithMfa: changes.passwordProfile?.forceChangePasswordNextSignInWithMfa ?? false,
      passwordLastChanged: now,
      ...(changes.fhirUser ? { fhirUser: changes.fhirUser } : {}),
    };
    const hash = await hashPassword(password);
    await this.write(tenantId, (scope) => scope.insert('users', {
      id, ...rowValues(upn, changes.displayName!, changes.accountEnabled!, data), password_hash: hash, created_at: now,
    }));
    return (await this.get(tenantId, id))!;
  }

  async get(tenantId: string, id: string): Promise<User | undefined> {
    if (!isGuid(id)) return undefined;
    const row = await this.ctx.store.tenant(tenantId).selectFrom('users').selectAll().where('id', '=', id.toLowerCase()).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async getByUpn(tenantId: string, upn: string): Promise<User | undefined> {
    const row = await this.ctx.store.tenant(tenantId).selectFrom('users').selectAll()
      .where('user_principal_name', '=', upn.toLowerCase()).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  /** By object id or by user principal name, as Graph's `/users/{id | userPrincipalName}` addresses a user. */
  async find(tenantId: string, idOrUpn: string): Promise<User | undefined> {
    return isGuid(idOrUpn) ? this.get(tenantId, idOrUpn) : this.getByUpn(tenantId, idOrUpn);
  }

  /**
   * Check a user's password; 'unknown' when no such user, 'bad' when the password is wrong. A disabled account or
   * one that must change its password still authenticates: the caller decides what each means for the sign-in.
   */
  async authenticate(tenantId: string, upn: string, password: string): Promise<User | 'unknown' | 'bad'> {
    const row = await this.ctx.store.tenant(tenantId).selectFrom('users').selectAll()
      .where('user_principal_name', '=', upn.toLowerCase()).executeTakeFirst();
    if (!row || !row.password_hash) {
      this.dummyHash ??= hashPassword('not a password');
      await verifyPassword(password, await this.dummyHash);
      return 'unknown';
    }
    return (await verifyPassword(password, row.password_hash)) ? toUser(row) : 'bad';
  }

  /** Every user of the tenant, by user principal name. */
  async list(tenantId: string): Promise<User[]> {
    const rows = await this.ctx.store.tenant(tenantId).selectFrom('users').selectAll().orderBy('user_principal_name').execute();
    return rows.map(toUser);
  }

  /** One page of users matching Graph's supported filters, in id order. */
  async query(tenantId: string, query: UserQuery, withCount = false): Promise<UserPage> {
    const filtered = () => {
      let q = this.ctx.store.tenant(tenantId).selectFrom('users');
      if (query.userPrincipalName !== undefined) q = q.where('user_principal_name', '=', query.userPrincipalName.toLowerCase());
      if (query.userPrincipalNameStartsWith !== undefined) q = whereStartsWith(q, 'user_principal_name', query.userPrincipalNameStartsWith);
      if (query.displayName !== undefined) q = q.where('display_name_lower', '=', query.displayName.toLowerCase());
      if (query.displayNameStartsWith !== undefined) q = whereStartsWith(q, 'display_name_lower', query.displayNameStartsWith);
      if (query.accountEnabled !== undefined) q = q.where('account_enabled', '=', query.accountEnabled ? 1 : 0);
      return q;
    };
    let page = filtered().selectAll().orderBy('id').limit(query.top + 1);
    if (query.after) page = page.where('id', '>', query.after);
    const rows = await page.execute();
    const result: UserPage = { items: rows.slice(0, query.top).map(toUser) };
    if (rows.length > query.top) result.next = rows[query.top - 1]!.id;
    if (withCount) {
      const row = await filtered().select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
      result.count = Number(row?.n ?? 0);
    }
    return result;
  }

  /** Graph's PATCH: profile, name, account state, and (an admin's reset) passwordProfile. */
  async update(tenantId: string, id: string, patch: Record<string, unknown>): Promise<User> {
    const current = await this.mustGet(tenantId, id);
    const changes = userChanges(patch, 'update');
    const upn = changes.userPrincipalName === undefined ? current.userPrincipalName : await this.checkUpn(tenantId, changes.userPrincipalName);
    const profile = changes.passwordProfile;
    if (profile?.password !== undefined) assertPasswordPolicy(profile.password, upn);
    const now = nowIso(this.ctx);
    const data: UserData = {
      profile: { ...current.profile, ...changes.profile }, mailNickname: changes.mailNickname ?? current.mailNickname,
      businessPhones: changes.businessPhones ?? current.businessPhones,
      // Graph: a password set by someone else must be changed at the next sign-in unless the request says otherwise.
      forceChangePasswordNextSignIn: profile?.forceChangePasswordNextSignIn ?? (profile?.password !== undefined ? true : current.forceChangePasswordNextSignIn),
      forceChangePasswordNextSignInWithMfa: profile?.forceChangePasswordNextSignInWithMfa ?? current.forceChangePasswordNextSignInWithMfa,
      passwordLastChanged: profile?.password !== undefined ? now : current.passwordLastChanged,
      fhirUser: changes.fhirUser !== undefined ? changes.fhirUser : current.fhirUser ?? null,
    };
    const accountEnabled = changes.accountEnabled ?? current.accountEnabled;
    const hash = profile?.password !== undefined ? await hashPassword(profile.password) : undefined;
    await this.write(tenantId, async (scope) => {
      await scope.updateTable('users').set({
        ...rowValues(upn, changes.displayName ?? current.displayName, accountEnabled, data), ...(hash ? { password_hash: hash } : {}),
      }).where('id', '=', current.id).execute();
      // As in Entra: a new password or a disabled account ends every sign-in: browser sessions and refresh tokens.
      if (hash || !accountEnabled) await endSignIns(scope, current.id, now);
    });
    return (await this.get(tenantId, current.id))!;
  }

  /** An administrator sets the password (reset); `forceChange` makes the user choose a new one at the next sign-in. */
  async setPassword(tenantId: string, id: string, password: string, forceChange: boolean): Promise<User> {
    return this.update(tenantId, id, { passwordProfile: { password, forceChangePasswordNextSignIn: forceChange } });
  }

  /**
   * The user's own change (the sign-in page's forced change): the current password must be right and the new one
   * must pass the policy and differ from it. Clears both forced-change flags. Refusals are DirectoryError('invalid')
   * with target 'currentPassword' or 'newPassword'.
   */
  async changePassword(tenantId: string, id: string, current: string, next: string): Promise<User> {
    const user = await this.mustGet(tenantId, id);
    if (await this.authenticate(tenantId, user.userPrincipalName, current) === 'bad') {
      throw new DirectoryError('invalid', 'The current password is incorrect.', 'currentPassword');
    }
    if (next === current) throw new DirectoryError('invalid', 'The new password must be different from the current one.', 'newPassword');
    const violation = passwordPolicyViolation(next, user.userPrincipalName);
    if (violation) throw new DirectoryError('invalid', violation, 'newPassword');
    return this.update(tenantId, id, {
      passwordProfile: { password: next, forceChangePasswordNextSignIn: false, forceChangePasswordNextSignInWithMfa: false },
    });
  }

  /** Delete a user and everything that names it: memberships, role and app role assignments, grants, sessions. */
  async delete(tenantId: string, id: string): Promise<void> {
    const user = await this.mustGet(tenantId, id);
    await this.write(tenantId, async (scope) => {
      await scope.deleteFrom('group_members').where('member_id', '=', user.id).execute();
      await scope.deleteFrom('app_role_assignments').where('principal_id', '=', user.id).execute();
      await scope.deleteFrom('directory_role_assignments').where('principal_id', '=', user.id).execute();
      await scope.deleteFrom('oauth2_permission_grants').where('principal_id', '=', user.id).execute();
      await scope.deleteFrom('application_owners').where('principal_id', '=', user.id).execute();
      await scope.deleteFrom('role_assignments').where('principal_id', '=', user.id).execute();
      await scope.deleteFrom('refresh_tokens').where('user_id', '=', user.id).execute();
      await scope.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      await scope.deleteFrom('users').where('id', '=', user.id).execute();
    });
  }

  /** Used by first start only: whether anyone exists yet. */
  async count(tenantId: string): Promise<number> {
    const row = await this.ctx.store.tenant(tenantId).selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  private async mustGet(tenantId: string, id: string): Promise<User> {
    const user = await this.get(tenantId, id);
    if (!user) throw new DirectoryError('not_found', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
    return user;
  }

  private async checkUpn(tenantId: string, upn: string): Promise<string> {
    const tenant = await this.tenants.get(tenantId);
    if (!tenant) throw new DirectoryError('not_found', `Tenant '${tenantId}' not found.`);
    return checkUserPrincipalName(upn, tenant.domains.map((d) => d.name));
  }

  private async write(tenantId: string, fn: (scope: TenantScope) => Promise<unknown>): Promise<void> {
    try {
      await this.ctx.store.transaction((trx) => fn(this.ctx.store.tenant(tenantId, trx)));
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new DirectoryError('conflict', 'Another object with the same value for property userPrincipalName already exists.', 'userPrincipalName');
      }
      throw err;
    } finally {
      this.ctx.cache.invalidate(tenantId);
    }
  }
}


async function endSignIns(scope: TenantScope, userId: string, now: string): Promise<void> {
  await scope.updateTable('refresh_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  await scope.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
