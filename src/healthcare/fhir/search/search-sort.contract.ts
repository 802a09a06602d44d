/**
 * Sorting by an indexed parameter, whichever plan runs (the sort-driven walk of sort-walk.ts, or the general
 * plan it falls back to): multi-valued and range values (ascending by the lowest, descending by the highest),
 * resources lacking the value last, ties by id, deleted and superseded versions left out, and keyset pages
 * that neither skip nor repeat a resource, forwards, backwards and across a write between pages.
 */
import type { Observation, Patient } from '@medplum/fhirtypes';
import { sql, type SqlBool } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { dateRange } from '../storage/normalize.js';
import type { KyselyFhirRepository } from '../storage/kysely-repository.js';
import { planTerms, type SearchPlan } from './query.js';
import { parseSearch } from './parse.js';
import { BASE, idsOf, type SearchContext } from './search.fixture.js';
import { walkSortIndex } from './sort-walk.js';
import { and } from './sql-values.js';

const N = 60;
const oid = (i: number) => `w${String(i).padStart(2, '0')}`;

/** Observation i: none (i % 6 == 0), a Period, or a dateTime; dates repeat so that ties fall to the id. */
function observation(i: number): Observation {
  const base: Observation = { resourceType: 'Observation', id: oid(i), status: i % 2 ? 'final' : 'amended', code: { text: 'x' } };
  if (i % 6 === 0) return base;
  const day = `2020-01-${String(1 + (i % 7)).padStart(2, '0')}`;
  if (i % 6 === 1) return { ...base, effectivePeriod: { start: `2019-12-${String(10 + (i % 11))}`, end: `2020-02-${String(1 + (i % 13)).padStart(2, '0')}` } };
  return { ...base, effectiveDateTime: `${day}T10:00:00Z` };
}

function range(o: Observation): { low: string; high: string } | undefined {
  if (o.effectiveDateTime) return dateRange(o.effectiveDateTime);
  if (o.effectivePeriod) return { low: dateRange(o.effectivePeriod.start as string)!.low, high: dateRange(o.effectivePeriod.end as string)!.high };
  return undefined;
}

/** The FHIR order: by the key (missing last), then by id in the direction of the key. */
function expectedOrder(list: Observation[], descending: boolean): string[] {
  const key = (o: Observation) => { const r = range(o); return r ? (descending ? r.high : r.low) : undefined; };
  const sign = descending ? -1 : 1;
  return [...list].sort((a, b) => {
    const ka = key(a), kb = key(b);
    if (ka === undefined || kb === undefined) return ka === kb ? sign * (a.id! < b.id! ? -1 : 1) : ka === undefined ? 1 : -1;
    if (ka !== kb) return sign * (ka < kb ? -1 : 1);
    return sign * (a.id! < b.id! ? -1 : 1);
  }).map((o) => o.id as string);
}

export function sortContract(ctx: SearchContext): void {
  describe('sorting by an indexed parameter', () => {
    let repo: KyselyFhirRepository;
    let live: Observation[];
    const search = (type: string, query: string) => ctx.search(type, query, {}, repo);
    const follow = async (type: string, query: string) => {
      const ids: string[] = [];
      let bundle = await search(type, query);
      for (;;) {
        ids.push(...idsOf(bundle));
        const link = bundle.link?.find((l) => l.relation === 'next')?.url;
        if (!link) return ids;
        bundle = await search(type, new URL(link).searchParams.toString());
      }
    };

    beforeAll(async () => {
      repo = ctx.freshRepo();
      const all = Array.from({ length: N }, (_, i) => observation(i));
      await repo.createMany(all);
      // A superseded version's value and a deleted resource must not place anything.
      await repo.update({ ...observation(3), effectiveDateTime: '1990-01-01T00:00:00Z' });
      await repo.update(observation(3));
      await repo.delete('Observation', oid(5));
      live = all.filter((o) => o.id !== oid(5));
      await repo.createMany([
        { resourceType: 'Patient', id: 'm1', name: [{ family: 'Mmm' }, { family: 'Aaa' }] },
        { resourceType: 'Patient', id: 'm2', name: [{ family: 'Bbb' }] },
        { resourceType: 'Patient', id: 'm3', name: [{ family: 'Zzz' }, { family: 'Ccc' }] },
        { resourceType: 'Patient', id: 'm4', name: [{ family: 'Yyy' }] },
        { resourceType: 'Patient', id: 'm5' },
        // Two index rows with the same (lowest and highest) value: placed once.
        { resourceType: 'Patient', id: 'm6', name: [{ family: 'Bbb' }, { family: 'BBB' }] },
      ] satisfies Patient[]);
    });

    it('orders ranges by their lowest value ascending and their highest descending, missing values last', async () => {
      expect(await follow('Observation', '_sort=date&_count=7')).toEqual(expectedOrder(live, false));
      expect(await follow('Observation', '_sort=-date&_count=7')).toEqual(expectedOrder(live, true));
    });

    it('orders multi-valued strings by the lowest ascending and the highest descending', async () => {
      expect(await follow('Patient', '_sort=family&_count=2')).toEqual(['m1', 'm2', 'm6', 'm3', 'm4', 'm5']);
      expect(await follow('Patient', '_sort=-family&_count=2')).toEqual(['m3', 'm4', 'm1', 'm6', 'm2', 'm5']);
    });

    it('applies the filters while walking the sort order', async () => {
      const finals = live.filter((o) => o.status === 'final');
      expect(await follow('Observation', 'status=final&_sort=-date&_count=4')).toEqual(expectedOrder(finals, true));
      expect(await follow('Observation', 'status=amended&_sort=date&_count=50')).toEqual(expectedOrder(live.filter((o) => o.status === 'amended'), false));
    });

    it('pages backwards to the same pages', async () => {
      const forwards: string[][] = [];
      let bundle = await search('Observation', '_sort=-date&_count=9');
      for (;;) {
        forwards.push(idsOf(bundle));
        const next = bundle.link?.find((l) => l.relation === 'next')?.url;
        if (!next) break;
        bundle = await search('Observation', new URL(next).searchParams.toString());
      }
      const backwards: string[][] = [];
      for (;;) {
        backwards.unshift(idsOf(bundle));
        const prev = bundle.link?.find((l) => l.relation === 'previous')?.url;
        if (!prev) break;
        bundle = await search('Observation', new URL(prev).searchParams.toString());
      }
      expect(backwards).toEqual(forwards);
    });

    it('keeps its place when a resource is written between pages', async () => {
      const first = await search('Observation', '_sort=date&_count=5');
      const next = first.link?.find((l) => l.relation === 'next')?.url as string;
      // Sorts before the cursor: later pages must not shift.
      const early = await repo.create({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, effectiveDateTime: '2000-01-01T00:00:00Z' });
      const rest = await follow('Observation', new URL(next).searchParams.toString());
      expect([...idsOf(first), ...rest]).toEqual(expectedOrder(live, false));
      await repo.delete('Observation', early.id);
    });

    it('walks the sort key\'s index for a page instead of sorting every match', async () => {
      const parsed = parseSearch([['_sort', '-date']], { resourceType: 'Observation', baseUrl: BASE, strict: false });
      const plan: SearchPlan = { parsed, types: ['Observation'] };
      const match = and([sql<SqlBool>`r.service_id = ${repo.scope.serviceId}`, sql<SqlBool>`r.deleted = 0`]);
      const rows = await walkSortIndex(repo, 'Observation', match, planTerms(plan), 10);
      expect(rows?.map((r) => r.id)).toEqual(expectedOrder(live, true).slice(0, 11));
    });
  });
}
