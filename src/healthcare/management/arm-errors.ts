/**
 * Azure Resource Manager's error family: `{ error: { code, message } }` with the HTTP status ARM uses for the code.
 * Every failure of the management API becomes one of these in one place (routes.ts); a 5xx never carries internals.
 */
import { DirectoryError } from '../../directory/errors.js';

export class ArmError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ArmError';
  }
}

export const armErrors = {
  missingToken: () => new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing."),
  invalidToken: (why: string) => new ArmError(401, 'InvalidAuthenticationToken', `The access token is invalid. ${why}`),
  expiredToken: () => new ArmError(401, 'ExpiredAuthenticationToken', 'The access token expiry UTC time is earlier than current UTC time.'),
  wrongAudience: () => new ArmError(401, 'InvalidAuthenticationTokenAudience',
    'The access token has been obtained for wrong audience or resource. It should exactly match one of the allowed audiences'
    + " 'https://management.core.windows.net/', 'https://management.azure.com/'."),
  wrongTenant: (sub: string) => new ArmError(401, 'InvalidAuthenticationTokenTenant',
    `The access token is from the wrong issuer. It must match the tenant associated with subscription '${sub}'.`),
  forbidden: (who: string, oid: string, action: string, scope: string) => new ArmError(403, 'AuthorizationFailed',
    `The client '${who}' with object id '${oid}' does not have authorization to perform action '${action}' over scope '${scope}'`
    + ' or the scope is invalid. Only Global Administrators of the tenant may manage its Healthcare APIs resources.'),
  missingApiVersion: () => new ArmError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.'),
  invalidApiVersion: (v: string) => new ArmError(400, 'InvalidApiVersionParameter',
    `The api-version '${v}' is invalid. The supported versions are dates such as '2024-03-31' or '2022-04-01', optionally with '-preview'.`),
  subscriptionNotFound: (sub: string) => new ArmError(404, 'SubscriptionNotFound', `The subscription '${sub}' could not be found.`),
  resourceGroupNotFound: (rg: string) => new ArmError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`),
  resourceNotFound: (type: string, name: string) => new ArmError(404, 'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group 'entrada' was not found.`),
  noRoute: (method: string, path: string) => new ArmError(404, 'NotFound', `There is no management operation at ${method} ${path}.`),
  methodNotAllowed: (method: string) => new ArmError(405, 'MethodNotAllowed', `The method '${method}' is not allowed on this resource.`),
  badRequest: (message: string, code = 'InvalidRequestContent') => new ArmError(400, code, message),
};

/** Any thrown value as an ARM error: domain errors by kind, body parsing errors as 400, everything else 500 without detail. */
export function toArmError(err: unknown): ArmError {
  if (err instanceof ArmError) return err;
  if (err instanceof DirectoryError) {
    switch (err.kind) {
      case 'invalid': return new ArmError(400, err.code ?? 'BadRequest', err.message);
      case 'not_found': return new ArmError(404, 'ResourceNotFound', err.message);
      case 'conflict': return new ArmError(409, 'Conflict', err.message);
      case 'forbidden': return new ArmError(403, 'AuthorizationFailed', err.message);
    }
  }
  const e = err as { statusCode?: number; code?: string } | null;
  if (e?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new ArmError(415, 'UnsupportedMediaType', 'The content media type is not supported. Use application/json.');
  if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ArmError(413, 'RequestEntityTooLarge', 'The request body is too large.');
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  }
  return new ArmError(500, 'InternalServerError', 'The server encountered an internal error. Please retry the request.');
}

export function armErrorBody(error: ArmError): { error: { code: string; message: string } } {
  return { error: { code: error.code, message: error.message } };
}
