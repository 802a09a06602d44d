import { describe, expect, it } from 'vitest';
import type { Tenant } from '../directory/tenants.js';
import { isTokenEndpointOf } from './client-assertion.js';

const tenant: Tenant = {
  id: '11111111-2222-3333-4444-555555555555', displayName: 'Contoso', createdDateTime: '2024-01-01T00:00:00Z',
  domains: [{ name: 'contoso.test', isDefault: true, isInitial: true }, { name: 'contoso.example', isDefault: false, isInitial: false }],
};
const base = 'https://login.contoso.test:8443';
const ok = (aud: string, segment = tenant.id) => isTokenEndpointOf(aud, base, tenant, segment);

describe('client assertion audience', () => {
  it('is the tenant\'s v2 or v1 token endpoint, by GUID or any domain, in any case, query ignored', () => {
    expect(ok(`${base}/${tenant.id}/oauth2/v2.0/token`)).toBe(true);
    expect(ok(`${base}/${tenant.id}/oauth2/token`)).toBe(true);
    expect(ok(`${base}/contoso.example/oauth2/v2.0/token`)).toBe(true);
    expect(ok(`${base.toUpperCase()}/CONTOSO.TEST/OAuth2/V2.0/Token`)).toBe(true);
    expect(ok(`${base}/${tenant.id}/oauth2/v2.0/token?client-request-id=abc`)).toBe(true);
  });

  it('also names the tenant by the segment the request used (organizations, common)', () => {
    expect(ok(`${base}/organizations/oauth2/v2.0/token`, 'organizations')).toBe(true);
    expect(ok(`${base}/organizations/oauth2/v2.0/token`)).toBe(false);
  });

  it('is nothing else: other tenant, other host, other path, the issuer', () => {
    for (const aud of [
      `${base}/99999999-2222-3333-4444-555555555555/oauth2/v2.0/token`, `https://login.microsoftonline.com/${tenant.id}/oauth2/v2.0/token`,
      `${base}/${tenant.id}/oauth2/v2.0/authorize`, `${base}/${tenant.id}/v2.0`, `${base}/${tenant.id}/oauth2/v2.0/token/extra`,
      `${base}//oauth2/v2.0/token`, `${base}x/${tenant.id}/oauth2/v2.0/token`, '',
    ]) expect(ok(aud), aud).toBe(false);
  });
});
