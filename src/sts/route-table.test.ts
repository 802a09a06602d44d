import { describe, expect, it } from 'vitest';
import { canonicalStsUrl, routePattern, STS_PATHS, stsUrl } from './route-table.js';

describe('canonicalStsUrl', () => {
  it('lowers the static part of STS paths and keeps the tenant segment and query', () => {
    expect(canonicalStsUrl('/Contoso.COM/V2.0/.Well-Known/OpenID-Configuration')).toBe('/Contoso.COM/v2.0/.well-known/openid-configuration');
    expect(canonicalStsUrl('/T/OAuth2/V2.0/Token?client-request-id=AbC')).toBe('/T/oauth2/v2.0/token?client-request-id=AbC');
    expect(canonicalStsUrl('/Common/Discovery/Instance?authorization_endpoint=X')).toBe('/Common/discovery/instance?authorization_endpoint=X');
    for (const path of Object.values(STS_PATHS)) expect(canonicalStsUrl(`/t${path.toUpperCase()}`)).toBe(`/t${path}`);
  });

  it('leaves everything else alone', () => {
    for (const url of ['/v1.0/Applications', '/fhir/local-fhir/Patient', '/t/oauth2/v2.0/token/extra', '/t/x/oauth2/token', '/health', '/']) {
      expect(canonicalStsUrl(url)).toBe(url);
    }
    const same = '/t/oauth2/v2.0/token';
    expect(canonicalStsUrl(same)).toBe(same);
  });
});

describe('route table', () => {
  it('builds URLs and route patterns from the same paths', () => {
    expect(stsUrl('https://h', 'tid', 'tokenV2')).toBe('https://h/tid/oauth2/v2.0/token');
    expect(routePattern('keysV1')).toBe('/:tenant/discovery/keys');
  });
});
