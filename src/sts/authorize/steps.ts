/**
 * POST `/{tenant}/login`: every sign-in page's form lands here. The form says which flow it belongs to (`ctx`)
 * and which step it answers (`step`); the anti-forgery token is checked before anything else.
 */
import type { FastifyReply } from 'fastify';
import { DirectoryError } from '../../directory/errors.js';
import { StsError } from '../errors.js';
import { CSRF_FIELD, csrfValid } from '../pages/csrf.js';
import { BAD_DEVICE_CODE } from '../pages/device-pages.js';
import { BAD_CREDENTIALS } from '../pages/sign-in-pages.js';
import { ORG_CONSENT_FIELD } from '../pages/consent-page.js';
import { accountBySid, passwordSignIn, startSession, type Account } from './accounts.js';
import { showSignIn, showUpdatePassword } from './account-step.js';
import { adminConsentFlow } from './admin-consent-flow.js';
import { authorizeFlow, readAuthorizeRequest } from './authorize-flow.js';
import { deviceFlow, enterCode, showEnterCode } from './device-flow.js';
import type { Flow } from './flow.js';
import { decodeFlow, type FlowState } from './flow-state.js';
import type { Interaction } from './interaction.js';

const STEPS = ['password', 'pick', 'update-password', 'consent', 'confirm', 'code'] as const;
type Step = (typeof STEPS)[number];

/** Shown for a post whose token does not match this browser (forged, or the pre-auth cookie is gone). */
const FORGED = 'The sign-in page expired or was sent from another site. Go back to the application and sign in again.';

async function loadFlow(ix: Interaction, segment: string, state: FlowState): Promise<Flow | FastifyReply> {
  if (state.kind === 'authorize') {
    const req = await readAuthorizeRequest(ix, state.version, segment, state.params);
    return 'app' in req ? authorizeFlow(ix, req) : req;
  }
  if (state.kind === 'adminconsent') return adminConsentFlow(ix, segment, state.params);
  // A device code that was used, declined or expired meanwhile: back to "Enter code" with the usual words.
  return await deviceFlow(ix, state.userCode) ?? showEnterCode(ix, { error: BAD_DEVICE_CODE });
}

function isFlow(value: Flow | FastifyReply): value is Flow {
  return typeof (value as Flow).proceed === 'function';
}

/** Handle a posted form of the sign-in pages. */
export async function handleStep(ix: Interaction, segment: string, body: Record<string, string>): Promise<FastifyReply> {
  const step = STEPS.find((s) => s === body.step);
  if (!step || !csrfValid(ix.request, step, body[CSRF_FIELD])) {
    return ix.fail(new StsError(90023, { detail: FORGED }));
  }
  if (step === 'code') return enterCode(ix, body.otc ?? '');
  const state = decodeFlow(body.ctx);
  if (!state) return ix.fail(new StsError(90023, { detail: FORGED }));
  const flow = await loadFlow(ix, segment, state);
  if (!isFlow(flow)) return flow;
  return runStep(ix, flow, step, body);
}

async function runStep(ix: Interaction, flow: Flow, step: Exclude<Step, 'code'>, body: Record<string, string>): Promise<FastifyReply> {
  const { needs } = flow;
  if (step === 'password') {
    const login = (body.login ?? '').trim();
    if (!login) return showSignIn(ix, needs, { login, error: 'Enter a valid email address.' });
    if (!body.passwd) return showSignIn(ix, needs, { login, error: 'Please enter your password.' });
    const account = await passwordSignIn(ix, needs.tenantId, login, body.passwd);
    return account ? flow.proceed(account) : showSignIn(ix, needs, { login, error: BAD_CREDENTIALS });
  }
  if (step === 'pick' && body.account === 'other') return showSignIn(ix, needs, { login: '' });
  const account = await accountBySid(ix, body.account);
  // The session ended meanwhile (signed out in another tab, expired): sign in again.
  if (!account || (needs.tenantId && account.session.tenantId !== needs.tenantId)) return showSignIn(ix, needs);
  switch (step) {
    case 'pick':
      return flow.proceed(account);
    case 'update-password':
      return updatePassword(ix, flow, account, body);
    case 'consent':
      return flow.consent(account, body.decision === 'accept', body[ORG_CONSENT_FIELD] === '1');
    case 'confirm':
      return flow.confirm ? flow.confirm(account, body.decision === 'accept') : ix.fail(new StsError(90023, { detail: FORGED }));
  }
}

async function updatePassword(ix: Interaction, flow: Flow, account: Account, body: Record<string, string>): Promise<FastifyReply> {
  const current = body.currentPassword ?? '';
  const next = body.newPassword ?? '';
  if (!current || !next) return showUpdatePassword(ix, flow.needs, account, 'Enter your current password and a new password.');
  if (next !== body.confirmPassword) return showUpdatePassword(ix, flow.needs, account, "The passwords don't match.");
  const { tenantId } = account.session;
  let user;
  try {
    user = await ix.directory.users.changePassword(tenantId, account.user.id, current, next);
  } catch (err) {
    if (err instanceof DirectoryError && err.kind === 'invalid') {
      // A wrong current password counts as a guess, like one on the sign-in page.
      if (err.target === 'currentPassword') await ix.deps.throttle.failed(tenantId, `user:${account.user.userPrincipalName}`);
      return showUpdatePassword(ix, flow.needs, account, err.message);
    }
    throw err;
  }
  // A new password starts a new session (and the old one may have ended with the change).
  return flow.proceed(await startSession(ix, tenantId, user));
}
