import { describe, expect, it } from 'vitest';
import { checkTimeRange, checkType, dotNetTime, parseAssertion } from './assertion-jwt.js';
import { StsError } from './errors.js';

const codeOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof StsError ? err.code : -1;
  }
  return undefined;
};

describe('client assertion JWT basics', () => {
  it('prints times as .NET does, with seven fractional digits', () => {
    expect(dotNetTime(Date.parse('2024-10-02T22:05:03.675Z'))).toBe('2024-10-02T22:05:03.6750000Z');
    expect(dotNetTime(0)).toBe('1970-01-01T00:00:00.0000000Z');
  });

  it('enforces nbf and exp with five minutes of skew; exp is required, nbf is not', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const t = now.getTime() / 1000;
    expect(codeOf(() => checkTimeRange({ exp: t + 1 }, now))).toBeUndefined();
    expect(codeOf(() => checkTimeRange({ nbf: t + 299, exp: t + 600 }, now))).toBeUndefined();
    expect(codeOf(() => checkTimeRange({ nbf: t + 301, exp: t + 600 }, now))).toBe(700024);
    expect(codeOf(() => checkTimeRange({ exp: t - 299 }, now))).toBeUndefined();
    expect(codeOf(() => checkTimeRange({ exp: t - 300 }, now))).toBe(700024);
    expect(codeOf(() => checkTimeRange({ nbf: t }, now))).toBe(700024);
    expect(codeOf(() => checkTimeRange({ exp: 'soon' as unknown as number }, now))).toBe(700024);
  });

  it('takes typ JWT in any case, or none; refuses others', () => {
    expect(codeOf(() => checkType({ alg: 'RS256' }))).toBeUndefined();
    expect(codeOf(() => checkType({ alg: 'RS256', typ: 'jwt' }))).toBeUndefined();
    expect(codeOf(() => checkType({ alg: 'RS256', typ: 'http://openid.net/specs/jwt/1.0' }))).toBeUndefined();
    expect(codeOf(() => checkType({ alg: 'RS256', typ: 'at+jwt' }))).toBe(5002727);
  });

  it('refuses what is not a compact JWS with JSON header and payload (50027)', () => {
    for (const token of ['', 'a.b', 'a.b.c', 'x'.repeat(70_000) + '.a.b', `${Buffer.from('[]').toString('base64url')}.e30.`]) {
      expect(codeOf(() => parseAssertion(token)), token.slice(0, 20)).toBe(50027);
    }
    const ok = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"iss":"x"}').toString('base64url')}.sig`;
    expect(parseAssertion(ok).claims).toEqual({ iss: 'x' });
  });
});
