import { describe, expect, it } from 'vitest';
import { FhirError } from '../outcome.js';
import { etag, httpDate, parseIfMatch, versionHeaders } from './versioning.js';

describe('versioning', () => {
  it('weak ETags and HTTP dates', () => {
    expect(etag('3')).toBe('W/"3"');
    expect(httpDate('2026-11-26T07:00:00.123Z')).toBe('Thu, 26 Nov 2026 07:00:00 GMT');
  });

  it('Location only for writes', () => {
    const v = { resourceType: 'Patient', id: 'p', versionId: '2', lastUpdated: '2026-01-01T00:00:00.000Z', deleted: false, method: 'PUT' as const };
    expect(versionHeaders(v)).toEqual({ etag: 'W/"2"', 'last-modified': 'Thu, 01 Jan 2026 00:00:00 GMT' });
    expect(versionHeaders(v, 'https://h/fhir/s').location).toBe('https://h/fhir/s/Patient/p/_history/2');
  });

  it('If-Match: W/"n" and "n" name version n; none is undefined; anything else is 400', () => {
    expect(parseIfMatch('W/"4"')).toBe('4');
    expect(parseIfMatch(' "12" ')).toBe('12');
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('')).toBeUndefined();
    for (const bad of ['4', 'W/4', '"a b"', 'W/""']) expect(() => parseIfMatch(bad)).toThrow(FhirError);
  });
});
