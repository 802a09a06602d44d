/**
 * The same answers whichever plan runs (planner.ts): a driving filter with few matches, an ordered scan when
 * every filter matches many rows, and the fallback when such matches are sparse at the front or absent.
 * Enough resources that filters cross the planner's DRIVE_LIMIT and SCAN_WINDOW.
 */
import type { Patient } from '@medplum/fhirtypes';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FhirRepository } from '../repository.js';
import { DRIVE_LIMIT } from './planner.js';
import { SCAN_WINDOW } from './query.js';
import { idsOf, type SearchContext } from './search.fixture.js';

const N = 3500;
const id = (i: number) => `s${String(i).padStart(4, '0')}`;
const FALSE_FROM = 2200;

export function planContract(ctx: SearchContext): void {
  describe('plans', () => {
    let repo: FhirRepository;
    const ids = async (query: string) => idsOf(await ctx.search('Patient', query, {}, repo));
    const range = (pred: (i: number) => boolean) => Array.from({ length: N }, (_, i) => i).filter(pred).map(id);

    beforeAll(async () => {
      expect(N - FALSE_FROM).toBeGreaterThan(DRIVE_LIMIT);
      expect(FALSE_FROM).toBeGreaterThan(SCAN_WINDOW);
      const bulk = ctx.freshRepo();
      const patients: Patient[] = Array.from({ length: N }, (_, i) => ({
        resourceType: 'Patient', id: id(i), gender: i % 2 ? 'male' : 'female', active: i < FALSE_FROM,
        birthDate: `${1950 + (i % 50)}`, name: [{ family: i % 2 ? 'Odd' : 'Even' }], identifier: [{ system: 'urn:x', value: id(i) }],
      }));
      await bulk.createMany(patients);
      // As autovacuum would soon after a bulk load: PostgreSQL plans blind on a table it has never analysed.
      if (bulk.dialect === 'postgres') await sql`ANALYZE`.execute(bulk.db);
      repo = bulk;
    });

    it('drives from a filter with few matches', async () => {
      expect(await ids(`identifier=urn:x|${id(100)}`)).toEqual([id(100)]);
      expect(await ids('gender=male&identifier=urn:x|s0101,urn:x|s0102,urn:x|s0103')).toEqual([id(101), id(103)]);
    });

    it('scans in order when every filter matches many rows, page after page', async () => {
      const expected = range((i) => i % 2 === 1);
      const pages: string[] = [];
      let bundle = await ctx.search('Patient', 'gender=male&active=true,false&_count=400', {}, repo);
      for (;;) {
        pages.push(...idsOf(bundle));
        const next = bundle.link?.find((l) => l.relation === 'next')?.url;
        if (!next) break;
        bundle = await ctx.search('Patient', new URL(next).searchParams.toString(), {}, repo);
      }
      expect(pages).toEqual(expected);
    });

    it('falls back from a scan that finds matches only far along, or none', async () => {
      const sparse = range((i) => i % 2 === 1 && i >= FALSE_FROM);
      const bundle = await ctx.search('Patient', 'gender=male&active=false&_count=10&_total=accurate', {}, repo);
      expect(idsOf(bundle)).toEqual(sparse.slice(0, 10));
      expect(bundle.total).toBe(sparse.length);
      // The same with the sparse filter negated: probed (NOT EXISTS) on the driving filter's rows.
      expect(await ids('gender=male&active:not=true&_count=10')).toEqual(sparse.slice(0, 10));
      expect((await ctx.search('Patient', 'gender=male&active:not=true&_summary=count', {}, repo)).total).toBe(sparse.length);
      expect(await ids('gender=male&family=even')).toEqual([]);
      expect((await ctx.search('Patient', 'gender=male&family=even&_summary=count', {}, repo)).total).toBe(0);
    });

    it('sorts a large match set by an indexed value', async () => {
      const expected = range((i) => i % 2 === 1 && i % 50 === 49).reverse().slice(0, 5);
      expect(await ids('gender=male&_sort=-birthdate&_count=5')).toEqual(expected);
    });
  });
}
