/**
 * The security token service: discovery, keys, instance discovery and the token endpoint, every path from the
 * route table, every error in the STS family (a client mistake is always 4xx: MSAL blocks a client for 60 s
 * after a 5xx).
 */
import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services.js';
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
    };
    app.setErrorHandler((err: FastifyError, request, reply) => sendStsError(request, reply, toStsError(err, request),
      deps.publicUrl(), deps.directory.clock.now()));
    tokenRoutes(app, deps);
    metadataRoutes(app, deps);
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

function tokenRoutes(app: FastifyInstance, deps: StsDeps): void {
  for (const [name, version] of [['tokenV2', 2], ['tokenV1', 1]] as const) {
    app.post<TenantParams>(routePattern(name), async (request, reply) => {
      const body = await tokenEndpoint(deps, request, version);
      return reply.headers(TOKEN_HEADERS).header('x-ms-request-id', traceId()).send(JSON.stringify(body));
    });
    app.get<TenantParams>(routePattern(name), async () => {
      throw new StsError(900561, { method: 'GET' });
    });
  }
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
