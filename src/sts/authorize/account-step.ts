/**
 * Who is signing in: an account the browser already holds (single sign-on), the one the app hinted at, one the
 * user picks, or a new sign-in. Shared by every flow (authorize, device code, admin consent).
 */
import type { FastifyReply } from 'fastify';
import { StsError } from '../errors.js';
import { pickAccountPage, signInPage, updatePasswordPage } from '../pages/sign-in-pages.js';
import { browserAccounts, type Account } from './accounts.js';
import type { FlowState } from './flow-state.js';
import type { Interaction } from './interaction.js';

/** What a flow asks of the account step. */
export interface AccountNeeds {
  segment: string;
  state: FlowState;
  /** Only accounts of this tenant may be used (undefined on common/organizations: any tenant). */
  tenantId?: string;
  loginHint?: string;
  /** domain_hint: on common/organizations, only accounts of the tenant owning this domain are used silently. */
  domainHint?: string;
  appName: string;
  /** The app's redirect target, which the pages' forms may lead to (CSP form-action). */
  formTargets: readonly string[];
  /** prompt=login: a fresh password check even with a session. */
  forceLogin?: boolean;
  /** prompt=select_account: always show the account picker. */
  forcePick?: boolean;
  /** prompt=none: no page may be shown; this tells the app why not. */
  silentFailure?: (error: StsError) => FastifyReply;
}

export type AccountResult = { account: Account } | { reply: FastifyReply };

export function showSignIn(ix: Interaction, needs: AccountNeeds, view: { login?: string; error?: string } = {}): FastifyReply {
  return ix.show(signInPage({
    form: ix.form(needs.segment, needs.state, 'password', {}, needs.formTargets),
    login: view.login ?? needs.loginHint, error: view.error, appName: needs.appName,
  }));
}

export function showUpdatePassword(ix: Interaction, needs: AccountNeeds, account: Account, error?: string): FastifyReply {
  return ix.show(updatePasswordPage({
    form: ix.form(needs.segment, needs.state, 'update-password', { account: account.session.sid }, needs.formTargets),
    userPrincipalName: account.user.userPrincipalName, error,
  }));
}

function showPicker(ix: Interaction, needs: AccountNeeds, accounts: Account[]): FastifyReply {
  return ix.show(pickAccountPage({
    form: ix.form(needs.segment, needs.state, 'pick', {}, needs.formTargets),
    accounts: accounts.map((a) => ({ sid: a.session.sid, userPrincipalName: a.user.userPrincipalName, displayName: a.user.displayName })),
  }));
}

/** Decide the account, or answer the browser (a page, or the silent failure). `chosen` was picked or just signed in. */
export async function chooseAccount(ix: Interaction, needs: AccountNeeds, chosen?: Account): Promise<AccountResult> {
  const silent = needs.silentFailure;
  let account = chosen;
  if (!account) {
    if (needs.forceLogin) return { reply: showSignIn(ix, needs) };
    const hintedTenant = !needs.tenantId && needs.domainHint ? (await ix.directory.tenants.resolve(needs.domainHint))?.id : undefined;
    const tenantId = needs.tenantId ?? hintedTenant;
    const all = (await browserAccounts(ix)).filter((a) => !tenantId || a.session.tenantId === tenantId);
    const hint = needs.loginHint?.toLowerCase();
    const hinted = hint ? all.filter((a) => a.user.userPrincipalName === hint) : all;
    if (needs.forcePick) return { reply: all.length > 0 ? showPicker(ix, needs, all) : showSignIn(ix, needs) };
    if (hinted.length === 0) return { reply: silent ? silent(new StsError(50058)) : showSignIn(ix, needs) };
    if (hinted.length > 1) return { reply: silent ? silent(new StsError(16000)) : showPicker(ix, needs, hinted) };
    account = hinted[0]!;
  }
  if (account.user.forceChangePasswordNextSignIn) {
    return { reply: silent ? silent(new StsError(50055, {}, undefined, { error: 'interaction_required' })) : showUpdatePassword(ix, needs, account) };
  }
  return { account };
}
