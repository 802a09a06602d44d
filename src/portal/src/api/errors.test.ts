import { describe, expect, it } from 'vitest';
import { describeError, GraphApiError } from './errors';

describe('describeError', () => {
  it('keeps the Graph code and request ID', () => {
    const plain = describeError(new GraphApiError(400, 'Request_BadRequest', "Invalid value specified for property 'displayName'.", 'req-1'), 'Could not save');
    expect(plain).toEqual({ title: 'Could not save.', message: "Invalid value specified for property 'displayName'.", code: 'Request_BadRequest', requestId: 'req-1' });
  });

  it('finds the AADSTS code in an MSAL error', () => {
    const msal = { errorCode: 'invalid_grant', errorMessage: 'AADSTS50126: Error validating credentials due to invalid username or password.\nTrace ID: x' };
    expect(describeError(msal, 'Signing in failed')).toEqual({
      title: 'Signing in failed: signing in did not work.', message: 'AADSTS50126: Error validating credentials due to invalid username or password.', code: 'AADSTS50126',
    });
  });

  it('says when the server could not be reached', () => {
    expect(describeError(new TypeError('Failed to fetch')).title).toBe('The request failed: the server could not be reached.');
  });
});
