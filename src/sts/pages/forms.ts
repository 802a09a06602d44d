/** Pieces shared by the pages' forms: the form element with its hidden state and anti-forgery token, the error region. */
import { CSRF_FIELD } from './csrf.js';
import { hiddenFields, html, type SafeHtml } from './html.js';

/** Where a form posts and what it carries along. */
export interface FormContext {
  action: string;
  /** Anti-forgery token for this form (csrf.ts). */
  csrf: string;
  /** Hidden state: the flow the form belongs to (`ctx`) and the step it answers. */
  hidden: Record<string, string | undefined>;
  /** Redirect targets the page's forms may lead to (for the page's Content-Security-Policy). */
  formTargets?: readonly string[];
}

/**
 * A POST form. `novalidate`: the server checks every field and answers in words in the error region, so the
 * browser's own validation bubbles (which screen readers announce inconsistently) never block a submit.
 */
export function form(ctx: FormContext, body: SafeHtml): SafeHtml {
  return html`<form method="post" action="${ctx.action}" novalidate>
${hiddenFields({ ...ctx.hidden, [CSRF_FIELD]: ctx.csrf })}
${body}
</form>`;
}

/**
 * The error region of a page: always present, so assistive technology knows it; `role=alert` announces its text
 * when the page loads with an error.
 */
export function errorRegion(id: string, message: string | undefined): SafeHtml {
  return html`<p id="${id}" class="error" role="alert" aria-live="assertive">${message ?? ''}</p>`;
}

/** `aria-describedby` tying a field to the error region, only while there is an error to read. */
export function describedBy(id: string, error: string | undefined): SafeHtml {
  return error ? html`aria-describedby="${id}" aria-invalid="true"` : html``;
}
