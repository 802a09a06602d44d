import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';
import { FhirError } from '../outcome.js';

describe('continuation token', () => {
  it('round-trips the position and direction for the same ordering', () => {
    const token = encodeCursor({ order: '-birthdate', values: ['2020-01-01T00:00:00.000Z', null, 3.5, 'p1'], direction: 'prev' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(token, '-birthdate')).toEqual({ order: '-birthdate', values: ['2020-01-01T00:00:00.000Z', null, 3.5, 'p1'], direction: 'prev' });
  });

  it('refuses a token of another ordering, a forged shape or garbage with 400 on ct', () => {
    const token = encodeCursor({ order: '', values: ['a'], direction: 'next' });
    const forged = Buffer.from(JSON.stringify({ o: '', v: [{ x: 1 }], d: 'n' })).toString('base64url');
    for (const [t, order] of [[token, 'family'], [forged, ''], ['!!!', ''], ['', '']] as const) {
      let error: unknown;
      try { decodeCursor(t, order); } catch (e) { error = e; }
      expect(error).toBeInstanceOf(FhirError);
      expect((error as FhirError).issues[0]?.expression).toEqual(['ct']);
    }
  });
});
