/**
 * Sign-in state in the config dir, in az's shapes where az shows them: accounts.json holds az's
 * "subscription" entries (tenant-level accounts), service-principals.json az's service principal entries
 * (client_id, tenant, and client_secret or the path of a PEM `certificate`), tokens.json refresh tokens and
 * cached access tokens.
 * The state belongs to one server URL; signing in to another starts afresh.
 */
import { ConfigFiles } from './files.js';

export type AccountType = 'user' | 'servicePrincipal';

/** az's account entry for a tenant-level account (az login --allow-no-subscriptions). */
export interface Account {
  environmentName: 'AzureCloud';
  homeTenantId: string;
  id: string;
  isDefault: boolean;
  managedByTenants: never[];
  name: string;
  state: 'Enabled';
  tenantId: string;
  user: { name: string; type: AccountType };
}

export interface CachedToken {
  accessToken: string;
  /** Seconds since the epoch. */
  expiresOn: number;
  tenant: string;
}

interface AccountsFile { url?: string; subscriptions: Account[] }
interface TokensFile { refreshTokens: Record<string, string>; accessTokens: Record<string, CachedToken> }
/** az's entry: a secret, or only the path of the PEM file (key + certificate), never its contents. */
export interface ServicePrincipalEntry {
  client_id: string;
  tenant: string;
  client_secret?: string;
  certificate?: string;
  use_cert_sn_issuer?: boolean;
}

export type ServicePrincipalCredential = Pick<ServicePrincipalEntry, 'client_secret' | 'certificate' | 'use_cert_sn_issuer'>;

const ACCOUNTS = 'accounts.json';
const TOKENS = 'tokens.json';
const SERVICE_PRINCIPALS = 'service-principals.json';

export function tenantLevelAccount(tenantId: string, name: string, type: AccountType): Account {
  return {
    environmentName: 'AzureCloud', homeTenantId: tenantId, id: tenantId, isDefault: true, managedByTenants: [],
    name: 'N/A(tenant level account)', state: 'Enabled', tenantId, user: { name, type },
  };
}

/** How `az login` and `az account list` print an account: cloudName instead of environmentName. */
export function listedAccount(account: Account): Omit<Account, 'environmentName'> & { cloudName: string } {
  const { environmentName, ...rest } = account;
  return { cloudName: environmentName, ...rest };
}

function accountKey(account: Account): string {
  return `${account.user.type}:${account.user.name.toLowerCase()}@${account.tenantId}`;
}

export class Profile {
  private readonly files: ConfigFiles;

  constructor(configDir: string, private readonly url: string) {
    this.files = new ConfigFiles(configDir);
  }

  accounts(): Account[] {
    const file = this.files.read<AccountsFile>(ACCOUNTS, { subscriptions: [] });
    return file.url === this.url ? file.subscriptions : [];
  }

  current(): Account | undefined {
    return this.accounts().find((a) => a.isDefault);
  }

  /** Add or replace the account and make it the default, as az login does. */
  saveAccount(account: Account): void {
    const stored = this.files.read<AccountsFile>(ACCOUNTS, { subscriptions: [] });
    if (stored.url !== this.url) this.clear();
    const others = this.accounts().filter((a) => accountKey(a) !== accountKey(account));
    const subscriptions = [...others.map((a) => ({ ...a, isDefault: false })), { ...account, isDefault: true }];
    this.files.write(ACCOUNTS, { url: this.url, subscriptions } satisfies AccountsFile);
  }

  /** Forget the account with its tokens and secret; the most recent remaining account becomes the default. */
  removeAccount(account: Account): void {
    const remaining = this.accounts().filter((a) => accountKey(a) !== accountKey(account));
    if (remaining.length > 0 && !remaining.some((a) => a.isDefault)) remaining[remaining.length - 1]!.isDefault = true;
    this.files.write(ACCOUNTS, { url: this.url, subscriptions: remaining } satisfies AccountsFile);
    const key = accountKey(account);
    const tokens = this.tokens();
    delete tokens.refreshTokens[key];
    for (const k of Object.keys(tokens.accessTokens)) if (k.startsWith(`${key}|`)) delete tokens.accessTokens[k];
    this.files.write(TOKENS, tokens);
    if (account.user.type === 'servicePrincipal') {
      const entries = this.servicePrincipals().filter((e) => !matches(e, account));
      this.files.write(SERVICE_PRINCIPALS, entries);
    }
  }

  refreshToken(account: Account): string | undefined {
    return this.tokens().refreshTokens[accountKey(account)];
  }

  setRefreshToken(account: Account, refreshToken: string): void {
    const tokens = this.tokens();
    tokens.refreshTokens[accountKey(account)] = refreshToken;
    this.files.write(TOKENS, tokens);
  }

  cachedToken(account: Account, tenant: string, scope: string): CachedToken | undefined {
    return this.tokens().accessTokens[`${accountKey(account)}|${tenant}|${scope}`];
  }

  cacheToken(account: Account, tenant: string, scope: string, token: CachedToken): void {
    const tokens = this.tokens();
    const now = Date.now() / 1000;
    // Drop what has expired so the file does not grow without bound.
    for (const [k, v] of Object.entries(tokens.accessTokens)) if (v.expiresOn <= now) delete tokens.accessTokens[k];
    tokens.accessTokens[`${accountKey(account)}|${tenant}|${scope}`] = token;
    this.files.write(TOKENS, tokens);
  }

  servicePrincipal(account: Account): ServicePrincipalEntry | undefined {
    return this.servicePrincipals().find((e) => matches(e, account));
  }

  setServicePrincipal(account: Account, credential: ServicePrincipalCredential): void {
    const entries = this.servicePrincipals().filter((e) => !matches(e, account));
    entries.push({ client_id: account.user.name, tenant: account.tenantId, ...credential });
    this.files.write(SERVICE_PRINCIPALS, entries);
  }

  private clear(): void {
    for (const name of [ACCOUNTS, TOKENS, SERVICE_PRINCIPALS]) this.files.remove(name);
  }

  private tokens(): TokensFile {
    const tokens = this.files.read<TokensFile>(TOKENS, { refreshTokens: {}, accessTokens: {} });
    tokens.refreshTokens ??= {};
    tokens.accessTokens ??= {};
    return tokens;
  }

  private servicePrincipals(): ServicePrincipalEntry[] {
    return this.files.read<ServicePrincipalEntry[]>(SERVICE_PRINCIPALS, []);
  }
}

function matches(entry: ServicePrincipalEntry, account: Account): boolean {
  return entry.client_id.toLowerCase() === account.user.name.toLowerCase() && entry.tenant === account.tenantId;
}
