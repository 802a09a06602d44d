/** One browser request to the sign-in pages: what every step needs to render a page or answer the app. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { correlationId, traceId } from '../http.js';
import type { StsError } from '../errors.js';
import { csrfToken } from '../pages/csrf.js';
import type { FormContext } from '../pages/forms.js';
import { sendPage, type Page } from '../pages/layout.js';
import { errorPage } from '../pages/message-pages.js';
import type { StsDeps } from '../token-request.js';
import { encodeFlow, type FlowState } from './flow-state.js';
import { sendErrorToApp, sendToApp, type ResponseTarget } from './respond.js';

export class Interaction {
  readonly traceId = traceId();
  readonly correlationId: string;

  constructor(readonly deps: StsDeps, readonly request: FastifyRequest, readonly reply: FastifyReply) {
    this.correlationId = correlationId(request);
  }

  get directory() {
    return this.deps.directory;
  }

  get publicUrl(): string {
    return this.deps.publicUrl();
  }

  now(): Date {
    return this.deps.directory.clock.now();
  }

  /** A form of a step of this flow: it posts to `/{segment}/login` with the flow state and an anti-forgery token. */
  form(segment: string, state: FlowState, step: string, extra: Record<string, string | undefined> = {}, formTargets: readonly string[] = []): FormContext {
    return {
      action: `/${encodeURIComponent(segment)}/login`, csrf: csrfToken(this.request, this.reply, step),
      hidden: { ctx: encodeFlow(state), step, ...extra }, formTargets,
    };
  }

  show(page: Page): FastifyReply {
    return sendPage(this.reply, page);
  }

  /** The error page, optionally with a button that goes back to the app (a form of this flow). */
  fail(error: StsError, back?: { form: FormContext; label: string }): FastifyReply {
    return this.show(errorPage({ error, traceId: this.traceId, correlationId: this.correlationId, now: this.now(), back }));
  }

  answer(target: ResponseTarget, fields: Record<string, string | undefined>): FastifyReply {
    return sendToApp(this.reply, target, fields);
  }

  answerError(target: ResponseTarget, error: StsError): FastifyReply {
    return sendErrorToApp(this.reply, target, error, { traceId: this.traceId, correlationId: this.correlationId, now: this.now(), publicUrl: this.publicUrl });
  }
}
