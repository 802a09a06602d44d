/** Pages with no input: the STS error page, the signed-out page, and the form_post answer to an app. */
import { entraTimestamp } from '../../lib/clock.js';
import type { StsError } from '../errors.js';
import { form, type FormContext } from './forms.js';
import { hiddenFields, html } from './html.js';
import type { Page } from './layout.js';

export interface ErrorPageView {
  error: StsError;
  traceId: string;
  correlationId: string;
  now: Date;
  /** A way back to the app (e.g. "return without granting consent"), when there is one. */
  back?: { form: FormContext; label: string };
}

/** Entra's error page: the AADSTS code and message with the ids a support engineer asks for. */
export function errorPage(view: ErrorPageView): Page {
  const { error } = view;
  return {
    title: 'Sign in to your account',
    status: error.status >= 500 ? 500 : 400,
    formTargets: view.back?.form.formTargets,
    main: html`<h1>Sorry, but we're having trouble signing you in.</h1>
<p role="alert">AADSTS${error.code}: ${error.description}</p>
<h2>Troubleshooting details</h2>
<dl class="details">
<dt>Request Id</dt><dd>${view.traceId}</dd>
<dt>Correlation Id</dt><dd>${view.correlationId}</dd>
<dt>Timestamp</dt><dd>${entraTimestamp(view.now)}</dd>
<dt>Message</dt><dd>AADSTS${error.code}: ${error.description}</dd>
</dl>
${view.back ? form(view.back.form, html`<div class="actions"><button type="submit" name="decision" value="cancel">${view.back.label}</button></div>`) : ''}`,
  };
}

export function signedOutPage(): Page {
  return {
    title: 'Signed out',
    main: html`<h1>You signed out of your account</h1>
<p>It's a good idea to close all browser windows.</p>`,
  };
}

// The form_post answer submits itself; this script is a constant, allowed by its hash in the page's CSP.
const AUTO_SUBMIT = 'document.forms[0].submit();';

/**
 * response_mode=form_post: a form that posts the answer to the app's redirect URI as soon as it loads, with a
 * visible "Continue" button for browsers that run no script.
 */
export function formPostPage(action: string, fields: Record<string, string | undefined>): Page {
  return {
    title: 'Working...',
    formTargets: [action],
    script: AUTO_SUBMIT,
    main: html`<h1>Signing you in</h1>
<form method="post" action="${action}">
${hiddenFields(fields)}
<p>If nothing happens, select Continue.</p>
<div class="actions"><button type="submit">Continue</button></div>
</form>`,
  };
}
