/**
 * The security token service: discovery, keys, instance discovery, the token and device authorization endpoints
 * and userinfo, every path from the route table, every error in the STS family (a client mistake is always 4xx:
 * MSAL blocks a client for 60 s after a 5xx).
 */
import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { accessTokenVerifier } from '../access/access-token-verifier.js';
import type { Services } from '../services.js';
import { deviceAuthorization } from './device-authorization.js';
import { interactiveRoutes } from './authorize/routes.js';
import { instanceDiscovery, openIdConfigurationV1, openIdConfigurationV2 } from './discovery.js';
import { StsError } from './errors.js';
import { METADATA_HEADERS, sendStsError, TOKEN_HEADERS, traceId } from './http.js';
import { jwksV1, jwksV2 } from './keys.js';
import { routePattern, type StsPathName } from './route-table.js';
import { TokenSigner } from './sign.js';
import { resolveTenant, type TenantRef } from './tenant.js';
import { tokenEndpoint } from './token-endpoint.js';
import type { StsDeps } from './token-request.js';
import { DEFAULT_THROTTLE, FailureThrottle, type ThrottlePolicy } from './throttle.js';
import { sendUserInfo } from './userinfo.js';

export interface StsOptions {
  /** How failed client-secret attempts are slowed down; tests pass one that does not sleep. */
  throttle?: ThrottlePolicy;
}

type TenantParams = { Params: { tenant: string } };

export function stsRoutes(services: Services, options: StsOptions = {}): FastifyPluginAsync {
  return async (app) => {
    const deps: StsDeps = {
      directory: services.directory,
      publicUrl: services.publicUrl,
      signer: new TokenSigner(services.directory.signingKeys),
      throttle: new FailureThrottle(options.throttle ?? DEFAULT_THROTTLE),
      verifier: accessTokenVerifier(services.directory, services.publicUrl),
    };
    app.setErrorHandler((err: FastifyError, request, reply) => sendStsError(request, reply, toStsError(err, request),
      deps.publicUrl(), deps.directory.clock.now()));
    tokenRoutes(app, deps);
    deviceCodeRoutes(app, deps);
    userInfoRoutes(app, deps);
    metadataRoutes(app, deps);
    // Authorize, the sign-in pages, consent, device login and sign-out answer in HTML, with their own error handler.
    await app.register(interactiveRoutes(deps));
  };
}

/** Fastify's own 4xx (body too large, unreadable or unsupported body) become STS errors; anything else is a 500. */
function toStsError(err: FastifyError, request: FastifyRequest): StsError {
  if (err instanceof StsError) return err;
  const status = err.statusCode ?? 500;
  if (status === 413) return new StsError(90023, { detail: 'The request body is too large.' }, undefined, { status: 413 });
  if (status >= 400 && status < 500) {
    return request.url.includes('/oauth2/')
      ? new StsError(900144, { name: 'grant_type' })
      : new StsError(90023, { detail: 'The request could not be read.' });
  }
  request.log.error({ err }, 'sts: unexpected error');
  return new StsError(50000);
}

/**
 * Single-page apps call the token endpoint from the browser: the answer (success or error) names the caller's
 * origin so the page may read it. Safe for any origin: the endpoint uses no cookies, and the SPA rules decide
 * which tokens a browser may redeem at all.
 */
async function allowOrigin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const origin = request.headers.origin;
  if (origin !== undefined) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
}

function preflight(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const headers = request.headers['access-control-request-headers'];
  return reply.code(204).headers({
    'access-control-allow-origin': request.headers.origin ?? '*',
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': typeof headers === 'string' && headers ? headers : 'content-type',
    'access-control-max-age': '86400',
    vary: 'Origin',
  }).send();
}

function tokenRoutes(app: FastifyInstance, deps: StsDeps): void {
  for (const [name, version] of [['tokenV2', 2], ['tokenV1', 1]] as const) {
    app.post<TenantParams>(routePattern(name), { onRequest: allowOrigin }, async (request, reply) => {
      const body = await tokenEndpoint(deps, request, version);
      return reply.headers(TOKEN_HEADERS).header('x-ms-request-id', traceId()).send(JSON.stringify(body));
    });
    app.get<TenantParams>(routePattern(name), async () => {
      throw new StsError(900561, { method: 'GET' });
    });
    app.options(routePattern(name), async (request, reply) => preflight(request, reply));
  }
}

function deviceCodeRoutes(app: FastifyInstance, deps: StsDeps): void {
  for (const [name, version] of [['deviceCodeV2', 2], ['deviceCodeV1', 1]] as const) {
    app.post<TenantParams>(routePattern(name), async (request, reply) => {
      const body = await deviceAuthorization(deps, request, version);
      return reply.headers(TOKEN_HEADERS).header('x-ms-request-id', traceId()).send(JSON.stringify(body));
    });
    app.get<TenantParams>(routePattern(name), async () => {
      throw new StsError(900561, { method: 'GET' });
    });
  }
}

/** v1 userinfo under the tenant, and Graph's OIDC userinfo (named by v2 discovery) at the root; GET or POST. */
function userInfoRoutes(app: FastifyInstance, deps: StsDeps): void {
  app.route<TenantParams>({
    method: ['GET', 'POST'], url: routePattern('userInfoV1'),
    handler: (request, reply) => sendUserInfo(deps, request, reply, request.params.tenant),
  });
  app.route({ method: ['GET', 'POST'], url: '/oidc/userinfo', handler: (request, reply) => sendUserInfo(deps, request, reply) });
}

function sendMetadata(request: FastifyRequest, reply: FastifyReply, body: unknown): FastifyReply {
  return reply.headers(METADATA_HEADERS).header('x-ms-request-id', traceId()).send(JSON.stringify(body));
}

function metadataRoutes(app: FastifyInstance, deps: StsDeps): void {
  const { directory } = deps;
  const tenantOf = (request: FastifyRequest<TenantParams>): Promise<TenantRef> =>
    resolveTenant(directory, request.params.tenant, 'invalid_tenant');
  const get = (name: StsPathName, build: (request: FastifyRequest<TenantParams>) => Promise<unknown>) => {
    app.get<TenantParams>(routePattern(name), async (request, reply) => sendMetadata(request, reply, await build(request)));
    // Browsers preflight these for single-page apps.
    app.options(routePattern(name), async (_request, reply) => reply.code(204).headers(METADATA_HEADERS).send());
  };
  get('discoveryV2', async (request) => openIdConfigurationV2(deps.publicUrl(), await tenantOf(request)));
  get('discoveryV1', async (request) => openIdConfigurationV1(deps.publicUrl(), await tenantOf(request)));
  get('keysV2', async (request) => jwksV2(await directory.signingKeys.keyRing(), deps.publicUrl(), await tenantOf(request)));
  get('keysV1', async (request) => {
    await tenantOf(request);
    return jwksV1(await directory.signingKeys.keyRing());
  });
  get('instanceDiscovery', async (request) => {
    await tenantOf(request);
    const endpoint = (request.query as Record<string, unknown>).authorization_endpoint;
    if (typeof endpoint !== 'string' || !endpoint) throw new StsError(90014, { name: 'authorization_endpoint' });
    const body = instanceDiscovery(deps.publicUrl(), endpoint);
    if (!body) throw new StsError(50049);
    return body;
  });
}
