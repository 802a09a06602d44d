import { describe, expect, it } from 'vitest';
import { StsError } from '../errors.js';
import { checkPkce } from './pkce.js';

const S256 = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('checkPkce', () => {
  it('asks nothing without a challenge, and defaults the method to plain', () => {
    expect(checkPkce(undefined, 'S256')).toBeUndefined();
    expect(checkPkce('a'.repeat(43), undefined)).toEqual({ challenge: 'a'.repeat(43), method: 'plain' });
    expect(checkPkce(S256, 'S256')).toEqual({ challenge: S256, method: 'S256' });
    expect(checkPkce('~._-'.repeat(32), 'plain')).toEqual({ challenge: '~._-'.repeat(32), method: 'plain' });
  });

  it('refuses unknown methods (50149) and wrong sizes or characters (501491)', () => {
    const code = (v: unknown) => (v instanceof StsError ? v.code : v);
    expect(code(checkPkce(S256, 's256'))).toBe(50149);
    expect(code(checkPkce('a'.repeat(42), 'plain'))).toBe(501491);
    expect(code(checkPkce('a'.repeat(129), 'plain'))).toBe(501491);
    expect(code(checkPkce(`${S256}A`, 'S256'))).toBe(501491);
    expect(code(checkPkce(`${S256.slice(1)}=`, 'S256'))).toBe(501491);
    expect(code(checkPkce(`${'a'.repeat(42)}+`, 'plain'))).toBe(501491);
  });
});
