import { describe, expect, it } from 'vitest';
import { GraphError } from './errors.js';
import { checkQueryOptions, decodeSkipToken, encodeSkipToken, parseListQuery, parseSelect, parseTop, type CollectionSpec } from './odata-query.js';

const spec: CollectionSpec = {
  resource: 'Application', type: 'application', properties: { appId: ['eq'], displayName: ['eq', 'startswith'] },
  selectable: ['id', 'appId', 'displayName', 'web'], countable: true,
};

const thrown = (fn: () => unknown): GraphError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof GraphError) return err;
    throw err;
  }
  throw new Error('expected a GraphError');
};

describe('OData query options', () => {
  it('defaults to a page of 100 and accepts 1 to 999', () => {
    expect(parseTop(undefined)).toBe(100);
    expect(parseTop('1')).toBe(1);
    expect(parseTop('999')).toBe(999);
    for (const bad of ['0', '1000', '-1', '1.5', 'ten', '', '1e2']) {
      expect(thrown(() => parseTop(bad)).message).toBe(`Invalid page size specified: '${bad}'. Must be between 1 and 999 inclusive.`);
    }
  });

  it('selects known properties case-insensitively, in canonical spelling, once each', () => {
    expect(parseSelect('DisplayName, appid,displayName', spec)).toEqual(['displayName', 'appId']);
    expect(parseSelect('*', spec)).toBeUndefined();
    expect(parseSelect(undefined, spec)).toBeUndefined();
    expect(thrown(() => parseSelect('nope', spec)).code).toBe('BadRequest');
    expect(thrown(() => parseSelect('id,', spec)).code).toBe('BadRequest');
  });

  it('round-trips skip tokens and refuses forged ones', () => {
    const id = crypto.randomUUID();
    expect(decodeSkipToken(encodeSkipToken(id))).toBe(id);
    for (const bad of ['', 'x', Buffer.from('v1:not-a-guid').toString('base64url'), Buffer.from(id).toString('base64url'), '!!!']) {
      expect(thrown(() => decodeSkipToken(bad)).code).toBe('Request_BadRequest');
    }
  });

  it('parses a whole list request', () => {
    const id = crypto.randomUUID();
    const q = parseListQuery({ $filter: "startswith(displayName,'a')", $SELECT: 'id', $top: '5', $skiptoken: encodeSkipToken(id), $count: 'true', 'api-version': '1.6' }, spec, 'Eventual');
    expect(q).toEqual({ filter: [{ property: 'displayName', op: 'startswith', value: 'a' }], select: ['id'], top: 5, after: id, count: true });
    expect(parseListQuery({}, spec, undefined)).toEqual({ filter: [], top: 100, count: false });
    expect(thrown(() => parseListQuery({ $count: 'true' }, spec, undefined)).message).toBe('$count is not currently supported.');
    expect(thrown(() => parseListQuery({ $count: 'true' }, { ...spec, countable: false }, 'eventual')).code).toBe('Request_BadRequest');
    expect(thrown(() => parseListQuery({ $count: 'yes' }, spec, 'eventual')).code).toBe('BadRequest');
  });

  it('refuses options it does not implement and repeated options', () => {
    expect(thrown(() => checkQueryOptions({ $orderby: 'displayName' })).code).toBe('Request_UnsupportedQuery');
    expect(thrown(() => checkQueryOptions({ $expand: 'owners' })).code).toBe('Request_UnsupportedQuery');
    expect(thrown(() => checkQueryOptions({ $bogus: '1' })).message).toBe("The query parameter '$bogus' is not supported.");
    expect(thrown(() => checkQueryOptions({ $top: ['1', '2'] })).message).toBe("Query option '$top' was specified more than once, but it must be specified at most once.");
    expect(thrown(() => checkQueryOptions({ $filter: "appId eq 'x'" }, new Set(['$select']))).code).toBe('Request_UnsupportedQuery');
    expect(() => checkQueryOptions({ other: 'ignored', $select: 'id' }, new Set(['$select']))).not.toThrow();
  });
});
