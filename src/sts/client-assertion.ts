/**
 * Certificate (private_key_jwt) client authentication. The hook is here so that the certificates work can fill
 * it in: verify the assertion against the app's keyCredentials and return "2". Until then no app has a
 * certificate registered, so every assertion is refused as Entra refuses an unknown thumbprint.
 */
import type { Client } from '../directory/clients.js';
import type { Tenant } from '../directory/tenants.js';
import type { ClientAuthMethod } from './claims.js';
import { StsError } from './errors.js';
import type { StsDeps } from './token-request.js';

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export async function verifyClientAssertion(
  _deps: StsDeps, _tenant: Tenant, client: Client, assertion: string | undefined, assertionType: string | undefined,
): Promise<ClientAuthMethod> {
  if (!assertion) throw new StsError(900144, { name: 'client_assertion' });
  if (assertionType !== JWT_BEARER_ASSERTION) throw new StsError(900144, { name: 'client_assertion_type' });
  throw new StsError(700027, { appId: client.appId });
}
