import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tokenHash } from './claims.js';

describe('tokenHash (c_hash / at_hash for RS256)', () => {
  it('is base64url of the left half of SHA-256 of the ASCII value', () => {
    const code = 'Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk';
    const expected = createHash('sha256').update(code).digest().subarray(0, 16).toString('base64url');
    expect(tokenHash(code)).toBe(expected);
    expect(tokenHash(code)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
