/** Failures of the bulk routes as OperationOutcomes; anything that is not a FhirError or a 4xx is a bare 500. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FhirError } from '../outcome.js';

export function sendFhirError(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const error = toFhirError(err);
  if (error.status >= 500) request.log.error({ err }, 'bulk request failed');
  return reply.code(error.status).headers(error.headers).header('content-type', 'application/fhir+json; charset=utf-8')
    .send(JSON.stringify(error.outcome()));
}

/** The framework's own refusals (body parsing, media type, size) in the FHIR error family. */
function toFhirError(err: unknown): FhirError {
  if (err instanceof FhirError) return err;
  const { statusCode, code } = err as { statusCode?: number; code?: string };
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new FhirError(415, 'not-supported', 'The request body must be application/fhir+json.');
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new FhirError(413, 'too-costly', 'The request body is too large.');
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return new FhirError(statusCode, 'invalid', 'The request is invalid.');
  return new FhirError(500, 'exception', 'An internal error occurred.');
}
