/** Request bodies for a Fastify scope that reads JSON only. */
import type { FastifyInstance } from 'fastify';

/**
 * Drops the scope's other body parsers, so a form or text body is a 415 instead of being taken for an object,
 * and parses application/json with an empty body as no body (a bodiless PUT or DELETE sent as JSON).
 */
export function acceptJsonOnly(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    return parseJson(request, text, done);
  });
}
