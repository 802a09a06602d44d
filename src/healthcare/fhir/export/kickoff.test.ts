import { describe, expect, it } from 'vitest';
import { refusal } from '../../../../test/support/fhir-errors.js';
import { parseKickoff } from './kickoff.js';

const headers = { accept: 'application/fhir+json', prefer: 'respond-async' };

describe('parseKickoff', () => {
  it('needs Accept: application/fhir+json and Prefer: respond-async', () => {
    expect(refusal(() => parseKickoff({ prefer: 'respond-async' }, [])).status).toBe(400);
    expect(refusal(() => parseKickoff({ accept: 'application/json', prefer: 'respond-async' }, [])).issues[0]!.diagnostics).toMatch(/Accept/);
    expect(refusal(() => parseKickoff({ accept: 'application/fhir+json' }, [])).issues[0]!.diagnostics).toMatch(/Prefer/);
    expect(refusal(() => parseKickoff({ ...headers, prefer: 'return=minimal' }, [])).status).toBe(400);
    expect(parseKickoff({ accept: 'application/fhir+json; charset=utf-8', prefer: 'respond-async, handling=lenient' }, [])).toEqual({});
  });

  it('reads _type (comma-separated and repeated) and refuses unknown types', () => {
    expect(parseKickoff(headers, [['_type', 'Patient,Observation'], ['_type', 'Patient, Encounter']]).types)
      .toEqual(['Patient', 'Observation', 'Encounter']);
    const err = refusal(() => parseKickoff(headers, [['_type', 'Patient,Nonsense']]));
    expect(err.status).toBe(400);
    expect(err.issues[0]).toMatchObject({ code: 'invalid', expression: ['_type'] });
    expect(refusal(() => parseKickoff(headers, [['_type', 'patient']])).status).toBe(400);
  });

  it('reads _since as a UTC instant, partial dates and offsets included', () => {
    expect(parseKickoff(headers, [['_since', '2024-03-05T10:20:30.5+02:00']]).since).toBe('2024-03-05T08:20:30.500Z');
    expect(parseKickoff(headers, [['_since', '2024-03']]).since).toBe('2024-03-01T00:00:00.000Z');
    expect(parseKickoff(headers, [['_since', '2024-03-05T10:20Z']]).since).toBe('2024-03-05T10:20:00.000Z');
    for (const bad of ['yesterday', '2024-13-01', '2024-03-05T25:00:00Z', '']) {
      expect(refusal(() => parseKickoff(headers, [['_since', bad]])).issues[0]!.expression).toEqual(['_since']);
    }
  });

  it('accepts the NDJSON output formats, ignores _container, and refuses unknown parameters only under handling=strict', () => {
    for (const format of ['application/fhir+ndjson', 'application/ndjson', 'ndjson']) {
      expect(parseKickoff(headers, [['_outputFormat', format], ['_container', 'exports']])).toEqual({});
    }
    expect(refusal(() => parseKickoff(headers, [['_outputFormat', 'text/csv']])).status).toBe(400);
    expect(parseKickoff(headers, [['_typeFilter', 'Patient?active=true']])).toEqual({});
    const strict = refusal(() => parseKickoff({ ...headers, prefer: 'respond-async, handling=strict' }, [['_typeFilter', 'x']]));
    expect(strict.issues[0]).toMatchObject({ code: 'not-supported', expression: ['_typeFilter'] });
  });
});
