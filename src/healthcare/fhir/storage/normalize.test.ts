import { describe, expect, it } from 'vitest';
import { dateRange, MAX_INSTANT, MIN_INSTANT, normalizeString, toInstant } from './normalize.js';

describe('normalizeString', () => {
  it('lower-cases, strips diacritics and collapses whitespace', () => {
    expect(normalizeString('  Émile \t ZOË\nMüller ')).toBe('emile zoe muller');
    expect(normalizeString('Ångström')).toBe('angstrom');
    expect(normalizeString('')).toBe('');
  });
});

describe('dateRange', () => {
  it.each([
    ['2020', '2020-01-01T00:00:00.000Z', '2020-12-31T23:59:59.999Z'],
    ['2020-02', '2020-02-01T00:00:00.000Z', '2020-02-29T23:59:59.999Z'],
    ['2021-02', '2021-02-01T00:00:00.000Z', '2021-02-28T23:59:59.999Z'],
    ['2020-03-04', '2020-03-04T00:00:00.000Z', '2020-03-04T23:59:59.999Z'],
    ['2020-03-04T10:00', '2020-03-04T10:00:00.000Z', '2020-03-04T10:00:59.999Z'],
    ['2020-03-04T10:00:05', '2020-03-04T10:00:05.000Z', '2020-03-04T10:00:05.999Z'],
    ['2020-03-04T10:00:05.1Z', '2020-03-04T10:00:05.100Z', '2020-03-04T10:00:05.199Z'],
    ['2020-03-04T10:00:05.123Z', '2020-03-04T10:00:05.123Z', '2020-03-04T10:00:05.123Z'],
    ['2020-03-04T10:00:05.123456Z', '2020-03-04T10:00:05.123Z', '2020-03-04T10:00:05.123Z'],
    ['2020-03-04T01:00:00+02:00', '2020-03-03T23:00:00.000Z', '2020-03-03T23:00:00.999Z'],
    ['2020-03-04T23:30:00-05:30', '2020-03-05T05:00:00.000Z', '2020-03-05T05:00:00.999Z'],
    ['0001', MIN_INSTANT, '0001-12-31T23:59:59.999Z'],
    ['0050-06', '0050-06-01T00:00:00.000Z', '0050-06-30T23:59:59.999Z'],
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z', MAX_INSTANT],
  ])('%s covers %s .. %s', (value, low, high) => {
    expect(dateRange(value)).toEqual({ low, high });
  });

  it.each(['', 'x', '20', '2020-13', '2020-02-30', '2021-02-29', '2020-1-1', '2020-03-04T24:00', '2020-03-04T10:60',
    '2020-03-04T10:00:61', '2020-03-04T10:00:00+15:00', '0000', '2020-03-04T', '2020-03-04 10:00'])('refuses %j', (value) => {
    expect(dateRange(value)).toBeUndefined();
  });

  it('gives the start of the range as the instant', () => {
    expect(toInstant('2026-11-26T07:00:00Z')).toBe('2026-11-26T07:00:00.000Z');
    expect(toInstant('nope')).toBeUndefined();
  });
});
