/**
 * The search contract: one suite, run on embedded SQLite (search.test.ts) and on a real PostgreSQL
 * (search.pg.test.ts). Resources are written through the real repository (which fills the index tables) and
 * found again through searchBundle / findMatches.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Clock } from '../../../lib/clock.js';
import type { Store } from '../../../store/store.js';
import { FhirError } from '../outcome.js';
import { FhirStore } from '../storage/fhir-store.js';
import { parameterContract } from './search-params.contract.js';
import { planContract } from './search-plans.contract.js';
import { resultContract } from './search-results.contract.js';
import { sortContract } from './search-sort.contract.js';
import { BASE, FIXTURE, idsOf, type SearchContext } from './search.fixture.js';
import { searchBundle } from './search.js';

export interface SearchUnderTest { store: Store; cleanup(): Promise<void> }

/** Each call is one second after the last, so that last_updated orders resources by creation. */
function steppingClock(): Clock {
  let time = Date.parse('2026-01-01T00:00:00.000Z');
  return { now: () => new Date((time += 1000)) };
}

export function searchContract(name: string, open: () => Promise<SearchUnderTest>): void {
  describe(`FHIR search contract: ${name}`, () => {
    let sut: SearchUnderTest;
    const ctx = {} as SearchContext;

    beforeAll(async () => {
      sut = await open();
      const fhir = new FhirStore(sut.store, steppingClock());
      const scope = (serviceId: string) => ({ tenantId: randomUUID(), serviceId, baseUrl: BASE });
      ctx.repo = fhir.repository(scope(randomUUID()));
      ctx.freshRepo = () => fhir.repository(scope(randomUUID()));
      for (const resource of FIXTURE) await ctx.repo.create(resource, 'PUT');
      // Another service holding a look-alike: it must never show up.
      await ctx.freshRepo().create({ resourceType: 'Patient', id: 'p1', gender: 'male', name: [{ family: 'Chalmers' }] }, 'PUT');

      ctx.search = (resourceType, query, extra = {}, repo = ctx.repo) => {
        const params = [...new URLSearchParams(query)];
        const selfUrl = `${BASE}${resourceType ? `/${resourceType}` : ''}${query ? `?${query}` : ''}`;
        return searchBundle(repo, { ...(resourceType ? { resourceType } : {}), params, selfUrl, ...extra });
      };
      ctx.ids = async (resourceType, query, extra) => idsOf(await ctx.search(resourceType, query, extra));
      ctx.refusal = async (resourceType, query, extra) => {
        try {
          await ctx.search(resourceType, query, extra);
        } catch (e) {
          if (e instanceof FhirError) return e;
          throw e;
        }
        throw new Error(`expected ${query} to be refused`);
      };
    });
    afterAll(async () => {
      await sut?.store.close();
      await sut?.cleanup();
    });

    parameterContract(ctx);
    resultContract(ctx);
    planContract(ctx);
    sortContract(ctx);
  });
}
