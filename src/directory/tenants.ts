import { isGuid, newGuid } from '../lib/ids.js';
import { isUniqueViolation } from '../store/store.js';
import { DirectoryError } from './errors.js';
import { nowIso, type DirectoryContext } from './context.js';

export interface Domain { name: string; isDefault: boolean; isInitial: boolean }
export interface Tenant { id: string; displayName: string; createdDateTime: string; domains: Domain[] }

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** Tenants and their domains; a tenant is found by its GUID or any of its domains, in any case. */
export class Tenants {
  private readonly byAlias = new Map<string, Promise<Tenant | undefined>>();

  constructor(private readonly ctx: DirectoryContext) {}

  async create(input: { id?: string; displayName: string; domain: string }): Promise<Tenant> {
    const id = (input.id ?? newGuid()).toLowerCase();
    if (!isGuid(id)) throw new DirectoryError('invalid', `Tenant id '${input.id}' is not a GUID.`);
    const domain = input.domain.toLowerCase();
    if (!DOMAIN.test(domain)) throw new DirectoryError('invalid', `'${input.domain}' is not a valid domain name.`);
    const now = nowIso(this.ctx);
    try {
      await this.ctx.store.transaction(async (trx) => {
        await trx.insertInto('tenants').values({ id, display_name: input.displayName, created_at: now, data: '{}' }).execute();
        await trx.insertInto('tenant_domains')
          .values({ name: domain, tenant_id: id, is_default: 1, is_initial: 1, created_at: now }).execute();
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DirectoryError('conflict', `A tenant with id '${id}' or domain '${domain}' already exists.`);
      throw err;
    }
    this.byAlias.clear();
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Tenant | undefined> {
    if (!isGuid(id)) return undefined;
    const row = await this.ctx.store.db.selectFrom('tenants').selectAll().where('id', '=', id.toLowerCase()).executeTakeFirst();
    if (!row) return undefined;
    const domains = await this.ctx.store.db.selectFrom('tenant_domains').selectAll().where('tenant_id', '=', row.id)
      .orderBy('created_at').orderBy('name').execute();
    return {
      id: row.id,
      displayName: row.display_name,
      createdDateTime: row.created_at,
      domains: domains.map((d) => ({ name: d.name, isDefault: d.is_default === 1, isInitial: d.is_initial === 1 })),
    };
  }

  /** The tenant named by a URL segment: its GUID or one of its domains, case-insensitive. Cached. */
  resolve(alias: string): Promise<Tenant | undefined> {
    const key = alias.toLowerCase();
    let hit = this.byAlias.get(key);
    if (!hit) {
      hit = this.lookup(key);
      if (this.byAlias.size > 10_000) this.byAlias.clear();
      this.byAlias.set(key, hit);
      hit.catch(() => this.byAlias.delete(key));
    }
    return hit;
  }

  private async lookup(alias: string): Promise<Tenant | undefined> {
    if (isGuid(alias)) return this.get(alias);
    if (!DOMAIN.test(alias)) return undefined;
    const row = await this.ctx.store.db.selectFrom('tenant_domains').select('tenant_id').where('name', '=', alias).executeTakeFirst();
    return row ? this.get(row.tenant_id) : undefined;
  }

  async list(): Promise<Tenant[]> {
    const rows = await this.ctx.store.db.selectFrom('tenants').select('id').orderBy('created_at').execute();
    return (await Promise.all(rows.map((r) => this.get(r.id)))).filter((t): t is Tenant => t !== undefined);
  }

  /** The default domain, used for user names and an app's publisherDomain. */
  static defaultDomain(tenant: Tenant): string {
    return (tenant.domains.find((d) => d.isDefault) ?? tenant.domains[0])!.name;
  }
}
