/**
 * build(): the Fastify instance with every surface mounted. Only main.ts listens; tests call inject() or
 * listen on port 0 themselves.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { errorBody, GraphError } from './graph/errors.js';
import { graphRoutes } from './graph/routes.js';
import { fhirBulkRoutes } from './healthcare/fhir/bulk/plugin.js';
import { FhirError } from './healthcare/fhir/outcome.js';
import { fhirRoutes } from './healthcare/fhir/routes.js';
import { managementRoutes, sendMalformedManagementUrl } from './healthcare/management/routes.js';
import { parseForm } from './lib/form.js';
import { portalHost } from './portal-host.js';
import type { Services } from './services.js';
import { StsError } from './sts/errors.js';
import { sendStsError } from './sts/http.js';
import { canonicalStsUrl } from './sts/route-table.js';
import { stsRoutes } from './sts/routes.js';

export interface BuildOptions extends Services {
  https?: { cert: string; key: string };
}

/** Bodies above this get 413 in their surface's error family (a FHIR bundle may be larger; it sets its own). */
export const BODY_LIMIT = 1024 * 1024;

export async function build(options: BuildOptions): Promise<FastifyInstance> {
  const { https, ...services } = options;
  const fastifyOptions: FastifyServerOptions & { https?: { cert: string; key: string } } = {
    logger: services.config.logLevel === 'silent' ? false : {
      level: services.config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    // No per-request log lines: they cost on the token hot path, and URLs can carry codes.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestIdHeader: false,
    // MSAL lowercases the authority and people type mixed case: STS paths match in any letter case.
    rewriteUrl: (req) => canonicalStsUrl(req.url ?? '/'),
    // One logger for all requests: a child logger per request costs on the token hot path.
    childLoggerFactory: (logger) => logger,
    // A URL Fastify cannot even decode still gets an answer in its surface's error family.
    frameworkErrors: (_err: unknown, request: any, reply: any) => {
      const now = services.directory.clock.now();
      if (String(request.url).startsWith('/fhir/')) {
        const outcome = new FhirError(400, 'invalid', 'The request URL is malformed.').outcome();
        return reply.code(400).header('content-type', 'application/fhir+json; charset=utf-8').send(JSON.stringify(outcome));
      }
      if (String(request.url).startsWith('/v1.0')) {
        const requestId = randomUUID();
        const body = errorBody(new GraphError(400, 'BadRequest', 'The request URL is malformed.'), { requestId, clientRequestId: requestId }, now);
        return reply.code(400).header('content-type', 'application/json').send(JSON.stringify(body));
      }
      if (/^\/management(\/|$)/i.test(String(request.url))) return sendMalformedManagementUrl(reply);
      return sendStsError(request, reply, new StsError(90023, { detail: 'The request URL is malformed.' }), services.publicUrl(), now);
    },
    ...(https ? { https } : {}),
  };
  const app = Fastify(fastifyOptions as FastifyServerOptions) as unknown as FastifyInstance;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseForm(body as string));
  });

  app.get('/health', async () => ({ status: 'Healthy' }));
  app.setNotFoundHandler(async (request, reply) => reply.code(404)
    .send({ error: 'not_found', error_description: `There is nothing at ${request.method} ${request.url.split('?')[0]}.` }));
  await app.register(graphRoutes(services), { prefix: '/v1.0' });
  await app.register(stsRoutes(services));
  await app.register(fhirRoutes(services), { prefix: '/fhir' });
  await app.register(fhirBulkRoutes(services), { prefix: '/fhir/:service' });
  await app.register(managementRoutes(services), { prefix: '/management' });
  await app.register(portalHost(services));
  return app;
}
