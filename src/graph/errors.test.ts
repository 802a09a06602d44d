import { describe, expect, it } from 'vitest';
import { AccessTokenError } from '../access/access-token-verifier.js';
import { DirectoryError } from '../directory/errors.js';
import { errorBody, GraphError, graphDate, toGraphError } from './errors.js';

describe('toGraphError', () => {
  it('maps directory errors by kind', () => {
    expect(toGraphError(new DirectoryError('invalid', 'Bad value.', 'displayName'))).toMatchObject({
      status: 400, code: 'Request_BadRequest', message: 'Bad value.', details: [{ code: 'InvalidValue', target: 'displayName' }],
    });
    expect(toGraphError(new DirectoryError('not_found', 'Gone.'))).toMatchObject({ status: 404, code: 'Request_ResourceNotFound', message: 'Gone.' });
    expect(toGraphError(new DirectoryError('forbidden', 'internal reason'))).toMatchObject({
      status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.',
    });
    expect(toGraphError(new DirectoryError('conflict', 'Dup SP.', 'appId'))).toMatchObject({ status: 409, code: 'Request_MultipleObjectsWithSameKeyValue' });
    expect(toGraphError(new DirectoryError('conflict', 'Dup URI.', 'identifierUris'))).toMatchObject({
      status: 400, code: 'Request_BadRequest', details: [{ code: 'ObjectConflict', target: 'identifierUris' }],
    });
  });

  it('maps token failures to 401', () => {
    expect(toGraphError(new AccessTokenError('audience', 'Access token validation failure. Invalid audience.'))).toMatchObject({
      status: 401, code: 'InvalidAuthenticationToken', message: 'Access token validation failure. Invalid audience.',
    });
  });

  it("maps Fastify's own 4xx errors", () => {
    const fastify = (statusCode: number, code: string) => Object.assign(new Error('framework detail'), { statusCode, code });
    expect(toGraphError(fastify(413, 'FST_ERR_CTP_BODY_TOO_LARGE'))).toMatchObject({ status: 413, message: 'Maximum request length exceeded.' });
    expect(toGraphError(fastify(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'))).toMatchObject({ status: 415, code: 'BadRequest' });
    expect(toGraphError(fastify(400, 'FST_ERR_CTP_INVALID_JSON_BODY')).message).toMatch(/^Unable to read JSON request payload/);
    expect(toGraphError(Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 })).status).toBe(400);
  });

  it('hides anything unexpected behind a bare 500', () => {
    for (const err of [new Error('SQLITE_CORRUPT at /var/lib/entrada/db'), new TypeError('x is undefined'), 'string', null,
      Object.assign(new Error('upstream'), { statusCode: 503 })]) {
      const mapped = toGraphError(err);
      expect(mapped).toMatchObject({ status: 500, code: 'generalException', message: 'An unspecified error has occurred.' });
    }
  });

  it('writes the Graph envelope', () => {
    const body = errorBody(new GraphError(404, 'Request_ResourceNotFound', 'Gone.'), { requestId: 'r', clientRequestId: 'c' }, new Date('2024-05-06T07:08:09.123Z'));
    expect(body).toEqual({ error: { code: 'Request_ResourceNotFound', message: 'Gone.', innerError: { date: '2024-05-06T07:08:09', 'request-id': 'r', 'client-request-id': 'c' } } });
    expect(graphDate(new Date('2024-01-02T03:04:05.678Z'))).toBe('2024-01-02T03:04:05');
  });
});
