import { describe, expect, it } from 'vitest';
import { errorBody, STS_ERRORS, StsError } from './errors.js';

describe('StsError', () => {
  it('fills the template and takes status and OAuth error from the table', () => {
    const err = new StsError(700016, { appId: 'abc', tenant: 't' });
    expect(err).toMatchObject({ code: 700016, status: 400, error: 'unauthorized_client' });
    expect(err.description).toMatch(/^Application with identifier 'abc' was not found in the directory 't'\./);
  });

  it('serialises in Entra\'s shape and key order', () => {
    const now = new Date('2024-05-06T07:08:09.123Z');
    const body = errorBody(new StsError(65001, { appId: 'a', name: 'n' }, 'consent_required'), {
      traceId: 'trace', correlationId: 'corr', now, publicUrl: 'https://h',
    });
    expect(body).toEqual({
      error: 'invalid_grant',
      error_description: "AADSTS65001: The user or administrator has not consented to use the application with ID 'a' named 'n'. Send an interactive authorization request for this user and resource.\r\nTrace ID: trace\r\nCorrelation ID: corr\r\nTimestamp: 2024-05-06 07:08:09Z",
      error_codes: [65001],
      timestamp: '2024-05-06 07:08:09Z',
      trace_id: 'trace',
      correlation_id: 'corr',
      error_uri: 'https://h/error?code=65001',
      suberror: 'consent_required',
    });
  });

  it('has only 4xx codes for client mistakes; 5xx only for the generic server error', () => {
    for (const [code, def] of Object.entries(STS_ERRORS)) {
      if (Number(code) === 50000) expect(def.status).toBe(500);
      else expect(def.status, code).toBeLessThan(500);
    }
  });
});
