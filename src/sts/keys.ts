/** JWKS documents (entra-protocol.md §3.3): kid = x5t, x5c; v2 keys also name the issuer they sign for. */
import type { KeyRing } from '../directory/signing-keys.js';
import { issuerV2 } from './route-table.js';
import type { TenantRef } from './tenant.js';

export function jwksV2(ring: KeyRing, publicUrl: string, ref: TenantRef): { keys: Record<string, unknown>[] } {
  const issuer = issuerV2(publicUrl, ref.kind === 'tenant' ? ref.tenant.id : '{tenantid}');
  return { keys: ring.published.map((k) => ({ ...k.jwk, issuer })) };
}

export function jwksV1(ring: KeyRing): { keys: Record<string, unknown>[] } {
  return { keys: ring.published.map((k) => ({ ...k.jwk })) };
}
