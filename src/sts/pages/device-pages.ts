/** The device-code verification pages (as https://microsoft.com/devicelogin): enter the code, confirm the app, done. */
import { describedBy, errorRegion, form, type FormContext } from './forms.js';
import { html } from './html.js';
import type { Page } from './layout.js';

export const BAD_DEVICE_CODE = "That code didn't work. Check the code and try again.";

export function enterCodePage(view: { form: FormContext; code?: string; error?: string }): Page {
  return {
    title: 'Enter code',
    main: html`<h1>Enter code</h1>
<p>Enter the code displayed on your app or device.</p>
${form(view.form, html`${errorRegion('code-error', view.error)}
<label for="otc">Code</label>
<input id="otc" name="otc" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" required
  value="${view.code ?? ''}" ${describedBy('code-error', view.error)} autofocus>
<div class="actions"><button type="submit">Next</button></div>`)}`,
  };
}

export function confirmDevicePage(view: { form: FormContext; appName: string; userPrincipalName: string }): Page {
  return {
    title: 'Continue signing in',
    main: html`<h1>Are you trying to sign in to ${view.appName}?</h1>
<p class="details">${view.userPrincipalName}</p>
<p>Only continue if you downloaded the app from a store or website that you trust.</p>
${form(view.form, html`<div class="actions">
<button type="submit" name="decision" value="accept" autofocus>Continue</button>
<button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
</div>`)}`,
  };
}

export function deviceSignedInPage(appName: string): Page {
  return {
    title: "You're signed in",
    main: html`<h1>You're signed in</h1>
<p>You have signed in to the ${appName} application on your device. You may now close this window.</p>`,
  };
}

export function deviceCancelledPage(appName: string): Page {
  return {
    title: 'Sign-in cancelled',
    main: html`<h1>Sign-in cancelled</h1>
<p>You did not sign in to the ${appName} application on your device. You may now close this window.</p>`,
  };
}
