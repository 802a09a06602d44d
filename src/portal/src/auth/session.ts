/**
 * Sign-in with MSAL Browser: auth code + PKCE as the first-party portal SPA client, by redirect. The page the user
 * was on rides in the request's state, so a deep link survives the round trip to the sign-in page.
 */
import {
  InteractionRequiredAuthError, PublicClientApplication, type AccountInfo, type AuthenticationResult,
} from '@azure/msal-browser';
import type { PortalConfig } from '../api/config';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const MANAGEMENT_SCOPE = 'https://management.azure.com/user_impersonation';

export interface Session {
  account: AccountInfo;
  /** An access token for `scope`, from MSAL's cache or refreshed silently; a redirect if only the user can help. */
  token(scope: string): Promise<string>;
  signOut(): Promise<void>;
}

export interface SignInOutcome {
  session?: Session;
  /** The portal path to show after sign-in (from the redirect's state). */
  returnTo?: string;
}

export async function startSession(config: PortalConfig): Promise<SignInOutcome> {
  const redirectUri = `${window.location.origin}${import.meta.env.BASE_URL}`;
  const msal = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: [new URL(config.authority).host],
      redirectUri,
      postLogoutRedirectUri: redirectUri,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await msal.initialize();
  const result: AuthenticationResult | null = await msal.handleRedirectPromise();
  if (result?.account) msal.setActiveAccount(result.account);
  const account = msal.getActiveAccount() ?? msal.getAllAccounts()[0];
  const returnTo = result?.state && result.state.startsWith('/') ? result.state : undefined;
  if (!account) {
    await msal.loginRedirect({ scopes: [GRAPH_SCOPE], state: currentPath() });
    return {};
  }
  msal.setActiveAccount(account);
  return {
    returnTo,
    session: {
      account,
      async token(scope) {
        try {
          return (await msal.acquireTokenSilent({ scopes: [scope], account })).accessToken;
        } catch (err) {
          if (err instanceof InteractionRequiredAuthError) {
            await msal.acquireTokenRedirect({ scopes: [scope], account, state: currentPath() });
          }
          throw err;
        }
      },
      async signOut() {
        // The id token tells the sign-out endpoint which app is leaving, so it may return to the portal's own URI.
        await msal.logoutRedirect({ account, idTokenHint: account.idToken });
      },
    },
  };
}

function currentPath(): string {
  return window.location.pathname + window.location.search;
}
