/**
 * The Microsoft Graph-compatible API under /v1.0. This plugin owns what every Graph request shares: JSON-only
 * bodies, correlation ids, bearer authentication, and the one place where failures become Graph errors.
 * The resources themselves live one per file.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { accessTokenVerifier } from '../access/access-token-verifier.js';
import { bearerToken } from '../access/bearer-token.js';
import { GRAPH_APP_ID } from '../directory/first-party.js';
import { acceptJsonOnly } from '../lib/json-body.js';
import type { Services } from '../services.js';
import { appRoleAssignmentRoutes } from './app-role-assignments.js';
import { applicationKeyRoutes } from './application-keys.js';
import { applicationOwnerRoutes } from './application-owners.js';
import { applicationRoutes } from './applications.js';
import type { GraphDeps } from './context.js';
import { errorBody, graphErrors, toGraphError } from './errors.js';
import { federatedCredentialRoutes } from './federated-identity-credentials.js';
import { groupMemberRoutes } from './group-members.js';
import { groupRoutes } from './groups.js';
import { meRoutes } from './me.js';
import { permissionGrantRoutes } from './oauth2-permission-grants.js';
import { ODATA_JSON } from './odata.js';
import { organizationRoutes } from './organization.js';
import { policyRoutes } from './policies.js';
import { requestIds, setCaller } from './request-state.js';
import { GraphRouter } from './router.js';
import { servicePrincipalRoutes } from './service-principals.js';
import { userRoutes } from './users.js';

/** The `aud` values Microsoft Graph accepts: its App ID URI (with or without the slash) and its appId. */
export const GRAPH_AUDIENCES: readonly string[] = ['https://graph.microsoft.com', 'https://graph.microsoft.com/', GRAPH_APP_ID];

export function graphRoutes(services: Services): FastifyPluginAsync {
  return async (app) => {
    const deps: GraphDeps = {
      directory: services.directory,
      publicUrl: services.publicUrl,
      verifier: accessTokenVerifier(services.directory, services.publicUrl),
    };

    // Graph reads JSON only: the form and text parsers the rest of the server has are dropped here.
    acceptJsonOnly(app);

    app.addHook('onRequest', async (request, reply) => {
      const ids = requestIds(request);
      reply.header('request-id', ids.requestId).header('client-request-id', ids.clientRequestId);
      setCaller(request, await deps.verifier.verify(bearerToken(request.headers.authorization), GRAPH_AUDIENCES));
    });

    app.setErrorHandler(async (err, request, reply) => sendError(deps, err, request, reply));

    app.setNotFoundHandler(async (request) => {
      // Every Graph path is registered for all of these methods (405 where it lacks one), so only others land here.
      if (!['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(request.method)) throw graphErrors.methodNotAllowed();
      const path = request.url.split('?')[0]!.replace(/^\/v1\.0\/?/, '');
      throw graphErrors.segmentNotFound(decodeSegment(path.split('/')[0] ?? ''));
    });

    const router = new GraphRouter(app, deps);
    applicationRoutes(router);
    applicationKeyRoutes(router);
    applicationOwnerRoutes(router);
    federatedCredentialRoutes(router);
    servicePrincipalRoutes(router);
    appRoleAssignmentRoutes(router);
    organizationRoutes(router);
    meRoutes(router);
    userRoutes(router);
    groupRoutes(router);
    groupMemberRoutes(router);
    permissionGrantRoutes(router);
    policyRoutes(router);
    router.finish();
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function sendError(deps: GraphDeps, err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const error = toGraphError(err);
  if (error.status >= 500) request.log.error({ err }, 'graph request failed');
  if (error.status === 401) {
    // What Graph sends, so clients know where to get a token: our own authorize endpoint.
    const base = deps.publicUrl().replace(/\/+$/, '');
    reply.header('www-authenticate', `Bearer realm="", authorization_uri="${base}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`);
  }
  return reply.code(error.status).type(ODATA_JSON).send(JSON.stringify(errorBody(error, requestIds(request), deps.directory.clock.now())));
}
