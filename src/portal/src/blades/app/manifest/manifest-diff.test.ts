import { describe, expect, it } from 'vitest';
import { manifestEdit } from './manifest-diff';

const original = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#applications/$entity',
  id: '11111111-1111-1111-1111-111111111111',
  appId: '22222222-2222-2222-2222-222222222222',
  displayName: 'Manifest app',
  notes: null,
  web: { redirectUris: [], logoutUrl: null },
  appRoles: [{ id: '33333333-3333-3333-3333-333333333333', value: 'Reader', isEnabled: true, origin: 'Application' }],
  api: { requestedAccessTokenVersion: null, oauth2PermissionScopes: [{ id: '44444444-4444-4444-4444-444444444444', value: 'read', origin: 'Application' }] },
  passwordCredentials: [],
};
const text = (value: unknown) => JSON.stringify(value, null, 2);

describe('manifestEdit', () => {
  it('sends only the writable properties that changed', () => {
    const edit = manifestEdit(original, text({ ...original, displayName: 'Renamed', notes: 'hello' }));
    expect(edit).toEqual({ ok: true, patch: { displayName: 'Renamed', notes: 'hello' }, readOnlyChanged: [] });
  });

  it('does not count reordered object keys as a change', () => {
    const { web, ...rest } = original;
    expect(manifestEdit(original, text({ web: { logoutUrl: web.logoutUrl, redirectUris: web.redirectUris }, ...rest })))
      .toEqual({ ok: true, patch: {}, readOnlyChanged: [] });
  });

  it('reports changed read-only properties instead of sending them', () => {
    const edit = manifestEdit(original, text({ ...original, appId: '55555555-5555-5555-5555-555555555555', passwordCredentials: [{}], displayName: 'X' }));
    expect(edit).toEqual({ ok: true, patch: { displayName: 'X' }, readOnlyChanged: ['appId', 'passwordCredentials'] });
  });

  it('leaves the read-only origin out of changed app roles and scopes', () => {
    const appRoles = [{ ...original.appRoles[0], value: 'Writer' }];
    const api = { ...original.api, requestedAccessTokenVersion: 2 };
    const edit = manifestEdit(original, text({ ...original, appRoles, api }));
    expect(edit).toEqual({
      ok: true, readOnlyChanged: [],
      patch: {
        appRoles: [{ id: '33333333-3333-3333-3333-333333333333', value: 'Writer', isEnabled: true }],
        api: { requestedAccessTokenVersion: 2, oauth2PermissionScopes: [{ id: '44444444-4444-4444-4444-444444444444', value: 'read' }] },
      },
    });
  });

  it('ignores instance annotations such as @odata.context', () => {
    expect(manifestEdit(original, text({ ...original, '@odata.context': 'changed' }))).toEqual({ ok: true, patch: {}, readOnlyChanged: [] });
  });

  it('refuses text that is not a JSON object', () => {
    expect(manifestEdit(original, '{ "displayName": ')).toMatchObject({ ok: false, message: expect.stringMatching(/^The manifest is not valid JSON/) });
    expect(manifestEdit(original, '[1, 2]')).toEqual({ ok: false, message: 'The manifest must be a JSON object.' });
    expect(manifestEdit(original, 'null')).toEqual({ ok: false, message: 'The manifest must be a JSON object.' });
  });
});
