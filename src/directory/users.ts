import { hashPassword, verifyPassword } from '../lib/crypto.js';
import { isGuid, newGuid } from '../lib/ids.js';
import { isUniqueViolation } from '../store/store.js';
import { nowIso, parseData, type DirectoryContext } from './context.js';
import { DirectoryError } from './errors.js';
import { Tenants } from './tenants.js';

export interface User {
  id: string;
  userPrincipalName: string;
  displayName: string;
  accountEnabled: boolean;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  jobTitle: string | null;
  createdDateTime: string;
}

interface UserData { givenName: string | null; surname: string | null; mail: string | null; jobTitle: string | null }

export interface NewUser {
  userPrincipalName: string;
  displayName: string;
  password: string;
  accountEnabled?: boolean;
  givenName?: string;
  surname?: string;
}

const UPN = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9.-]{1,253}$/;

/** Directory users: enough for the admin and for ROPC; passwords hashed with scrypt. */
export class Users {
  /** A valid hash to compare against when the user does not exist, so timing does not reveal that. */
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly ctx: DirectoryContext, private readonly tenants: Tenants) {}

  async create(tenantId: string, input: NewUser): Promise<User> {
    const tenant = await this.tenants.get(tenantId);
    if (!tenant) throw new DirectoryError('not_found', `Tenant '${tenantId}' not found.`);
    const upn = input.userPrincipalName.toLowerCase();
    if (!UPN.test(upn)) throw new DirectoryError('invalid', `Invalid value specified for property 'userPrincipalName' of resource 'User'.`, 'userPrincipalName');
    const domain = upn.slice(upn.indexOf('@') + 1);
    if (!tenant.domains.some((d) => d.name === domain)) {
      throw new DirectoryError('invalid', `The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.`, 'userPrincipalName');
    }
    if (!input.displayName || input.displayName.length > 256) {
      throw new DirectoryError('invalid', "Invalid value specified for property 'displayName' of resource 'User'.", 'displayName');
    }
    const id = newGuid();
    const data: UserData = { givenName: input.givenName ?? null, surname: input.surname ?? null, mail: null, jobTitle: null };
    try {
      await this.ctx.store.tenant(tenantId).insert('users', {
        id, user_principal_name: upn, display_name: input.displayName, password_hash: await hashPassword(input.password),
        account_enabled: input.accountEnabled === false ? 0 : 1, created_at: nowIso(this.ctx), data: JSON.stringify(data),
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new DirectoryError('conflict', 'Another object with the same value for property userPrincipalName already exists.', 'userPrincipalName');
      }
      throw err;
    } finally {
      this.ctx.cache.invalidate(tenantId);
    }
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

  /** Check a user's password; 'unknown' when no such user, 'bad' when the password is wrong. */
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

  async list(tenantId: string): Promise<User[]> {
    const rows = await this.ctx.store.tenant(tenantId).selectFrom('users').selectAll().orderBy('user_principal_name').execute();
    return rows.map(toUser);
  }

  /** Used by first start only: whether anyone exists yet. */
  async count(tenantId: string): Promise<number> {
    const row = await this.ctx.store.tenant(tenantId).selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

function toUser(row: { id: string; user_principal_name: string; display_name: string; account_enabled: number; created_at: string; data: string }): User {
  const data = parseData<UserData>(row.data);
  return {
    id: row.id, userPrincipalName: row.user_principal_name, displayName: row.display_name,
    accountEnabled: row.account_enabled === 1, createdDateTime: row.created_at, ...data,
  };
}
