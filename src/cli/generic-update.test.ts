import { describe, expect, it } from 'vitest';
import { applyGenericUpdate } from './generic-update.js';

const current = {
  displayName: 'app', groupMembershipClaims: null,
  web: { homePageUrl: 'https://old', redirectUris: ['https://a/cb', 'https://b/cb'], implicitGrantSettings: { enableIdTokenIssuance: false } },
  appRoles: [{ id: 'r1', value: 'Read', isEnabled: true }],
};

async function update(body: Record<string, unknown>, options: Parameters<typeof applyGenericUpdate>[1]) {
  let fetched = 0;
  await applyGenericUpdate(body, options, async () => { fetched++; return structuredClone(current); });
  return { body, fetched };
}

describe('--set/--add/--remove', () => {
  it('sets top-level values without reading the object, parsing JSON values as az does', async () => {
    const { body, fetched } = await update({}, { set: ['groupMembershipClaims=All', 'isFallbackPublicClient=true', 'tags=["a","b"]', 'notes=plain text'] });
    expect(body).toEqual({ groupMembershipClaims: 'All', isFallbackPublicClient: true, tags: ['a', 'b'], notes: 'plain text' });
    expect(fetched).toBe(0);
  });

  it('sets nested values on top of the current value, keeping siblings', async () => {
    const { body } = await update({}, { set: ['web.homePageUrl=https://new', 'appRoles[0].isEnabled=false'] });
    expect(body).toEqual({
      web: { ...current.web, homePageUrl: 'https://new' },
      appRoles: [{ id: 'r1', value: 'Read', isEnabled: false }],
    });
  });

  it('applies on top of what the property flags already put in the body', async () => {
    const { body } = await update({ web: { redirectUris: ['https://flag/cb'] } }, { set: ['web.logoutUrl=https://out'] });
    expect(body).toEqual({ web: { redirectUris: ['https://flag/cb'], logoutUrl: 'https://out' } });
  });

  it('adds to and removes from lists, and removes properties', async () => {
    expect((await update({}, { add: ['web.redirectUris', 'https://c/cb'] })).body.web)
      .toMatchObject({ redirectUris: ['https://a/cb', 'https://b/cb', 'https://c/cb'] });
    expect((await update({}, { remove: ['web.redirectUris', '0'] })).body.web).toMatchObject({ redirectUris: ['https://b/cb'] });
    expect((await update({}, { remove: ['web.homePageUrl'] })).body.web).not.toHaveProperty('homePageUrl');
  });

  it('refuses malformed arguments', async () => {
    await expect(update({}, { set: ['no-equals-sign'] })).rejects.toThrow(/usage error: --set/);
    await expect(update({}, { remove: ['web.redirectUris', '9'] })).rejects.toThrow(/out of range/);
    await expect(update({}, { add: ['displayName', 'x'] })).rejects.toThrow(/'displayName' is not/);
  });
});
