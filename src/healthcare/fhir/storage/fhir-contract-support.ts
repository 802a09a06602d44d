/** What the parts of the FHIR storage contract share: the context they run in and a look at the raw tables. */
import type { Clock } from '../../../lib/clock.js';
import type { Store } from '../../../store/store.js';
import type { FhirStore } from './fhir-store.js';
import { INDEX_TABLES } from './index-tables.js';
import type { KyselyFhirRepository } from './kysely-repository.js';

/** Each call is one second after the last: versions get distinct, predictable times. */
export function steppingClock(start = '2026-01-01T00:00:00.000Z'): Clock {
  let time = Date.parse(start);
  return { now: () => new Date((time += 1000)) };
}

export interface FhirContext { fhir: FhirStore; repo: KyselyFhirRepository; other: KyselyFhirRepository; serviceId: string; store: Store }

/** How many rows the tables hold for one resource (all index tables together in `index`). */
export async function rowsOf(store: Store, serviceId: string, type: string, id: string) {
  const count = async (table: 'fhir_resources' | 'fhir_resource_history', column: 'id') =>
    (await store.db.selectFrom(table).select(column).where('service_id', '=', serviceId).where('resource_type', '=', type).where(column, '=', id).execute()).length;
  let index = 0;
  for (const table of INDEX_TABLES) {
    index += (await store.db.selectFrom(table).select('resource_id').where('service_id', '=', serviceId).where('resource_type', '=', type).where('resource_id', '=', id).execute()).length;
  }
  return { current: await count('fhir_resources', 'id'), history: await count('fhir_resource_history', 'id'), index };
}

