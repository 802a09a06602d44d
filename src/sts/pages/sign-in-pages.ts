/**
 * Sign-in, forced password change and "Pick an account". The accessible names here (headings, labels, button
 * texts) are what the browser tests look elements up by: change them only together with those tests.
 */
import { describedBy, errorRegion, form, type FormContext } from './forms.js';
import { html } from './html.js';
import type { Page } from './layout.js';

/** The one answer to any failed password check: it never says whether the account exists or is locked. */
export const BAD_CREDENTIALS = 'Your account or password is incorrect.';

export interface SignInView {
  form: FormContext;
  /** Prefilled user name (login_hint, or what was typed before). */
  login?: string;
  error?: string;
  /** The app that asked, shown as "to continue to …". */
  appName?: string;
}

export function signInPage(view: SignInView): Page {
  const described = describedBy('signin-error', view.error);
  return {
    title: 'Sign in to your account',
    formTargets: view.form.formTargets,
    main: html`<h1>Sign in</h1>
${view.appName ? html`<p>to continue to ${view.appName}</p>` : ''}
${form(view.form, html`${errorRegion('signin-error', view.error)}
<label for="login">Email address</label>
<input id="login" name="login" type="text" inputmode="email" autocomplete="username" spellcheck="false" required
  value="${view.login ?? ''}" ${described} ${view.login ? '' : html`autofocus`}>
<label for="passwd">Password</label>
<input id="passwd" name="passwd" type="password" autocomplete="current-password" required ${described}
  ${view.login ? html`autofocus` : ''}>
<div class="actions"><button type="submit">Sign in</button></div>`)}`,
  };
}

export interface UpdatePasswordView {
  form: FormContext;
  userPrincipalName: string;
  error?: string;
}

export function updatePasswordPage(view: UpdatePasswordView): Page {
  const described = describedBy('update-error', view.error);
  return {
    title: 'Update your password',
    formTargets: view.form.formTargets,
    main: html`<h1>Update your password</h1>
<p>${view.userPrincipalName}</p>
<p>You need to update your password because this is the first time you are signing in, or because your password has expired.</p>
${form(view.form, html`${errorRegion('update-error', view.error)}
<label for="currentPassword">Current password</label>
<input id="currentPassword" name="currentPassword" type="password" autocomplete="current-password" required ${described} autofocus>
<label for="newPassword">New password</label>
<input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required ${described}>
<label for="confirmPassword">Confirm password</label>
<input id="confirmPassword" name="confirmPassword" type="password" autocomplete="new-password" required ${described}>
<div class="actions"><button type="submit">Sign in</button></div>`)}`,
  };
}

export interface AccountChoice { sid: string; userPrincipalName: string; displayName: string }

export interface PickAccountView { form: FormContext; accounts: readonly AccountChoice[] }

/** One button per signed-in account, named by its user principal name alone (that is its accessible name). */
export function pickAccountPage(view: PickAccountView): Page {
  return {
    title: 'Pick an account',
    formTargets: view.form.formTargets,
    main: html`<h1>Pick an account</h1>
${form(view.form, html`<ul class="accounts" role="list">
${view.accounts.map((a) => html`<li><button type="submit" class="account" name="account" value="${a.sid}" title="${a.displayName}">${a.userPrincipalName}</button></li>
`)}<li><button type="submit" class="account" name="account" value="other">Use another account</button></li>
</ul>`)}`,
  };
}
