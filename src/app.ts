/**
 * build(): the Fastify instance with every surface mounted. Only main.ts listens; tests call inject() or
 * listen on port 0 themselves.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { graphRoutes } from './graph/routes.js';
import { parseForm } from './lib/form.js';
import type { Services } from './services.js';
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
    ...(https ? { https } : {}),
  };
  const app = Fastify(fastifyOptions as FastifyServerOptions) as unknown as FastifyInstance;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseForm(body as string));
  });

  app.get('/health', async () => ({ status: 'Healthy' }));
  await app.register(graphRoutes(services), { prefix: '/v1.0' });
  await app.register(stsRoutes(services));
  return app;
}
