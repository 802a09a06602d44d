import { describe, expect, it } from 'vitest';
import { GRAPH_APP_ID } from '../directory/first-party.js';
import { StsError } from './errors.js';
import { parseScope, resourceRequest } from './scopes.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as StsError).code;
  }
  return undefined;
};

describe('parseScope', () => {
  it('splits resource and permission at the last slash and sets OIDC scopes apart', () => {
    expect(parseScope('https://h/fhir/x/.default openid offline_access')).toMatchObject({
      identifier: 'https://h/fhir/x', prefix: 'https://h/fhir/x/', permissions: 'default', oidc: new Set(['openid', 'offline_access']),
    });
    expect(parseScope('api://abc/read api://abc/write')).toMatchObject({ identifier: 'api://abc', permissions: ['read', 'write'] });
    expect(parseScope('https://graph.microsoft.com//.default').identifier).toBe('https://graph.microsoft.com/');
  });

  it('reads a bare permission as Microsoft Graph', () => {
    expect(parseScope('User.Read Mail.Read')).toMatchObject({ identifier: GRAPH_APP_ID, prefix: '', permissions: ['User.Read', 'Mail.Read'] });
    expect(parseScope('openid profile')).toMatchObject({ identifier: GRAPH_APP_ID, permissions: [] });
  });

  it('refuses two resources (28000) and .default mixed with named permissions (70011)', () => {
    expect(code(() => parseScope('User.Read api://x/read'))).toBe(28000);
    expect(code(() => parseScope('api://x/.default api://x/read'))).toBe(70011);
  });

  it('treats a trailing slash as the same resource', () => {
    expect(code(() => parseScope('https://graph.microsoft.com/User.Read https://graph.microsoft.com//Mail.Read'))).toBeUndefined();
  });
});

describe('resourceRequest', () => {
  it('means .default on the resource, keeping OIDC scopes from `scope`', () => {
    expect(resourceRequest('https://r', 'openid junk')).toMatchObject({ identifier: 'https://r', permissions: 'default', oidc: new Set(['openid']), text: 'https://r/.default openid' });
  });
});
