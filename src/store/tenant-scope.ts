import type { DeleteQueryBuilder, DeleteResult, Insertable, Kysely, SelectQueryBuilder, UpdateQueryBuilder, UpdateResult } from 'kysely';
import type { Database, TenantTable } from './schema.js';

/**
 * The one place tenant isolation is enforced (as in Hydra's base persister): each query it builds carries
 * `tenant_id = this tenant`, so a row of another tenant is simply not found.
 */
export class TenantScope {
  constructor(private readonly db: Kysely<Database>, readonly tenantId: string) {}

  // Kysely's own type for "nothing selected yet" is {}.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  selectFrom<T extends TenantTable>(table: T): SelectQueryBuilder<Database, T, {}> {
    return (this.db.selectFrom(table) as any).where(`${table}.tenant_id`, '=', this.tenantId);
  }

  async insert<T extends TenantTable>(table: T, values: Omit<Insertable<Database[T]>, 'tenant_id'>): Promise<void> {
    await (this.db.insertInto(table) as any).values({ ...values, tenant_id: this.tenantId }).execute();
  }

  updateTable<T extends TenantTable>(table: T): UpdateQueryBuilder<Database, T, T, UpdateResult> {
    return (this.db.updateTable(table) as any).where(`${table}.tenant_id`, '=', this.tenantId);
  }

  deleteFrom<T extends TenantTable>(table: T): DeleteQueryBuilder<Database, T, DeleteResult> {
    return (this.db.deleteFrom(table) as any).where(`${table}.tenant_id`, '=', this.tenantId);
  }
}
