import { describe, expect, it } from 'vitest';
import { compileQuery } from './query.js';

const q = (expression: string, value: unknown) => compileQuery(expression)(value);

describe('--query (JMESPath subset)', () => {
  const apps = [
    { displayName: 'api', appId: 'a1', web: { redirectUris: ['https://x/cb'] }, passwordCredentials: [{ keyId: 'k1' }] },
    { displayName: 'spa', appId: 'a2', web: { redirectUris: [] }, passwordCredentials: [] },
  ];

  it('selects fields, nested fields and indexes', () => {
    expect(q('appId', apps[0])).toBe('a1');
    expect(q('web.redirectUris[0]', apps[0])).toBe('https://x/cb');
    expect(q('[-1].appId', apps)).toBe('a2');
    expect(q('missing.deeper', apps[0])).toBeNull();
  });

  it('projects lists and flattens', () => {
    expect(q('[].appId', apps)).toEqual(['a1', 'a2']);
    expect(q('[*].displayName', apps)).toEqual(['api', 'spa']);
    expect(q('[].passwordCredentials[].keyId', apps)).toEqual(['k1']);
    expect(q('[].web.redirectUris[]', apps)).toEqual(['https://x/cb']);
  });

  it('filters with comparisons, boolean operators and functions', () => {
    expect(q("[?displayName=='spa'].appId", apps)).toEqual(['a2']);
    expect(q('[?displayName==`api`] | [0].appId', apps)).toBe('a1');
    expect(q("[?starts_with(displayName, 'a') || appId == 'a2'].appId", apps)).toEqual(['a1', 'a2']);
    expect(q("[?contains(displayName, 'p') && !(appId == 'a1')].appId", apps)).toEqual(['a2']);
    expect(q('length([?length(passwordCredentials) > `0`])', apps)).toBe(1);
  });

  it('builds lists and objects', () => {
    expect(q('[].{name: displayName, id: appId}', apps)).toEqual([{ name: 'api', id: 'a1' }, { name: 'spa', id: 'a2' }]);
    expect(q('[0].[appId, displayName]', apps)).toEqual(['a1', 'api']);
    expect(q('{first: [0].appId, count: length(@)}', apps)).toEqual({ first: 'a1', count: 2 });
  });

  it('refuses what it cannot parse before anything runs', () => {
    expect(() => compileQuery('[?')).toThrow(/Invalid jmespath query/);
    expect(() => compileQuery('a.')).toThrow(/Invalid jmespath query/);
    expect(() => q('nope(a)', {})).toThrow(/unknown function/);
  });
});
