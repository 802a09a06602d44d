import { describe, expect, it } from 'vitest';
import { GRAPH_APP_ID } from '../../directory/first-party.js';
import { StsError } from '../errors.js';
import { parseAuthorizeScope, v1AuthorizeScope } from './scopes.js';

describe('parseAuthorizeScope', () => {
  it('groups permissions by resource in the order named; bare ones are Graph\'s; OIDC scopes apart', () => {
    const s = parseAuthorizeScope('api://a/read openid User.Read api://a/write https://host//.default OFFLINE_ACCESS api://a/read');
    expect(s.resources).toEqual([
      { identifier: 'api://a', permissions: ['read', 'write'] },
      { identifier: GRAPH_APP_ID, permissions: ['User.Read'] },
      { identifier: 'https://host/', permissions: 'default' },
    ]);
    expect([...s.oidc]).toEqual(['openid', 'offline_access']);
  });

  it('refuses .default mixed with named permissions of one resource', () => {
    expect(() => parseAuthorizeScope('api://a/.default api://a/read')).toThrow(StsError);
    expect(parseAuthorizeScope('api://a/.default api://b/read').resources).toHaveLength(2);
  });

  it('reads v1: the resource\'s configured permissions, always with openid', () => {
    expect(v1AuthorizeScope('https://r', 'profile x')).toEqual({ resources: [{ identifier: 'https://r', permissions: 'default' }], oidc: new Set(['profile', 'openid']) });
    expect(v1AuthorizeScope(undefined, undefined).resources).toEqual([]);
  });
});
