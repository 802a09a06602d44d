/**
 * The Graph error family: `{"error":{"code","message","innerError":{date,request-id,client-request-id}}}`.
 * Every failure of the /v1.0 surface becomes a GraphError here, in one place: our own GraphErrors, the
 * directory's DirectoryErrors, token failures, and Fastify's own (bad JSON, body too large, media type).
 * Codes and texts are those Microsoft Graph answers with for directory objects (observed in public issue
 * threads); anything unexpected becomes a bare 500 that names nothing internal.
 */
import { AccessTokenError } from '../access/access-token-verifier.js';
import { DirectoryError } from '../directory/errors.js';

export interface GraphErrorDetail { code: string; target?: string; message?: string }

export class GraphError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: GraphErrorDetail[]) {
    super(message);
    this.name = 'GraphError';
  }
}

/** The errors of the table, by name, so a route never spells a code or a status itself. */
export const graphErrors = {
  unauthenticated: (message: string) => new GraphError(401, 'InvalidAuthenticationToken', message),
  denied: () => new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
  notFound: (id: string) => new GraphError(404, 'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`),
  badRequest: (message: string) => new GraphError(400, 'Request_BadRequest', message),
  invalidId: (id: string) => new GraphError(400, 'Request_BadRequest', `Invalid object identifier '${id}'.`),
  unsupportedQuery: (message = 'Unsupported query.') => new GraphError(400, 'Request_UnsupportedQuery', message),
  /** OData-level faults (parsing the URL or the payload) carry the generic code, as Graph's OData layer does. */
  odata: (message: string, status = 400) => new GraphError(status, 'BadRequest', message),
  segmentNotFound: (segment: string) => new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
  methodNotAllowed: () => new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.'),
  internal: () => new GraphError(500, 'generalException', 'An unspecified error has occurred.'),
  /** addKey/removeKey: Graph answers a bad proof of possession as a malformed token; the reason follows its words. */
  invalidProof: (reason: string) => new GraphError(401, 'Authentication_MissingOrMalformed',
    `Access Token missing or malformed. The proof of possession token is invalid: ${reason}.`),
  noValidCertificate: (id: string) => new GraphError(400, 'Request_BadRequest',
    `The application has no currently valid certificate to sign a proof of possession with, so addKey and removeKey cannot be used. Add a certificate with PATCH /applications/${id} and its keyCredentials instead.`),
};

const UNREADABLE_BODY = 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';

/** Map anything thrown while serving a Graph request to the GraphError to answer with. */
export function toGraphError(err: unknown): GraphError {
  if (err instanceof GraphError) return err;
  if (err instanceof AccessTokenError) return graphErrors.unauthenticated(err.message);
  if (err instanceof DirectoryError) return fromDirectory(err);
  return fromFramework(err) ?? graphErrors.internal();
}

function fromDirectory(err: DirectoryError): GraphError {
  switch (err.kind) {
    case 'invalid':
      // A rule with its own Entra code (an app management policy, say) keeps it; the rest are plain bad requests.
      return new GraphError(400, err.code ?? 'Request_BadRequest', err.message, err.target ? [{ code: 'InvalidValue', target: err.target }] : undefined);
    case 'not_found':
      return new GraphError(404, 'Request_ResourceNotFound', err.message);
    case 'forbidden':
      return graphErrors.denied();
    case 'conflict':
      // A second principal for one appId, or a second grant for one key, is a key clash (409); other duplicates
      // are property conflicts (400).
      if (err.target === 'appId' || err.code === 'Request_MultipleObjectsWithSameKeyValue') {
        return new GraphError(409, 'Request_MultipleObjectsWithSameKeyValue', err.message);
      }
      return new GraphError(400, 'Request_BadRequest', err.message, err.target ? [{ code: 'ObjectConflict', target: err.target }] : undefined);
  }
}

/** Fastify's own errors (content-type parsing, body limits) that carry a 4xx status. */
function fromFramework(err: unknown): GraphError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { statusCode, code } = err as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return graphErrors.odata('Maximum request length exceeded.', 413);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return graphErrors.odata(UNREADABLE_BODY, 415);
    default:
      // Malformed JSON, an empty JSON body, a bad Content-Length, prototype-poisoning keys, …
      return graphErrors.odata(UNREADABLE_BODY, statusCode === 413 || statusCode === 415 ? statusCode : 400);
  }
}

/** Graph's innerError.date: UTC, seconds precision, no zone designator. */
export function graphDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '');
}

export function errorBody(error: GraphError, ids: { requestId: string; clientRequestId: string }, now: Date): Record<string, unknown> {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      innerError: { date: graphDate(now), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId },
    },
  };
}
