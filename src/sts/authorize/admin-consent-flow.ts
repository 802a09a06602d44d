/**
 * Tenant-wide admin consent: `/{tenant}/adminconsent?client_id&redirect_uri&state[&scope]`. An administrator
 * signs in and accepts the app's statically configured permissions (or `scope`) for everyone: delegated ones
 * become AllPrincipals grants, application ones app role assignments, and a multi-tenant app gets its service
 * principal in the administrator's tenant. The app hears `admin_consent=True&tenant=…` or `error=access_denied`.
 */
import type { FastifyReply } from 'fastify';
import { isConsentAdministrator } from '../../directory/consent.js';
import { redirectUriMatches } from '../../directory/redirect-uri.js';
import { StsError } from '../errors.js';
import { consentPage } from '../pages/consent-page.js';
import { resolveTenant, type TenantRef } from '../tenant.js';
import type { Account } from './accounts.js';
import { chooseAccount, type AccountNeeds } from './account-step.js';
import { findClientApp, isMultiTenant, type ClientApp } from './client-app.js';
import { permissionLines, recordConsent, requestedPermissions, staticRequest, type ResourcePermissions } from './consent-plan.js';
import type { Flow } from './flow.js';
import type { Interaction } from './interaction.js';
import { issuerOf } from './request.js';
import { echoRedirectUri, type ResponseTarget } from './respond.js';
import { parseAuthorizeScope } from './scopes.js';

interface AdminConsentRequest { segment: string; tenant: TenantRef; app: ClientApp; target: ResponseTarget; params: Record<string, string> }

/** Read the request: tenant, client and redirect URI must check out before anything is redirected (else: error page). */
async function readRequest(ix: Interaction, segment: string, params: Record<string, string>): Promise<AdminConsentRequest | StsError> {
  let tenant: TenantRef;
  try {
    tenant = await resolveTenant(ix.directory, segment);
  } catch (err) {
    return err as StsError;
  }
  if (!params.client_id) return new StsError(900144, { name: 'client_id' });
  const app = await findClientApp(ix.directory, tenant, params.client_id, ix.publicUrl);
  if (!app) return new StsError(700016, { appId: params.client_id, tenant: segment });
  if (tenant.kind !== 'tenant' && !isMultiTenant(app)) return new StsError(50194, { appId: app.appId, name: app.displayName });
  const registered = [...app.redirectUris.web, ...app.redirectUris.spa, ...app.redirectUris.publicClient];
  const redirectUri = params.redirect_uri || (registered.length === 1 ? registered[0]! : undefined);
  if (!redirectUri) return new StsError(registered.length === 0 ? 500113 : 900144, { name: 'redirect_uri' });
  if (!registered.some((r) => redirectUriMatches(r, redirectUri))) return new StsError(50011, { uri: redirectUri, appId: app.appId });
  const iss = issuerOf(ix.publicUrl, 2, tenant.kind === 'tenant' ? tenant.tenant.id : '{tenantid}');
  return { segment, tenant, app, params, target: { uri: echoRedirectUri(redirectUri), mode: 'query', state: params.state, iss } };
}

/** The admin consent flow for a request, or the reply already sent (error page). */
export async function adminConsentFlow(ix: Interaction, segment: string, params: Record<string, string>): Promise<Flow | FastifyReply> {
  const req = await readRequest(ix, segment, params);
  if (req instanceof StsError) return ix.fail(req);
  const needs: AccountNeeds = {
    segment, state: { kind: 'adminconsent', params }, tenantId: req.tenant.kind === 'tenant' ? req.tenant.tenant.id : undefined,
    loginHint: params.login_hint, appName: req.app.displayName, formTargets: [req.target.uri],
  };
  const targetIn = (tenantId: string): ResponseTarget => ({ ...req.target, iss: issuerOf(ix.publicUrl, 2, tenantId) });
  const permissions = (tenantId: string): Promise<ResourcePermissions[]> => (params.scope
    ? requestedPermissions(ix.directory, tenantId, req.app, parseAuthorizeScope(params.scope))
    : staticRequest(ix.directory, tenantId, req.app));
  /** Admin-only from here; any other failure goes back to the app, whose redirect URI is now trusted. */
  const asAdmin = async (account: Account, then: (tenantId: string) => Promise<FastifyReply>): Promise<FastifyReply> => {
    const tenantId = account.session.tenantId;
    if (!await isConsentAdministrator(ix.directory, tenantId, account.user.id)) {
      return ix.answerError(targetIn(tenantId), new StsError(90094, { appId: req.app.appId, name: req.app.displayName }));
    }
    try {
      return await then(tenantId);
    } catch (err) {
      if (err instanceof StsError) return ix.answerError(targetIn(tenantId), err);
      throw err;
    }
  };
  return {
    needs,
    proceed: async (chosen) => {
      const result = await chooseAccount(ix, needs, chosen);
      if ('reply' in result) return result.reply;
      const { account } = result;
      return asAdmin(account, async (tenantId) => ix.show(consentPage({
        form: ix.form(segment, needs.state, 'consent', { account: account.session.sid }, needs.formTargets),
        appName: req.app.displayName, publisherDomain: req.app.publisherDomain, userPrincipalName: account.user.userPrincipalName,
        permissions: permissionLines(await permissions(tenantId), true), offerOrgConsent: false, forOrganization: true,
      })));
    },
    consent: async (account, accept) => {
      if (!accept) return ix.answerError(targetIn(account.session.tenantId), new StsError(65004));
      return asAdmin(account, async (tenantId) => {
        await recordConsent(ix.directory, tenantId, req.app.appId, await permissions(tenantId), null);
        return ix.answer(targetIn(tenantId), { admin_consent: 'True', tenant: tenantId });
      });
    },
  };
}
