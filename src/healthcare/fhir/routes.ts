/**
 * The FHIR services under `/fhir/{workspace}-{service}/…`: the thin HTTP edge of fhir/http's router. It finds
 * the service, hands the router a plain request, and writes back what it answers; every failure, the
 * framework's included (bad JSON, body too large, unsupported media type), leaves as an OperationOutcome.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { FhirAccess } from './access/fhir-access.js';
import { smartConfiguration } from './access/smart-configuration.js';
import { FHIR_JSON, MAX_JSON_DEPTH, serialize, tooDeep, wantsPretty } from './http/content.js';
import { JSON_PATCH } from './http/patch.js';
import { FhirRouter, type FhirOperation } from './http/router.js';
import type { FhirRequest, FhirServiceRef } from './http/types.js';
import { FhirError } from './outcome.js';
import type { FhirRepository } from './repository.js';
import { FhirStore } from './storage/fhir-store.js';

/** Bundles are larger than anything else the server takes. */
export const FHIR_BODY_LIMIT = 16 * 1024 * 1024;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface FhirRouteOptions {
  /** Operations served by other parts (`$export`, `_operations`), by name. */
  operations?: ReadonlyMap<string, FhirOperation>;
}

export function fhirRoutes(services: Services, options: FhirRouteOptions = {}): FastifyPluginAsync {
  return async (app) => {
    const { directory } = services;
    const fhirStore = new FhirStore(directory.ctx.store, directory.clock);
    const repositories = new Map<string, FhirRepository>();
    const access = new FhirAccess(services);
    const router = new FhirRouter({
      access,
      repository: (service) => {
        let repo = repositories.get(service.id);
        if (!repo) {
          repo = fhirStore.repository({ tenantId: service.tenantId, serviceId: service.id, baseUrl: service.url });
          repositories.set(service.id, repo);
        }
        return repo;
      },
      smartConfiguration: (service) => smartConfiguration(services, service),
      ...(options.operations ? { operations: options.operations } : {}),
      now: () => directory.clock.now(),
      publicUrl: services.publicUrl,
      onError: (err) => app.log.error({ err }, 'FHIR batch entry failed'),
    });

    // FHIR JSON in; everything else (XML included) is a 415 from Fastify, rendered below as an OperationOutcome.
    app.removeAllContentTypeParsers();
    const parseJson = app.getDefaultJsonParser('error', 'error');
    const json = (request: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
      const text = body.toString();
      if (text.trim() === '') return done(null, undefined);
      return parseJson(request, text, (err, value) => {
        if (!err && tooDeep(value)) return done(new FhirError(400, 'structure', `The JSON nests deeper than ${MAX_JSON_DEPTH} levels.`));
        return done(err, value);
      });
    };
    app.addContentTypeParser(['application/fhir+json', 'application/json', JSON_PATCH], { parseAs: 'string' }, json);
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, [...new URLSearchParams(body.toString())]);
    });

    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const params = request.params as { service: string; '*'?: string };
      // Workspace and service names are lower case; a URL typed in another case still finds its service.
      const service = await directory.healthcare.fhirServiceByPath(params.service.toLowerCase());
      if (!service) throw new FhirError(404, 'not-found', `There is no FHIR service at /fhir/${params.service}.`);
      const fhirRequest = toFhirRequest(request, params['*'] ?? '');
      const res = await router.handle(service as FhirServiceRef, fhirRequest);
      reply.code(res.status);
      if (res.headers) reply.headers(res.headers);
      if (res.body === undefined || res.status === 204 || res.status === 304) return reply.send();
      if (!res.headers?.['content-type']) reply.header('content-type', FHIR_JSON);
      return reply.send(serialize(res.body, wantsPretty(fhirRequest)));
    };
    for (const url of ['/:service', '/:service/*']) {
      app.route({ method: METHODS, url, bodyLimit: FHIR_BODY_LIMIT, handler, exposeHeadRoute: false });
    }

    app.setErrorHandler(async (err, request, reply) => sendError(err, request, reply));
    app.setNotFoundHandler(async (request) => {
      throw new FhirError(404, 'not-supported', `There is nothing at ${request.method} ${request.url.split('?')[0]}.`);
    });
  };
}

function toFhirRequest(request: FastifyRequest, rest: string): FhirRequest {
  const url = request.url;
  const q = url.indexOf('?');
  const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return {
    method: request.method,
    path: rest.replace(/^\/+|\/+$/g, ''),
    query: q < 0 ? [] : [...new URLSearchParams(url.slice(q + 1))],
    headers: request.headers,
    body: request.body,
    ...(contentType ? { contentType } : {}),
  };
}

/** The one place a failure becomes a FHIR answer: an OperationOutcome, never internals. */
function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const fhirError = toFhirError(err);
  if (fhirError.status >= 500) request.log.error({ err, url: request.url.split('?')[0] }, 'FHIR request failed');
  return reply.code(fhirError.status).headers(fhirError.headers).header('content-type', FHIR_JSON)
    .send(JSON.stringify(fhirError.outcome()));
}

function toFhirError(err: unknown): FhirError {
  if (err instanceof FhirError) return err;
  const e = err as { statusCode?: number; code?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new FhirError(415, 'not-supported', 'The request body must be application/fhir+json (or application/json; JSON Patch for PATCH).');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new FhirError(413, 'too-costly', `The request body is larger than ${FHIR_BODY_LIMIT / 1024 / 1024} MB.`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new FhirError(400, 'structure', 'The request body is empty.');
    default:
  }
  if (err instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new FhirError(400, 'structure', 'The request body is not valid JSON.');
  }
  const status = e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new FhirError(status, 'invalid', 'The request is invalid.');
  return new FhirError(500, 'exception', 'An internal error occurred.');
}
