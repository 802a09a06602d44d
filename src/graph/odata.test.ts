import { describe, expect, it } from 'vitest';
import type { GraphDeps } from './context.js';
import { decodeSkipToken } from './odata-query.js';
import { collection, contextUrl, entity, objectBody, pageOf, project } from './odata.js';

const deps = { publicUrl: () => 'https://id.example/' } as unknown as GraphDeps;

describe('OData envelopes', () => {
  it('names the metadata context as Graph does', () => {
    expect(contextUrl({ deps }, 'applications')).toBe('https://id.example/v1.0/$metadata#applications');
    expect(contextUrl({ deps }, 'applications', ['displayName', 'appId'], true)).toBe('https://id.example/v1.0/$metadata#applications(displayName,appId)/$entity');
    expect(entity({ deps }, 'applications', { id: '1', a: 2 }, { status: 201, location: 'L' })).toEqual({
      status: 201, location: 'L', body: { '@odata.context': 'https://id.example/v1.0/$metadata#applications/$entity', id: '1', a: 2 },
    });
  });

  it('projects selected properties in the order asked, null when absent', () => {
    expect(project({ a: 1, b: 2 }, ['b', 'c'])).toEqual({ b: 2, c: null });
    expect(Object.keys(project({ a: 1, b: 2 }, ['b', 'a']))).toEqual(['b', 'a']);
  });

  it('links the next page with the other options kept and a fresh skip token', () => {
    const query = { $filter: "displayName eq 'a b'", $top: '1', $skiptoken: 'old', extra: ['x', 'y'] };
    const { body } = collection({ deps, query }, 'applications', { items: [{ id: 'one' }], next: '00000000-0000-0000-0000-000000000001', count: 7 });
    const link = new URL((body as any)['@odata.nextLink']);
    expect(link.pathname).toBe('/v1.0/applications');
    expect(link.searchParams.get('$filter')).toBe("displayName eq 'a b'");
    expect(link.searchParams.getAll('extra')).toEqual(['x', 'y']);
    expect(link.searchParams.getAll('$skiptoken')).toHaveLength(1);
    expect(decodeSkipToken(link.searchParams.get('$skiptoken')!)).toBe('00000000-0000-0000-0000-000000000001');
    expect((body as any)['@odata.count']).toBe(7);
    expect(Object.keys(body as object)).toEqual(['@odata.context', '@odata.count', '@odata.nextLink', 'value']);
  });

  it('pages a loaded list by id', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    expect(pageOf(items, 2)).toEqual({ items: [{ id: 'a' }, { id: 'b' }], next: 'b' });
    expect(pageOf(items, 2, 'b')).toEqual({ items: [{ id: 'c' }, { id: 'd' }], next: 'd' });
    expect(pageOf(items, 2, 'd')).toEqual({ items: [{ id: 'e' }] });
    expect(pageOf(items, 5)).toEqual({ items });
    expect(pageOf([], 5)).toEqual({ items: [] });
  });

  it('takes only a JSON object as a body', () => {
    expect(objectBody(undefined)).toEqual({});
    expect(objectBody({ a: 1 })).toEqual({ a: 1 });
    for (const bad of [null, [], 'x', 3, true]) expect(() => objectBody(bad)).toThrow('The request body must be a JSON object.');
  });
});
