import { describe, expect, it } from 'vitest';
import { refusal } from '../../../../test/support/fhir-errors.js';
import { parseSearch } from './parse.js';

const base = 'https://fhir.test/ws-svc';
const parse = (resourceType: string | undefined, query: string, strict = false) =>
  parseSearch([...new URLSearchParams(query)], { resourceType, baseUrl: base, strict });

describe('parseSearch', () => {
  it('reads result parameters with their defaults and bounds', () => {
    const p = parse('Patient', '');
    expect(p).toMatchObject({ types: ['Patient'], count: 10, total: 'none', filters: [], sort: [], warnings: [] });
    expect(parse('Patient', '_count=5000').count).toBe(1000);
    expect(parse('Patient', '_total=accurate&_summary=count').total).toBe('accurate');
    expect(parse('Patient', '_summary=count').summary).toBe('count');
    expect(parse('Patient', '_elements=name,birthDate').elements).toEqual(['name', 'birthDate']);
    expect(refusal(() => parse('Patient', '_count=-1')).issues[0]?.expression).toEqual(['_count']);
    expect(refusal(() => parse('Patient', '_total=maybe')).status).toBe(400);
    expect(refusal(() => parse('Patient', '_summary=some')).status).toBe(400);
  });

  it('reads _sort keys with their direction and table', () => {
    expect(parse('Patient', '_sort=-birthdate,family,_id').sort).toEqual([
      { code: 'birthdate', on: 'date', descending: true },
      { code: 'family', on: 'string', descending: false },
      { code: '_id', on: 'id', descending: false },
    ]);
    const p = parse('Observation', '_sort=subject');
    expect(p.sort).toEqual([]);
    expect(p.warnings[0]?.expression).toEqual(['_sort']);
  });

  it('turns each parameter into a typed filter; repeated parameters are separate (AND) filters', () => {
    const p = parse('Observation', 'code=http://loinc.org|1234-5,5678&date=ge2020&date=ge2019&subject:Patient=1&value-quantity=gt5||mg');
    expect(p.filters.map((f) => f.kind)).toEqual(['token', 'date', 'date', 'reference', 'quantity']);
    expect(p.filters[0]).toMatchObject({ values: [{ system: 'http://loinc.org', code: '1234-5' }, { code: '5678' }] });
    expect(p.filters[3]).toMatchObject({ values: [{ type: 'Patient', id: '1' }] });
  });

  it('reads string modifiers and normalises values the way the index does', () => {
    const [start, exact, contains] = parse('Patient', 'name=Zoë  Smith&name:exact=Zoë&name:contains=OË').filters;
    expect(start).toMatchObject({ kind: 'string', mode: 'start', values: ['zoe smith'] });
    expect(exact).toMatchObject({ kind: 'string', mode: 'exact', values: ['Zoë'] });
    expect(contains).toMatchObject({ kind: 'string', mode: 'contains', values: ['oe'] });
  });

  it('reads :missing, :not, :text, :identifier and uri :below/:above', () => {
    const p = parse('Observation', 'subject:missing=true&status:not=final&code:text=Glucose&subject:identifier=urn:mrn|7');
    expect(p.filters.map((f) => f.kind)).toEqual(['missing', 'token', 'tokenText', 'identifier']);
    expect(p.filters[1]).toMatchObject({ negate: true });
    expect(parse('ValueSet', 'url:below=http://acme.org/fhir').filters[0]).toMatchObject({ kind: 'uri', mode: 'below' });
    expect(refusal(() => parse('Observation', 'subject:missing=maybe')).issues[0]?.expression).toEqual(['subject:missing']);
    expect(refusal(() => parse('Observation', 'code:below=x')).status).toBe(400);
    expect(refusal(() => parse('Observation', 'subject:Medication=1')).status).toBe(400);
  });

  it('reads chains with and without a type, and _has', () => {
    const typed = parse('Observation', 'subject:Patient.name=peter').filters[0];
    expect(typed).toMatchObject({ kind: 'chain', targetTypes: ['Patient'], next: { kind: 'string', values: ['peter'] } });
    const untyped = parse('Observation', 'subject.name=peter').filters[0];
    expect(untyped).toMatchObject({ kind: 'chain', targetTypes: ['Location', 'Patient'] });
    const has = parse('Patient', '_has:Observation:patient:code=1234').filters[0];
    expect(has).toMatchObject({ kind: 'has', sourceType: 'Observation', refParam: 'patient', next: { kind: 'token' } });
    expect(refusal(() => parse('Observation', 'status.name=x')).status).toBe(400);
  });

  it('ignores unknown parameters with a warning, or refuses them when strict', () => {
    const p = parse('Patient', 'nonsense=1&_format=json&name=x');
    expect(p.filters).toHaveLength(1);
    expect(p.warnings).toEqual([expect.objectContaining({ severity: 'warning', code: 'not-supported', expression: ['nonsense'] })]);
    const strict = refusal(() => parse('Patient', 'nonsense=1', true));
    expect(strict.status).toBe(400);
    expect(strict.issues[0]?.expression).toEqual(['nonsense']);
  });

  it('refuses bad values with the parameter named', () => {
    const e = refusal(() => parse('Patient', 'birthdate=notadate'));
    expect(e.status).toBe(400);
    expect(e.issues[0]?.expression).toEqual(['birthdate']);
    expect(refusal(() => parse('Observation', 'value-quantity=abc')).issues[0]?.expression).toEqual(['value-quantity']);
  });

  it('reads _include/_revinclude with :iterate and *', () => {
    const p = parse('Observation', '_include=Observation:subject:Patient&_revinclude:iterate=Provenance:target&_include=*');
    expect(p.includes).toEqual([
      { sourceType: 'Observation', param: 'subject', targetType: 'Patient', iterate: false },
      { sourceType: 'Observation', param: '*', iterate: false },
    ]);
    expect(p.revincludes).toEqual([{ sourceType: 'Provenance', param: 'target', iterate: true }]);
    const bad = parse('Observation', '_include=Patient:organization');
    expect(bad.includes).toEqual([]);
    expect(bad.warnings).toHaveLength(1);
  });

  it('searches across types: all, or _type with only the parameters every listed type has', () => {
    expect(parse(undefined, '_id=1').types).toBe('all');
    const typed = parse(undefined, '_type=Patient,Practitioner&name=x&gender=female');
    expect(typed.types).toEqual(['Patient', 'Practitioner']);
    expect(typed.filters).toHaveLength(2);
    const mixed = parse(undefined, '_type=Patient,Observation&name=x');
    expect(mixed.filters).toHaveLength(0);
    expect(mixed.warnings).toHaveLength(1);
    expect(parse(undefined, 'birthdate=2020').warnings).toHaveLength(1);
    expect(refusal(() => parse(undefined, '_type=Nope')).status).toBe(400);
  });
});
