import { describe, expect, it } from 'vitest';
import { FhirError } from '../outcome.js';
import {
  orValues, parseDateValue, parseNumberValue, parseQuantityValue, parseReferenceValue, parseTokenValue, splitPrefix, unescapeValue,
} from './values.js';

describe('search values', () => {
  it('splits OR values on unescaped commas only and unescapes afterwards', () => {
    expect(orValues('a,b\\,c,d')).toEqual(['a', 'b\\,c', 'd']);
    expect(orValues('a\\\\,b')).toEqual(['a\\\\', 'b']);
    expect(unescapeValue('b\\,c\\|d\\$e\\\\f')).toBe('b,c|d$e\\f');
  });

  it('reads prefixes only where a value follows them', () => {
    expect(splitPrefix('ge2020')).toEqual({ prefix: 'ge', rest: '2020' });
    expect(splitPrefix('2020')).toEqual({ prefix: 'eq', rest: '2020' });
    expect(splitPrefix('ne-5')).toEqual({ prefix: 'ne', rest: '-5' });
    expect(splitPrefix('le')).toEqual({ prefix: 'eq', rest: 'le' });
  });

  it('gives a date value the range of its precision and refuses non-dates naming the parameter', () => {
    expect(parseDateValue('birthdate', 'lt2020-03')).toEqual({ prefix: 'lt', low: '2020-03-01T00:00:00.000Z', high: '2020-03-31T23:59:59.999Z' });
    expect(parseDateValue('date', '2020-03-04T10:00:00+02:00').low).toBe('2020-03-04T08:00:00.000Z');
    let error: unknown;
    try { parseDateValue('birthdate', 'gtyesterday'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).status).toBe(400);
    expect((error as FhirError).issues[0]?.expression).toEqual(['birthdate']);
  });

  it('gives numbers their implicit precision', () => {
    expect(parseNumberValue('n', '100')).toMatchObject({ prefix: 'eq', value: 100, low: 99.5, high: 100.5 });
    const tenth = parseNumberValue('n', '100.0');
    expect(tenth.low).toBeCloseTo(99.95);
    expect(tenth.high).toBeCloseTo(100.05);
    expect(parseNumberValue('n', '1e2')).toMatchObject({ value: 100, low: 50, high: 150 });
    expect(parseNumberValue('n', 'gt-3.5')).toMatchObject({ prefix: 'gt', value: -3.5 });
    expect(() => parseNumberValue('n', 'ten')).toThrow(FhirError);
    expect(() => parseNumberValue('n', '1e999')).toThrow(FhirError);
  });

  it('reads quantities as number|system|code', () => {
    expect(parseQuantityValue('q', 'le5.4|http://unitsofmeasure.org|mg')).toMatchObject({ prefix: 'le', value: 5.4, system: 'http://unitsofmeasure.org', code: 'mg' });
    const byUnit = parseQuantityValue('q', '5.4||mg');
    expect(byUnit.code).toBe('mg');
    expect(byUnit.system).toBeUndefined();
    expect(parseQuantityValue('q', '5')).not.toHaveProperty('code');
    expect(() => parseQuantityValue('q', '5|a|b|c')).toThrow(FhirError);
  });

  it('reads tokens in their four forms, with escaped bars', () => {
    expect(parseTokenValue('abc')).toEqual({ code: 'abc' });
    expect(parseTokenValue('|abc')).toEqual({ system: '', code: 'abc' });
    expect(parseTokenValue('http://s|abc')).toEqual({ system: 'http://s', code: 'abc' });
    expect(parseTokenValue('http://s|')).toEqual({ system: 'http://s' });
    expect(parseTokenValue('a\\|b')).toEqual({ code: 'a|b' });
  });

  it('reads references relative, local-absolute, foreign-absolute and canonical', () => {
    const base = 'https://fhir.test/ws-svc';
    expect(parseReferenceValue('123', base)).toEqual({ id: '123' });
    expect(parseReferenceValue('Patient/123', base)).toEqual({ type: 'Patient', id: '123' });
    expect(parseReferenceValue('Patient/123/_history/2', base)).toEqual({ type: 'Patient', id: '123' });
    expect(parseReferenceValue(`${base}/Patient/123`, base)).toEqual({ type: 'Patient', id: '123' });
    expect(parseReferenceValue('https://other.test/Patient/123', base)).toEqual({ url: 'https://other.test/Patient/123' });
    expect(parseReferenceValue('http://x.org/Questionnaire/q|1.0', base)).toEqual({ url: 'http://x.org/Questionnaire/q|1.0' });
  });
});
