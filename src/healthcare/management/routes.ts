/**
 * The Azure Resource Manager–shaped management API under /management: Healthcare APIs workspaces and FHIR
 * services, and Azure RBAC role assignments on them. This plugin owns what every call shares: JSON bodies,
 * routing by the route table, authentication, and the one place failures become ARM errors.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { accessTokenVerifier } from '../../access/access-token-verifier.js';
import { acceptJsonOnly } from '../../lib/json-body.js';
import type { Services } from '../../services.js';
import { armErrorBody, armErrors, toArmError } from './arm-errors.js';
import { authenticate } from './authenticate.js';
import type { ManagementDeps } from './context.js';
import { removeFhirServiceData } from './fhir-data.js';
import { openApiDocument } from './openapi.js';
import { matchPath } from './route-table.js';

export function managementRoutes(services: Services): FastifyPluginAsync {
  return async (app) => {
    const deps: ManagementDeps = {
      directory: services.directory, publicUrl: services.publicUrl,
      removeFhirData: (serviceId) => removeFhirServiceData(services.directory, serviceId),
    };
    const verifier = accessTokenVerifier(services.directory, services.publicUrl);

    acceptJsonOnly(app);

    app.setErrorHandler(async (err, request, reply) => sendError(err, request, reply, services.publicUrl()));

    app.get('/openapi.json', async () => openApiDocument(services.publicUrl()));

    const dispatch = async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0]!.replace(/^\/management/i, '').replace(/\/+$/, '');
      const matches = matchPath(path);
      if (matches.length === 0) throw armErrors.noRoute(request.method, `/management${path}`);
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      const match = matches.find((m) => m.route.method === method);
      if (!match) throw armErrors.methodNotAllowed(request.method);
      const query = request.query as Record<string, string | undefined>;
      const { caller, tenantId } = await authenticate(deps, verifier, request.headers.authorization, match, query['api-version']);
      const result = await match.route.handler({ deps, tenantId, caller, params: match.params, query, body: request.body });
      reply.code(result.status);
      return result.body === undefined ? reply.send() : reply.type('application/json; charset=utf-8').send(JSON.stringify(result.body));
    };
    app.route({ method: ['GET', 'HEAD', 'PUT', 'DELETE', 'POST', 'PATCH'], url: '/*', handler: dispatch });
    app.route({ method: ['GET', 'HEAD', 'PUT', 'DELETE', 'POST', 'PATCH'], url: '/', handler: dispatch });
  };
}

/** For a URL Fastify cannot decode: still an ARM error. */
export function sendMalformedManagementUrl(reply: FastifyReply): FastifyReply {
  const error = armErrors.badRequest('The request URL is malformed.', 'InvalidRequestUri');
  return reply.code(error.status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(armErrorBody(error)));
}

function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply, publicUrl: string): FastifyReply {
  const error = toArmError(err);
  if (error.status >= 500) request.log.error({ err }, 'management request failed');
  if (error.status === 401) {
    // As ARM, so clients know where to get a token: our own authority.
    reply.header('www-authenticate', `Bearer authorization_uri="${publicUrl.replace(/\/+$/, '')}/common/oauth2/authorize", error="invalid_token"`);
  }
  return reply.code(error.status).type('application/json; charset=utf-8').send(JSON.stringify(armErrorBody(error)));
}
