/**
 * The browser-facing STS: authorize (v2, v1; GET and form POST), the sign-in pages' form posts, admin consent,
 * the device-code verification page and sign-out. Its errors are HTML pages (the browser is a person's), never
 * the token endpoint's JSON; an unexpected failure shows AADSTS50000 without internals.
 */
import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isFormBody } from '../../lib/form.js';
import { StsError } from '../errors.js';
import { routePattern } from '../route-table.js';
import type { StsDeps } from '../token-request.js';
import { adminConsentFlow } from './admin-consent-flow.js';
import { authorizeFlow, readAuthorizeRequest } from './authorize-flow.js';
import { DEVICE_LOGIN_PATH, showEnterCode } from './device-flow.js';
import { Interaction } from './interaction.js';
import { logout } from './logout.js';
import { handleStep } from './steps.js';

type TenantParams = { Params: { tenant: string } };

/** Paths of the pages that have no name in the STS route table (they are not in any discovery document). */
export const LOGIN_PATH = '/:tenant/login';
export const ADMIN_CONSENT_PATH = '/:tenant/adminconsent';

/**
 * The request's parameters: the query of a GET, the form of a POST. A repeated parameter is refused (it could
 * mean two different redirect URIs or clients); its name is returned instead.
 */
function paramsOf(request: FastifyRequest): { params: Record<string, string> } | { duplicate: string } {
  if (request.method === 'POST') {
    if (!isFormBody(request.body)) return { params: {} };
    const [duplicate] = request.body.duplicates;
    return duplicate ? { duplicate } : { params: { ...request.body.params } };
  }
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(value)) return { duplicate: name };
    if (typeof value === 'string') params[name] = value;
  }
  return { params };
}

function withParams(deps: StsDeps, handler: (ix: Interaction, params: Record<string, string>, segment: string) => Promise<FastifyReply>) {
  return async (request: FastifyRequest<TenantParams>, reply: FastifyReply) => {
    const ix = new Interaction(deps, request, reply);
    const read = paramsOf(request);
    if ('duplicate' in read) return ix.fail(new StsError(9000411, { name: read.duplicate }));
    return handler(ix, read.params, request.params.tenant ?? '');
  };
}

export function interactiveRoutes(deps: StsDeps): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      const ix = new Interaction(deps, request, reply);
      if (err instanceof StsError) return ix.fail(err);
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) return ix.fail(new StsError(90023, { detail: 'The request could not be read.' }));
      request.log.error({ err }, 'sts pages: unexpected error');
      return ix.fail(new StsError(50000));
    });

    for (const [name, version] of [['authorizeV2', 2], ['authorizeV1', 1]] as const) {
      const handler = withParams(deps, async (ix, params, segment) => {
        const req = await readAuthorizeRequest(ix, version, segment, params);
        return 'app' in req ? authorizeFlow(ix, req).proceed() : req;
      });
      app.get<TenantParams>(routePattern(name), handler);
      app.post<TenantParams>(routePattern(name), handler);
    }

    app.post<TenantParams>(LOGIN_PATH, withParams(deps, (ix, params, segment) => handleStep(ix, segment, params)));

    app.get<TenantParams>(ADMIN_CONSENT_PATH, withParams(deps, async (ix, params, segment) => {
      const flow = await adminConsentFlow(ix, segment, params);
      return 'proceed' in flow ? flow.proceed() : flow;
    }));

    app.get(DEVICE_LOGIN_PATH, async (request, reply) => showEnterCode(new Interaction(deps, request, reply)));
    app.post(DEVICE_LOGIN_PATH, withParams(deps, (ix, params) => handleStep(ix, '', params)));

    for (const name of ['logoutV2', 'logoutV1'] as const) {
      const handler = withParams(deps, (ix, params, segment) => logout(ix, segment, params));
      app.get<TenantParams>(routePattern(name), handler);
      app.post<TenantParams>(routePattern(name), handler);
    }
  };
}
