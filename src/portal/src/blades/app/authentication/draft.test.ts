import { describe, expect, it } from 'vitest';
import type { Application } from '../../../api/types';
import { changes, draftOf, suggestedNativeUris } from './draft';

const app = {
  web: { redirectUris: ['https://a.example/cb'], logoutUrl: null, implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: true } },
  spa: { redirectUris: [] }, publicClient: { redirectUris: [] }, isFallbackPublicClient: null,
} as unknown as Application;

describe('authentication draft', () => {
  it('starts from the saved settings (isFallbackPublicClient null is No) and reports no change', () => {
    const saved = draftOf(app);
    expect(saved.isFallbackPublicClient).toBe(false);
    expect(changes(saved, draftOf(app))).toEqual({});
  });

  it('patches only what changed; a blank logout URL is null', () => {
    const saved = draftOf(app);
    const draft = { ...draftOf(app), isFallbackPublicClient: true, web: { ...saved.web, logoutUrl: '  ' } };
    expect(changes(saved, draft)).toEqual({ isFallbackPublicClient: true, web: { ...saved.web, logoutUrl: null } });
    const postman = { ...draftOf(app), publicClient: { redirectUris: ['https://oauth.pstmn.io/v1/callback'] } };
    expect(changes(saved, postman)).toEqual({ publicClient: { redirectUris: ['https://oauth.pstmn.io/v1/callback'] } });
  });

  it('suggests the native client URIs the Azure portal does, with the app ID in the MSAL one', () => {
    expect(suggestedNativeUris('abc').map((s) => s.uri)).toEqual([
      'https://login.microsoftonline.com/common/oauth2/nativeclient', 'https://login.live.com/oauth20_desktop.srf', 'msalabc://auth',
    ]);
  });
});
