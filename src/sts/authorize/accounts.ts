/**
 * The accounts signed in in this browser (its SSO sessions), password sign-in on the pages, and starting a
 * session. Password guessing is slowed per account and per client address; only failures are ever delayed, so
 * the real user is never locked out and the page never says that anything is locked.
 */
import type { ActiveSession } from '../../directory/sessions.js';
import type { User } from '../../directory/users.js';
import { ssoTokens, setSsoTokens } from '../pages/cookies.js';
import type { Interaction } from './interaction.js';

export interface Account { session: ActiveSession; user: User }

/** Live sessions of this browser whose user still exists and may sign in, newest first. */
export async function browserAccounts(ix: Interaction): Promise<Account[]> {
  const sessions = await ix.directory.sessions.find(ssoTokens(ix.request));
  const accounts: Account[] = [];
  for (const session of sessions) {
    const user = await ix.directory.users.get(session.tenantId, session.userId);
    if (user?.accountEnabled) accounts.push({ session, user });
  }
  return accounts;
}

/** The account of a session named by a form's hidden `account` field, if this browser holds it. */
export async function accountBySid(ix: Interaction, sid: string | undefined): Promise<Account | undefined> {
  if (!sid) return undefined;
  return (await browserAccounts(ix)).find((a) => a.session.sid === sid);
}

/**
 * The tenant a user name signs in to: the page's tenant, or (on common/organizations) the tenant owning the
 * name's domain.
 */
async function tenantForLogin(ix: Interaction, tenantId: string | undefined, login: string): Promise<string | undefined> {
  if (tenantId) return tenantId;
  const at = login.lastIndexOf('@');
  if (at < 1) return undefined;
  return (await ix.directory.tenants.resolve(login.slice(at + 1)))?.id;
}

/**
 * Check a user name and password typed on the sign-in page. Every failure (unknown name, wrong password,
 * disabled account) is the same `undefined` and earns the same growing delay, per account and per address.
 */
export async function passwordSignIn(ix: Interaction, tenantId: string | undefined, login: string, password: string): Promise<Account | undefined> {
  const home = await tenantForLogin(ix, tenantId, login);
  const result = home ? await ix.directory.users.authenticate(home, login, password) : 'unknown';
  if (typeof result === 'object' && result.accountEnabled && home) return startSession(ix, home, result);
  await Promise.all([
    ix.deps.throttle.failed(home ?? '*', `user:${login}`),
    ix.deps.throttle.failed('*', `ip:${ix.request.ip}`),
  ]);
  return undefined;
}

/**
 * Start a session for the user and put it first in the browser's cookie. An older session of the same user is
 * ended (one tile per account in "Pick an account").
 */
export async function startSession(ix: Interaction, tenantId: string, user: User): Promise<Account> {
  const held = await ix.directory.sessions.find(ssoTokens(ix.request));
  const replaced = held.filter((s) => s.tenantId === tenantId && s.userId === user.id);
  await ix.directory.sessions.end(replaced.map((s) => s.token));
  const session = await ix.directory.sessions.create(tenantId, user.id);
  setSsoTokens(ix.reply, [session.token, ...held.filter((s) => !replaced.includes(s)).map((s) => s.token)]);
  return { session, user };
}
