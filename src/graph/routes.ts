import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services.js';

/** The Microsoft Graph-compatible API under /v1.0 (placeholder until Graph lands). */
export function graphRoutes(_services: Services): FastifyPluginAsync {
  return async () => undefined;
}
