import { describe, expect, it } from 'vitest';
import { FhirError } from '../outcome.js';
import { checkResponseFormat, preferences, serialize, wantsPretty } from './content.js';
import type { FhirRequest } from './types.js';

const request = (query: Array<[string, string]> = [], headers: Record<string, string> = {}): FhirRequest =>
  ({ method: 'GET', path: 'Patient', query, headers, body: undefined });

const status = (fn: () => void): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof FhirError ? err.status : -1;
  }
};

describe('checkResponseFormat', () => {
  it('accepts JSON formats and wildcards, refuses XML with 406', () => {
    for (const f of ['json', 'application/json', 'application/fhir+json', 'application/fhir+json; fhirVersion=4.0']) {
      expect(status(() => checkResponseFormat(request([['_format', f]])))).toBeUndefined();
    }
    for (const f of ['xml', 'application/fhir+xml', 'text/xml', 'ttl']) expect(status(() => checkResponseFormat(request([['_format', f]])))).toBe(406);
    expect(status(() => checkResponseFormat(request([], { accept: 'application/fhir+xml' })))).toBe(406);
    expect(status(() => checkResponseFormat(request([], { accept: 'application/fhir+xml;q=1, */*;q=0.1' })))).toBeUndefined();
    expect(status(() => checkResponseFormat(request([['_format', 'json']], { accept: 'application/xml' })))).toBeUndefined();
  });
});

describe('preferences', () => {
  it('reads return= and handling=, defaulting to representation and lenient', () => {
    expect(preferences(request())).toEqual({ return: 'representation', strict: false });
    expect(preferences(request([], { prefer: 'return=minimal' })).return).toBe('minimal');
    expect(preferences(request([], { prefer: 'handling=strict, return=OperationOutcome' }))).toEqual({ return: 'OperationOutcome', strict: true });
    expect(preferences(request([], { prefer: 'return=bogus' })).return).toBe('representation');
  });
});

describe('serialize', () => {
  it('sends a stored JSON string as it is, and indents it only for _pretty', () => {
    const json = '{"resourceType":"Patient","id":"a"}';
    expect(serialize(json, false)).toBe(json);
    expect(serialize(json, true)).toBe('{\n  "resourceType": "Patient",\n  "id": "a"\n}');
    expect(serialize({ resourceType: 'Patient' }, false)).toBe('{"resourceType":"Patient"}');
    expect(wantsPretty(request([['_pretty', 'true']]))).toBe(true);
    expect(wantsPretty(request([['_pretty', 'false']]))).toBe(false);
  });
});
