/**
 * Access tokens for the signed-in account, as MSAL does it for az: a cached token while it has more than
 * five minutes left, else a refresh_token grant (users, storing the rotated refresh token) or a
 * client_credentials grant with the stored secret or certificate (service principals).
 */
import { clientAuthentication } from './client-assertion.js';
import { CliError, StsError } from './errors.js';
import type { Account, CachedToken, Profile } from './profile.js';
import { CLI_CLIENT_ID, claimsOf, expiresOn, type Sts, type TokenResponse } from './sts.js';

const REFRESH_MARGIN_S = 300;

export const LOGIN_AGAIN = "Please run 'entrada login' to setup account.";
/** az's recommendation after a failed silent token request. */
export const INTERACTIVE_NEEDED = 'Interactive authentication is needed. Please run:\nentrada login';

export class Credentials {
  constructor(private readonly profile: Profile, private readonly sts: Sts) {}

  /** The default account, or az's error when nobody is signed in. */
  account(): Account {
    const account = this.profile.current();
    if (!account) throw new CliError(LOGIN_AGAIN);
    return account;
  }

  /** A token for `scope` (space-separated, e.g. `https://graph.microsoft.com/.default`) in `tenant` or the account's tenant. */
  async token(scope: string, options: { tenant?: string; fresh?: boolean } = {}): Promise<CachedToken> {
    const account = this.account();
    const tenant = options.tenant ?? account.tenantId;
    const cached = options.fresh ? undefined : this.profile.cachedToken(account, tenant, scope);
    if (cached && cached.expiresOn - Date.now() / 1000 > REFRESH_MARGIN_S) return cached;
    const response = account.user.type === 'user'
      ? await this.refresh(account, tenant, scope)
      : await this.clientCredentials(account, tenant, scope);
    const token = tokenFrom(response, tenant);
    this.profile.cacheToken(account, tenant, scope, token);
    return token;
  }

  /** Remember a token obtained at sign-in so the next Graph call needs no round trip. */
  remember(account: Account, scope: string, response: TokenResponse): void {
    this.profile.cacheToken(account, account.tenantId, scope, tokenFrom(response, account.tenantId));
  }

  private async refresh(account: Account, tenant: string, scope: string): Promise<TokenResponse> {
    const refreshToken = this.profile.refreshToken(account);
    if (!refreshToken) throw new CliError(`No refresh token is stored for ${account.user.name}.`, 1, INTERACTIVE_NEEDED);
    try {
      const response = await this.sts.token(tenant, {
        grant_type: 'refresh_token', client_id: CLI_CLIENT_ID, refresh_token: refreshToken,
        scope: `${scope} offline_access`, client_info: '1',
      });
      if (response.refresh_token) this.profile.setRefreshToken(account, response.refresh_token);
      return response;
    } catch (err) {
      // az's aad_error_handler: the message of the token service, then how to sign in again.
      if (err instanceof StsError) throw err.withRecommendation(INTERACTIVE_NEEDED);
      throw err;
    }
  }

  /** The stored secret, or a fresh client assertion signed with the PEM file whose path was stored. */
  private async clientCredentials(account: Account, tenant: string, scope: string): Promise<TokenResponse> {
    const entry = this.profile.servicePrincipal(account);
    if (!entry || (entry.client_secret === undefined && !entry.certificate)) {
      throw new CliError(`No secret or certificate is stored for service principal ${account.user.name}.`, 1, INTERACTIVE_NEEDED);
    }
    const authentication = await clientAuthentication(account.user.name, entry, this.sts.tokenEndpoint(tenant));
    return this.sts.token(tenant, { grant_type: 'client_credentials', client_id: account.user.name, scope, ...authentication });
  }
}

/** The tenant is the token's tid when it has one: --tenant may name a domain, az shows the GUID. */
export function tokenFrom(response: TokenResponse, tenant: string): CachedToken {
  const tid = claimsOf(response.access_token).tid;
  return { accessToken: response.access_token, expiresOn: expiresOn(response), tenant: typeof tid === 'string' ? tid : tenant };
}
