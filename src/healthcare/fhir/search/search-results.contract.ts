/** The result half of the search contract: entries, sort, paging, totals, _summary/_elements, includes. */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { BASE, idsOf, type SearchContext } from './search.fixture.js';
import { SUBSETTED } from './elements.js';
import type { FhirRepository } from '../repository.js';

export function resultContract(ctx: SearchContext): void {
  /** Follow `relation` links from the bundle, collecting match ids page by page. */
  async function walk(first: Bundle<Resource>, relation: 'next' | 'previous', repo = ctx.repo): Promise<string[][]> {
    const pages = [idsOf(first)];
    let bundle = first;
    for (let link = linkOf(bundle, relation); link; link = linkOf(bundle, relation)) {
      bundle = await follow(link, repo);
      pages.push(idsOf(bundle));
      if (pages.length > 50) throw new Error('paging does not end');
    }
    return pages;
  }
  const linkOf = (bundle: Bundle<Resource>, relation: string) => bundle.link?.find((l) => l.relation === relation)?.url;
  function follow(url: string, repo: FhirRepository): Promise<Bundle<Resource>> {
    const parsed = new URL(url);
    const type = parsed.pathname.slice(new URL(BASE).pathname.length + 1) || undefined;
    return ctx.search(type, parsed.searchParams.toString(), {}, repo);
  }

  describe('entries', () => {
    it('has fullUrl, search.mode and version meta; self link as called; no total unless asked', async () => {
      const bundle = await ctx.search('Patient', 'gender=male');
      expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'self', url: `${BASE}/Patient?gender=male` }] });
      expect(bundle.total).toBeUndefined();
      expect(bundle.entry).toEqual([{
        fullUrl: `${BASE}/Patient/p1`,
        resource: expect.objectContaining({ resourceType: 'Patient', id: 'p1', meta: expect.objectContaining({ versionId: '1', lastUpdated: expect.stringMatching(/^\d{4}-.*Z$/) }) }),
        search: { mode: 'match' },
      }]);
    });

    it('reports ignored parameters in an outcome entry, or refuses them when strict', async () => {
      const bundle = await ctx.search('Patient', 'nonsense=1&gender=male');
      expect(idsOf(bundle)).toEqual(['p1']);
      const outcome = bundle.entry?.find((e) => e.search?.mode === 'outcome')?.resource;
      expect(outcome).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'warning', expression: ['nonsense'] }] });
      const refused = await ctx.refusal('Patient', 'nonsense=1&gender=male', { strict: true });
      expect(refused.status).toBe(400);
      expect(refused.issues[0]).toMatchObject({ severity: 'error', expression: ['nonsense'] });
    });
  });

  describe('_sort', () => {
    it('orders by dates, strings, tokens, numbers and quantities, missing values last', async () => {
      expect(await ctx.ids('Patient', '_sort=birthdate')).toEqual(['p1', 'p2', 'p3', 'p4']);
      expect(await ctx.ids('Patient', '_sort=-birthdate')).toEqual(['p3', 'p2', 'p1', 'p4']);
      expect(await ctx.ids('Patient', '_sort=family')).toEqual(['p1', 'p3', 'p2', 'p4']);
      expect(await ctx.ids('Patient', '_sort=gender,-birthdate')).toEqual(['p3', 'p2', 'p1', 'p4']);
      expect(await ctx.ids('Patient', '_sort=-_lastUpdated')).toEqual(['p4', 'p3', 'p2', 'p1']);
      expect(await ctx.ids('Patient', '_sort=-_id')).toEqual(['p4', 'p3', 'p2', 'p1']);
      expect(await ctx.ids('Observation', '_sort=date')).toEqual(['o3', 'o1', 'o2', 'o4', 'o5']);
      expect(await ctx.ids('Observation', '_sort=value-quantity')).toEqual(['o1', 'o3', 'o2', 'o4', 'o5']);
      expect(await ctx.ids('RiskAssessment', '_sort=-probability')).toEqual(['r1', 'r2']);
    });
  });

  describe('paging', () => {
    it('walks every ordering page by page to the same list, forwards and back', async () => {
      for (const [type, query] of [['Patient', '_sort=birthdate'], ['Observation', '_sort=-date'], ['Patient', ''], [undefined, '_sort=-_lastUpdated']] as const) {
        const all = await ctx.ids(type, `${query}&_count=100`);
        const pages = await walk(await ctx.search(type, `${query}&_count=2`), 'next');
        expect(pages.flat()).toEqual(all);
        expect(pages.slice(0, -1).every((p) => p.length === 2)).toBe(true);
        const last = await ctx.search(type, new URL(linkOf(await ctx.search(type, `${query}&_count=2`), 'next') as string).searchParams.toString());
        expect(linkOf(last, 'previous')).toBeDefined();
        expect(linkOf(last, 'first')).toBeDefined();
      }
    });

    it('keeps later pages stable when resources are inserted before the cursor', async () => {
      const repo = ctx.freshRepo();
      for (let i = 1; i <= 5; i++) await repo.create({ resourceType: 'Patient', id: `b${i}`, birthDate: `198${i}` }, 'PUT');
      const page1 = await ctx.search('Patient', '_sort=birthdate&_count=2', {}, repo);
      expect(idsOf(page1)).toEqual(['b1', 'b2']);
      await repo.create({ resourceType: 'Patient', id: 'b0', birthDate: '1970' }, 'PUT');
      const page2 = await follow(linkOf(page1, 'next') as string, repo);
      expect(idsOf(page2)).toEqual(['b3', 'b4']);
      expect((await walk(page2, 'next', repo)).flat()).toEqual(['b3', 'b4', 'b5']);
      expect(await walk(page2, 'previous', repo)).toEqual([['b3', 'b4'], ['b1', 'b2'], ['b0']]);
      const back = await follow(linkOf(page2, 'previous') as string, repo);
      expect(idsOf(await follow(linkOf(back, 'next') as string, repo))).toEqual(['b3', 'b4']);
    });

    it('keeps the parameters in the links and refuses a foreign or broken token', async () => {
      const bundle = await ctx.search('Patient', 'gender=female,male&_count=1');
      const next = new URL(linkOf(bundle, 'next') as string);
      expect(`${next.origin}${next.pathname}`).toBe(`${BASE}/Patient`);
      expect(next.searchParams.get('gender')).toBe('female,male');
      const ct = next.searchParams.get('ct') as string;
      expect((await ctx.refusal('Patient', `gender=male&_sort=birthdate&ct=${ct}`)).issues[0]?.expression).toEqual(['ct']);
      expect((await ctx.refusal('Patient', 'ct=garbage')).status).toBe(400);
    });
  });

  describe('_total and _summary', () => {
    it('counts when asked, across pages; _summary=count and _count=0 give only the count', async () => {
      for (const total of ['accurate', 'estimate']) {
        const bundle = await ctx.search('Patient', `gender=female&_total=${total}&_count=1`);
        expect(bundle.total).toBe(2);
        expect(idsOf(bundle)).toHaveLength(1);
      }
      for (const q of ['_summary=count', '_count=0']) {
        const bundle = await ctx.search('Patient', q);
        expect(bundle.total).toBe(4);
        expect(bundle.entry ?? []).toEqual([]);
      }
      expect((await ctx.search('Patient', '_total=none')).total).toBeUndefined();
    });

    it('cuts resources down by _summary and _elements, marking them SUBSETTED', async () => {
      const one = async (query: string) => (await ctx.search('Patient', query)).entry?.[0]?.resource as Record<string, unknown> & Resource;
      const summary = await one('_id=p1&_summary=true');
      expect(summary).toMatchObject({ id: 'p1', gender: 'male', birthDate: '1974-12-25', name: expect.any(Array) });
      expect(summary.text).toBeUndefined();
      expect(summary.contact).toBeUndefined();
      expect(summary.meta?.tag).toContainEqual(SUBSETTED);
      const text = await one('_id=p1&_summary=text');
      expect(Object.keys(text).sort()).toEqual(['id', 'meta', 'resourceType', 'text']);
      const data = await one('_id=p1&_summary=data');
      expect(data.text).toBeUndefined();
      expect(data.contact).toBeDefined();
      const whole = await one('_id=p1&_summary=false');
      expect(whole.text).toBeDefined();
      expect(whole.meta?.tag).toBeUndefined();
      const elements = await one('_id=p3&_elements=gender,deceased');
      expect(Object.keys(elements).sort()).toEqual(['deceasedBoolean', 'gender', 'id', 'meta', 'resourceType']);
    });
  });

  describe('_include and _revinclude', () => {
    const included = async (type: string, query: string, extra = {}) => {
      const bundle = await ctx.search(type, query, extra);
      return { matches: idsOf(bundle), included: idsOf(bundle, 'include').sort() };
    };

    it('adds the targets of a reference parameter, by name, target type or *', async () => {
      expect(await included('Observation', '_id=o1&_include=Observation:subject')).toEqual({ matches: ['o1'], included: ['p1'] });
      expect(await included('Observation', '_id=o1&_include=Observation:performer:Practitioner')).toEqual({ matches: ['o1'], included: ['dr1'] });
      expect(await included('Observation', '_id=o1&_include=Observation:performer:Organization')).toEqual({ matches: ['o1'], included: [] });
      expect(await included('Observation', '_id=o1&_include=Observation:*')).toEqual({ matches: ['o1'], included: ['dr1', 'p1'] });
      expect(await included('Observation', '_id=o1,o3&_include=Observation:subject')).toEqual({ matches: ['o1', 'o3'], included: ['p1'] });
      const bundle = await ctx.search('Observation', '_id=o1&_include=Observation:subject');
      expect(bundle.entry?.[1]).toMatchObject({ fullUrl: `${BASE}/Patient/p1`, search: { mode: 'include' } });
    });

    it('adds the resources that refer to the matches, and iterates', async () => {
      expect(await included('Observation', '_id=o1&_revinclude=Provenance:target')).toEqual({ matches: ['o1'], included: ['prov1'] });
      expect(await included('Patient', '_id=p1&_revinclude=Observation:subject')).toEqual({ matches: ['p1'], included: ['o1', 'o3'] });
      expect(await included('Observation', '_id=o2&_include=Observation:subject&_include:iterate=Patient:general-practitioner'))
        .toEqual({ matches: ['o2'], included: ['dr1', 'p2'] });
      expect(await included('Patient', '_id=p1&_revinclude=Observation:subject&_revinclude:iterate=Provenance:target'))
        .toEqual({ matches: ['p1'], included: ['o1', 'o3', 'prov1'] });
    });

    it('includes nothing outside the SMART restriction', async () => {
      expect(await included('Observation', '_include=Observation:performer&_include=Observation:subject', { restrict: { patientId: 'p1' } }))
        .toEqual({ matches: ['o1', 'o3'], included: ['p1'] });
    });
  });
}
