import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services.js';

/** The security token service: discovery, keys, token endpoint (placeholder until the STS lands). */
export function stsRoutes(_services: Services): FastifyPluginAsync {
  return async () => undefined;
}
