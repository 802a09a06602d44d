/** Small HTTP helpers shared by the STS endpoints: request ids, fixed header sets, error answers. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newGuid } from '../lib/ids.js';
import { isFormBody } from '../lib/form.js';
import { errorBody, StsError } from './errors.js';

/** Token answers are never cached (entra-protocol.md §3.5, §10). */
export const TOKEN_HEADERS = Object.freeze({
  'cache-control': 'no-store, no-cache',
  pragma: 'no-cache',
  expires: '-1',
  'content-type': 'application/json; charset=utf-8',
});

/** Discovery and keys: cacheable for a day, readable from any origin (browsers fetch them for SPAs). */
export const METADATA_HEADERS = Object.freeze({
  'cache-control': 'max-age=86400, private',
  'content-type': 'application/json; charset=utf-8',
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, OPTIONS',
});

/** The id Entra calls the trace id, sent as `x-ms-request-id` (and in an error body). One per answer. */
export function traceId(): string {
  return newGuid();
}

/** The caller's `client-request-id` (header, then body parameter, then query), else a new GUID. */
export function correlationId(request: FastifyRequest): string {
  const header = request.headers['client-request-id'];
  if (typeof header === 'string' && header) return header.slice(0, 100);
  const body = request.body;
  if (isFormBody(body) && body.params['client-request-id']) return body.params['client-request-id'].slice(0, 100);
  const query = request.query as Record<string, unknown> | undefined;
  const q = query?.['client-request-id'];
  if (typeof q === 'string' && q) return q.slice(0, 100);
  return newGuid();
}

/** Send an STS error in Entra's JSON shape, with the token endpoint's no-cache headers. */
export function sendStsError(request: FastifyRequest, reply: FastifyReply, err: StsError, publicUrl: string, now: Date): FastifyReply {
  const trace = traceId();
  const body = errorBody(err, { traceId: trace, correlationId: correlationId(request), now, publicUrl });
  return reply.code(err.status).headers(TOKEN_HEADERS).header('x-ms-request-id', trace).send(JSON.stringify(body));
}
