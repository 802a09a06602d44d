/** The FHIR data of every service in the store: a repository per service, and removal of a service's data. */
import { sql } from 'kysely';
import type { Clock } from '../../../lib/clock.js';
import type { Store } from '../../../store/store.js';
import type { FhirServiceScope } from '../repository.js';
import { INDEX_TABLES } from './index-tables.js';
import { KyselyFhirRepository } from './kysely-repository.js';

export class FhirStore {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /** The repository of one FHIR service: every query it makes is limited to scope.serviceId. */
  repository(scope: FhirServiceScope): KyselyFhirRepository {
    return new KyselyFhirRepository(this.store.db, this.store.dialect, scope, this.clock);
  }

  /**
   * Refresh the query planner's statistics of the FHIR tables. After a bulk load, until autovacuum (PostgreSQL)
   * or a later ANALYZE (SQLite) runs, the planners choose poorly for search; loaders call this when done.
   */
  async analyze(): Promise<void> {
    for (const table of [...INDEX_TABLES, 'fhir_resource_history', 'fhir_resources'] as const) {
      await sql`ANALYZE ${sql.table(table)}`.execute(this.store.db);
    }
  }

  /** Remove all resources, history and index rows of a FHIR service (when the service is deleted). */
  async deleteServiceData(serviceId: string): Promise<void> {
    await this.store.transaction(async (trx) => {
      for (const table of [...INDEX_TABLES, 'fhir_resource_history', 'fhir_resources'] as const) {
        await trx.deleteFrom(table).where('service_id', '=', serviceId).execute();
      }
    });
  }
}
