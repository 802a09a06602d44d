/** The Authentication blade's editable copy of an application's sign-in settings, and what changed. */
import type { Application, WebSettings } from '../../../api/types';

export interface AuthDraft {
  web: WebSettings;
  spa: { redirectUris: string[] };
  publicClient: { redirectUris: string[] };
  isFallbackPublicClient: boolean;
  signInAudience: string;
}

export function draftOf(app: Application): AuthDraft {
  return {
    web: {
      redirectUris: [...(app.web?.redirectUris ?? [])],
      logoutUrl: app.web?.logoutUrl ?? null,
      implicitGrantSettings: {
        enableAccessTokenIssuance: app.web?.implicitGrantSettings?.enableAccessTokenIssuance ?? false,
        enableIdTokenIssuance: app.web?.implicitGrantSettings?.enableIdTokenIssuance ?? false,
      },
    },
    spa: { redirectUris: [...(app.spa?.redirectUris ?? [])] },
    publicClient: { redirectUris: [...(app.publicClient?.redirectUris ?? [])] },
    isFallbackPublicClient: app.isFallbackPublicClient ?? false,
    signInAudience: app.signInAudience,
  };
}

/** The PATCH body for what differs between the saved settings and the draft (empty when nothing changed). */
export function changes(saved: AuthDraft, draft: AuthDraft): Partial<AuthDraft> {
  const out: Partial<AuthDraft> = {};
  if (JSON.stringify(saved.web) !== JSON.stringify(draft.web)) out.web = { ...draft.web, logoutUrl: draft.web.logoutUrl?.trim() || null };
  if (JSON.stringify(saved.spa) !== JSON.stringify(draft.spa)) out.spa = draft.spa;
  if (JSON.stringify(saved.publicClient) !== JSON.stringify(draft.publicClient)) out.publicClient = draft.publicClient;
  if (saved.isFallbackPublicClient !== draft.isFallbackPublicClient) out.isFallbackPublicClient = draft.isFallbackPublicClient;
  if (saved.signInAudience !== draft.signInAudience) out.signInAudience = draft.signInAudience;
  return out;
}

/** Suggested redirect URIs for Mobile and desktop applications, as the Azure portal offers them. */
export function suggestedNativeUris(appId: string): { uri: string; note?: string }[] {
  return [
    { uri: 'https://login.microsoftonline.com/common/oauth2/nativeclient' },
    { uri: 'https://login.live.com/oauth20_desktop.srf', note: 'LiveSDK' },
    { uri: `msal${appId}://auth`, note: 'MSAL only' },
  ];
}
