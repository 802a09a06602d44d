/** The consent page ("Permissions requested"), for user consent, admin consent during sign-in, and /adminconsent. */
import { form, type FormContext } from './forms.js';
import { html } from './html.js';
import type { Page } from './layout.js';

export const ORG_CONSENT_FIELD = 'consentOrg';
export const ORG_CONSENT_LABEL = 'Consent on behalf of your organization';

export interface PermissionLine {
  /** The API the permission belongs to (e.g. "Microsoft Graph"). */
  resourceName: string;
  displayName: string;
  description?: string | null;
  /** Delegated (acts as the user) or application (the app's own access, /adminconsent only). */
  kind: 'delegated' | 'application';
}

export interface ConsentView {
  form: FormContext;
  appName: string;
  publisherDomain?: string | null;
  userPrincipalName: string;
  permissions: readonly PermissionLine[];
  /** An administrator may grant for everyone in the tenant: show the checkbox. */
  offerOrgConsent: boolean;
  /** /adminconsent: the grant is always for the organization, no checkbox. */
  forOrganization?: boolean;
}

function permissionList(lines: readonly PermissionLine[]) {
  return html`<ul>
${lines.map((p) => html`<li><strong>${p.displayName}</strong>${p.kind === 'application' ? ' (application permission)' : ''}
<span class="details">— ${p.resourceName}${p.description ? html`: ${p.description}` : ''}</span></li>
`)}</ul>`;
}

export function consentPage(view: ConsentView): Page {
  return {
    title: 'Permissions requested',
    formTargets: view.form.formTargets,
    main: html`<h1>Permissions requested</h1>
<p class="details">${view.userPrincipalName}</p>
<p><strong>${view.appName}</strong></p>
${view.publisherDomain ? html`<p class="details">Publisher domain: ${view.publisherDomain}</p>` : ''}
<p>${view.forOrganization ? 'This app would like these permissions for everyone in your organization:' : 'This app would like to:'}</p>
${permissionList(view.permissions)}
${form(view.form, html`${view.offerOrgConsent ? html`<p class="check"><input type="checkbox" id="${ORG_CONSENT_FIELD}" name="${ORG_CONSENT_FIELD}" value="1">
<label for="${ORG_CONSENT_FIELD}">${ORG_CONSENT_LABEL}</label></p>` : ''}
<p class="details">Accepting these permissions means that you allow this app to use your data as specified in its terms of service and privacy statement.
You can change these permissions later.</p>
<div class="actions">
<!-- Accept comes first: Enter in the form presses the first submit button, and focus order follows the page. -->
<button type="submit" name="decision" value="accept" autofocus>Accept</button>
<button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
</div>`)}`,
  };
}
