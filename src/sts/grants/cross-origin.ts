/**
 * Entra's cross-origin rules for the token endpoint (entra-protocol.md §3.6). A browser marks its requests with an
 * `Origin` header. Tokens of the single-page-app client type may only be redeemed that way (9002327), and no other
 * client type may be redeemed that way (9002326): code in a page cannot keep a secret, so a page must not be
 * able to use the tokens of a client that relies on one.
 */
import { StsError } from '../errors.js';
import type { TokenRequest } from '../token-request.js';

export function checkCrossOrigin(request: TokenRequest, isSpa: boolean): void {
  if (isSpa && request.origin === undefined) throw new StsError(9002327);
  if (!isSpa && request.origin !== undefined) throw new StsError(9002326, { origin: request.origin });
}
