/**
 * The device-code verification page (`{publicUrl}/devicelogin`, tenant-less like microsoft.com/devicelogin):
 * the user types the code shown on the device, signs in (or is already), confirms the app, consents if needed;
 * the device's next poll then gets its tokens (or `authorization_declined`).
 */
import type { FastifyReply } from 'fastify';
import { isConsentAdministrator } from '../../directory/consent.js';
import type { DeviceCodeRecord } from '../../directory/device-codes.js';
import { StsError } from '../errors.js';
import { consentPage } from '../pages/consent-page.js';
import { csrfToken } from '../pages/csrf.js';
import { BAD_DEVICE_CODE, confirmDevicePage, deviceCancelledPage, deviceSignedInPage, enterCodePage } from '../pages/device-pages.js';
import type { Account } from './accounts.js';
import { chooseAccount, type AccountNeeds } from './account-step.js';
import { findClientApp, type ClientApp } from './client-app.js';
import { permissionLines, planConsent, recordConsent, requestedPermissions } from './consent-plan.js';
import type { Flow } from './flow.js';
import type { Interaction } from './interaction.js';
import { parseAuthorizeScope, v1AuthorizeScope } from './scopes.js';

export const DEVICE_LOGIN_PATH = '/devicelogin';

/** The "Enter code" page; its form posts back to /devicelogin. */
export function showEnterCode(ix: Interaction, view: { code?: string; error?: string } = {}): FastifyReply {
  return ix.show(enterCodePage({
    form: { action: DEVICE_LOGIN_PATH, csrf: csrfToken(ix.request, ix.reply, 'code'), hidden: { step: 'code' } }, ...view,
  }));
}

/** A code the user may still act on: known, pending and unexpired. */
async function pendingRecord(ix: Interaction, userCode: string): Promise<DeviceCodeRecord | undefined> {
  const record = userCode ? await ix.directory.deviceCodes.findByUserCode(userCode) : undefined;
  if (!record || record.status !== 'pending' || record.expiresAt.getTime() <= ix.now().getTime()) return undefined;
  return record;
}

/** The code typed on the "Enter code" page. Wrong codes are throttled per address, like passwords. */
export async function enterCode(ix: Interaction, typed: string): Promise<FastifyReply> {
  const flow = await deviceFlow(ix, typed.trim());
  if (flow) return flow.proceed();
  await ix.deps.throttle.failed('*', `device-code:${ix.request.ip}`);
  return showEnterCode(ix, { code: typed, error: BAD_DEVICE_CODE });
}

/** The flow of a pending user code, or undefined when the code is wrong, used or expired. */
export async function deviceFlow(ix: Interaction, userCode: string): Promise<Flow | undefined> {
  const record = await pendingRecord(ix, userCode);
  if (!record) return undefined;
  const { tenantId } = record.request;
  const tenant = await ix.directory.tenants.get(tenantId);
  const app = tenant ? await findClientApp(ix.directory, { kind: 'tenant', tenant, segment: tenantId }, record.request.clientId, ix.publicUrl) : undefined;
  if (!app) return undefined;
  // The device_codes row belongs to the request's tenant: only that tenant's users can approve it.
  const needs: AccountNeeds = { segment: tenantId, state: { kind: 'device', userCode: record.userCode }, tenantId, appName: app.displayName, formTargets: [] };
  return {
    needs,
    proceed: async (chosen) => {
      const result = await chooseAccount(ix, needs, chosen);
      if ('reply' in result) return result.reply;
      return ix.show(confirmDevicePage({
        form: ix.form(tenantId, needs.state, 'confirm', { account: result.account.session.sid }), appName: app.displayName,
        userPrincipalName: result.account.user.userPrincipalName,
      }));
    },
    confirm: (account, accept) => (accept ? consentOrApprove(ix, record, app, needs, account) : decline(ix, record, app)),
    consent: async (account, accept, forOrganization) => {
      if (!accept) return decline(ix, record, app);
      const requested = await requestedPermissions(ix.directory, tenantId, app, scopesOf(record));
      const admin = await isConsentAdministrator(ix.directory, tenantId, account.user.id);
      const plan = await planConsent(ix.directory, tenantId, await clientIn(ix, tenantId, app.appId), account.user.id, requested);
      if (plan.adminRequired && !admin) return ix.fail(new StsError(90094, { appId: app.appId, name: app.displayName }));
      await recordConsent(ix.directory, tenantId, app.appId, requested, forOrganization && admin ? null : account.user.id);
      return approve(ix, record, app, account);
    },
  };
}

function scopesOf(record: DeviceCodeRecord) {
  const { scope, resource, version } = record.request;
  return version === 1 ? v1AuthorizeScope(resource, scope) : parseAuthorizeScope(scope);
}

async function clientIn(ix: Interaction, tenantId: string, appId: string) {
  const lookup = await ix.directory.clients.resolve(tenantId, appId);
  return lookup.found ? lookup.client : undefined;
}

async function consentOrApprove(ix: Interaction, record: DeviceCodeRecord, app: ClientApp, needs: AccountNeeds, account: Account): Promise<FastifyReply> {
  const { tenantId } = record.request;
  let plan;
  try {
    plan = await planConsent(ix.directory, tenantId, await clientIn(ix, tenantId, app.appId), account.user.id,
      await requestedPermissions(ix.directory, tenantId, app, scopesOf(record)));
  } catch (err) {
    if (err instanceof StsError) return ix.fail(err);
    throw err;
  }
  if (plan.missing.length === 0) return approve(ix, record, app, account);
  const admin = await isConsentAdministrator(ix.directory, tenantId, account.user.id);
  const form = ix.form(tenantId, needs.state, 'consent', { account: account.session.sid });
  if (plan.adminRequired && !admin) return ix.fail(new StsError(90094, { appId: app.appId, name: app.displayName }), { form, label: 'Cancel sign-in' });
  return ix.show(consentPage({
    form, appName: app.displayName, publisherDomain: app.publisherDomain, userPrincipalName: account.user.userPrincipalName,
    permissions: permissionLines(plan.missing, admin), offerOrgConsent: admin,
  }));
}

async function approve(ix: Interaction, record: DeviceCodeRecord, app: ClientApp, account: Account): Promise<FastifyReply> {
  if (!await ix.directory.deviceCodes.approve(record.userCode, account.user.id, account.session.authTime)) {
    return showEnterCode(ix, { error: BAD_DEVICE_CODE });
  }
  await ix.directory.sessions.touch(account.session);
  return ix.show(deviceSignedInPage(app.displayName));
}

async function decline(ix: Interaction, record: DeviceCodeRecord, app: ClientApp): Promise<FastifyReply> {
  await ix.directory.deviceCodes.decline(record.userCode);
  return ix.show(deviceCancelledPage(app.displayName));
}
