import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationBody, jsonArgument } from './ad-app-properties.js';

describe('application property flags', () => {
  it('map onto Graph as az maps them, sending only what was given', () => {
    expect(applicationBody({
      displayName: 'n', isFallbackPublicClient: false, webRedirectUris: ['https://a'], enableIdTokenIssuance: true,
      publicClientRedirectUris: ['http://localhost'], requestedAccessTokenVersion: 2,
    })).toEqual({
      displayName: 'n', isFallbackPublicClient: false,
      web: { redirectUris: ['https://a'], implicitGrantSettings: { enableIdTokenIssuance: true } },
      publicClient: { redirectUris: ['http://localhost'] }, api: { requestedAccessTokenVersion: 2 },
    });
    expect(applicationBody({})).toEqual({});
    expect(applicationBody({ enablePublicClient: true })).toEqual({ isFallbackPublicClient: true });
  });

  it('take JSON properties from a whole manifest, and give app roles an id', () => {
    const body = applicationBody({
      appRoles: JSON.stringify({ appRoles: [{ value: 'Read', allowedMemberTypes: ['Application'] }] }),
      requiredResourceAccesses: JSON.stringify({ requiredResourceAccess: [{ resourceAppId: 'x', resourceAccess: [] }] }),
      optionalClaims: JSON.stringify({ idToken: [] }),
    });
    expect(body.appRoles).toEqual([{ value: 'Read', allowedMemberTypes: ['Application'], id: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    expect(body.requiredResourceAccess).toEqual([{ resourceAppId: 'x', resourceAccess: [] }]);
    expect(body.optionalClaims).toEqual({ idToken: [] });
  });

  it('read JSON inline, from @file or from a file path', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-cli-')), 'x.json');
    fs.writeFileSync(file, '[1]');
    expect(jsonArgument('[2]', '--x')).toEqual([2]);
    expect(jsonArgument(`@${file}`, '--x')).toEqual([1]);
    expect(jsonArgument(file, '--x')).toEqual([1]);
    expect(() => jsonArgument('{nope', '--x')).toThrow(/--x: failed to parse string as JSON/);
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});
