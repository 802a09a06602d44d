import { describe, expect, it } from 'vitest';
import { fhirDefinitions } from '../definitions.js';
import { parseSearch } from './parse.js';

const parse = (query: string) =>
  parseSearch([...new URLSearchParams(query)], { resourceType: 'Observation', baseUrl: 'https://fhir.test/ws-svc', strict: true }).filters;

describe('date ranges', () => {
  fhirDefinitions();

  it('makes a lower and an upper bound on one parameter one range on the same date', () => {
    const [range, ...rest] = parse('date=ge2020-01-01&date=lt2020-02-01');
    expect(rest).toEqual([]);
    expect(range).toMatchObject({ kind: 'date', values: [{ prefix: 'ge', low: '2020-01-01T00:00:00.000Z', and: { prefix: 'lt', low: '2020-02-01T00:00:00.000Z' } }] });
    expect(parse('date=le2020&date=gt2019')).toHaveLength(1);
  });

  it('leaves alone two bounds on the same side, OR-lists, eq values and other parameters', () => {
    expect(parse('date=ge2020&date=gt2021')).toHaveLength(2);
    expect(parse('date=ge2020,ge2021&date=lt2022')).toHaveLength(2);
    expect(parse('date=2020&date=lt2022')).toHaveLength(2);
    const twoParams = parse('date=ge2020&_lastUpdated=lt2022');
    expect(twoParams).toHaveLength(2);
    expect(twoParams.every((f) => f.kind !== 'date' || f.values.every((v) => v.and === undefined))).toBe(true);
  });
});
