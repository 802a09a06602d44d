/**
 * The authorization request after it was read: account (SSO, picker or sign-in), forced password change,
 * consent, then the code for the app. Every step re-enters here with what it settled.
 */
import type { FastifyReply } from 'fastify';
import type { Client } from '../../directory/clients.js';
import { isConsentAdministrator } from '../../directory/consent.js';
import { idTokenClaims, tokenHash, tokenTimes } from '../claims.js';
import { StsError } from '../errors.js';
import { consentPage } from '../pages/consent-page.js';
import { clientInfo } from '../token-response.js';
import type { Account } from './accounts.js';
import { chooseAccount, type AccountNeeds } from './account-step.js';
import { permissionLines, planConsent, recordConsent, requestedPermissions } from './consent-plan.js';
import type { Flow } from './flow.js';
import type { Interaction } from './interaction.js';
import { AuthorizeFailure, issuerOf, parseAuthorizeRequest, type AuthorizeRequest } from './request.js';
import type { ResponseTarget } from './respond.js';

/** Read the request; a failure is shown (untrusted client or redirect URI) or sent to the app. */
export async function readAuthorizeRequest(ix: Interaction, version: 1 | 2, segment: string, params: Record<string, string>): Promise<AuthorizeRequest | FastifyReply> {
  try {
    return await parseAuthorizeRequest(ix.directory, ix.publicUrl, version, segment, params);
  } catch (err) {
    if (!(err instanceof AuthorizeFailure)) throw err;
    return err.target ? ix.answerError(err.target, err.error) : ix.fail(err.error);
  }
}

/** The answer target once the user's tenant is known: `iss` names that tenant's issuer. */
function targetIn(ix: Interaction, req: AuthorizeRequest, tenantId: string): ResponseTarget {
  return { ...req.target, iss: issuerOf(ix.publicUrl, req.version, tenantId) };
}

export function authorizeFlow(ix: Interaction, req: AuthorizeRequest): Flow {
  const needs: AccountNeeds = {
    segment: req.segment, state: { kind: 'authorize', version: req.version, params: req.params },
    tenantId: req.tenant.kind === 'tenant' ? req.tenant.tenant.id : undefined, loginHint: req.loginHint, domainHint: req.domainHint,
    appName: req.app.displayName, formTargets: [req.target.uri],
    forceLogin: req.prompt.has('login'), forcePick: req.prompt.has('select_account'),
    silentFailure: req.prompt.has('none') ? (error) => ix.answerError(req.target, error) : undefined,
  };
  return {
    needs,
    proceed: (account) => proceed(ix, req, needs, account, false),
    consent: (account, accept, forOrganization) => consent(ix, req, needs, account, accept, forOrganization),
  };
}

async function clientIn(ix: Interaction, tenantId: string, appId: string): Promise<Client | undefined> {
  const lookup = await ix.directory.clients.resolve(tenantId, appId);
  return lookup.found ? lookup.client : undefined;
}

async function proceed(ix: Interaction, req: AuthorizeRequest, needs: AccountNeeds, chosen: Account | undefined, consented: boolean): Promise<FastifyReply> {
  // Only the first entry (no account chosen yet) honours prompt=login/select_account; later steps settled them.
  const result = await chooseAccount(ix, chosen ? { ...needs, forceLogin: false, forcePick: false } : needs, chosen);
  if ('reply' in result) return result.reply;
  const { account } = result;
  const tenantId = account.session.tenantId;
  const target = targetIn(ix, req, tenantId);
  const client = await clientIn(ix, tenantId, req.app.appId);
  if (client && !client.accountEnabled) return ix.answerError(target, new StsError(7000112, { appId: client.appId, name: client.displayName }));
  let plan;
  try {
    plan = await planConsent(ix.directory, tenantId, client, account.user.id, await requestedPermissions(ix.directory, tenantId, req.app, req.scopes));
  } catch (err) {
    if (err instanceof StsError) return ix.answerError(target, err);
    throw err;
  }
  const wantPage = !client || plan.missing.length > 0 || (req.prompt.has('consent') && !consented);
  if (wantPage) {
    if (needs.silentFailure) {
      return ix.answerError(target, new StsError(65001, { appId: req.app.appId, name: req.app.displayName }, 'consent_required', { error: 'consent_required' }));
    }
    const admin = await isConsentAdministrator(ix.directory, tenantId, account.user.id);
    const form = ix.form(req.segment, needs.state, 'consent', { account: account.session.sid }, needs.formTargets);
    if (plan.adminRequired && !admin) {
      return ix.fail(new StsError(90094, { appId: req.app.appId, name: req.app.displayName }), { form, label: 'Return to the application without granting consent' });
    }
    const shown = req.prompt.has('consent') || !client ? plan.requested : plan.missing;
    return ix.show(consentPage({
      form, appName: req.app.displayName, publisherDomain: req.app.publisherDomain, userPrincipalName: account.user.userPrincipalName,
      permissions: permissionLines(shown, admin), offerOrgConsent: admin,
    }));
  }
  return issueCode(ix, req, account, client!, target);
}

async function consent(ix: Interaction, req: AuthorizeRequest, needs: AccountNeeds, account: Account, accept: boolean, forOrganization: boolean): Promise<FastifyReply> {
  const tenantId = account.session.tenantId;
  const target = targetIn(ix, req, tenantId);
  if (!accept) return ix.answerError(target, new StsError(65004));
  const requested = await requestedPermissions(ix.directory, tenantId, req.app, req.scopes);
  const admin = await isConsentAdministrator(ix.directory, tenantId, account.user.id);
  const plan = await planConsent(ix.directory, tenantId, await clientIn(ix, tenantId, req.app.appId), account.user.id, requested);
  if (plan.adminRequired && !admin) return ix.fail(new StsError(90094, { appId: req.app.appId, name: req.app.displayName }));
  await recordConsent(ix.directory, tenantId, req.app.appId, requested, forOrganization && admin ? null : account.user.id);
  return proceed(ix, req, needs, account, true);
}

/** The code, stored with everything /token must honour, sent to the app (with an ID token for `code id_token`). */
async function issueCode(ix: Interaction, req: AuthorizeRequest, account: Account, client: Client, target: ResponseTarget): Promise<FastifyReply> {
  const { session, user } = account;
  await ix.directory.sessions.touch(session);
  const code = await ix.directory.authorizationCodes.issue({
    tenantId: session.tenantId, tenantSegment: req.segment, version: req.version, clientId: req.app.appId, userId: user.id,
    redirectUri: req.redirectUri, platform: req.platform,
    scope: req.version === 2 ? req.params.scope! : [...req.scopes.oidc].join(' '), resource: req.resource,
    nonce: req.nonce, codeChallenge: req.codeChallenge, codeChallengeMethod: req.codeChallengeMethod,
    authTime: session.authTime, sessionId: session.sid,
  });
  const idToken = req.idToken
    ? await ix.deps.signer.sign(idTokenClaims({
      version: req.version, publicUrl: ix.publicUrl, tenantId: session.tenantId, client, user, times: tokenTimes(ix.now()),
      scopes: req.scopes.oidc, nonce: req.nonce, authTime: session.authTime, sessionId: session.sid, cHash: tokenHash(code),
    }), req.version)
    : undefined;
  return ix.answer(target, {
    code, id_token: idToken, client_info: req.clientInfo ? clientInfo(user.id, session.tenantId) : undefined,
  });
}
