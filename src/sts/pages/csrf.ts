/**
 * Anti-forgery tokens: each form carries SHA-256(pre-auth cookie value | form name). Another site can make the
 * browser post, but it can neither read the HttpOnly cookie nor plant one (`__Host-` prefix), so it cannot
 * compute the token. Being derived, the token needs no server-side state and works across server processes.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeEqual } from '../../lib/crypto.js';
import { preAuthValue, sentPreAuthValue } from './cookies.js';

export const CSRF_FIELD = 'flowToken';

function tokenFor(preAuth: string, form: string): string {
  return createHash('sha256').update(`${preAuth}|${form}`).digest('base64url');
}

/** The token to embed in a form (sets the pre-auth cookie if the browser has none yet). */
export function csrfToken(request: FastifyRequest, reply: FastifyReply, form: string): string {
  return tokenFor(preAuthValue(request, reply), form);
}

/** Whether a posted form carries the token of this browser for this form. */
export function csrfValid(request: FastifyRequest, form: string, token: string | undefined): boolean {
  const preAuth = sentPreAuthValue(request);
  if (!preAuth || !token) return false;
  return safeEqual(token, tokenFor(preAuth, form));
}
