/** What the token endpoint hands each grant: the parsed request and the services it may use. */
import type { AccessTokenVerifier } from '../access/access-token-verifier.js';
import type { Directory } from '../directory/directory.js';
import type { TokenSigner, TokenVersion } from './sign.js';
import type { TenantRef } from './tenant.js';
import type { FailureThrottle } from './throttle.js';

export interface StsDeps {
  directory: Directory;
  publicUrl: () => string;
  signer: TokenSigner;
  throttle: FailureThrottle;
  /** Verifies our own access tokens: on-behalf-of assertions and userinfo bearers. */
  verifier: AccessTokenVerifier;
}

export interface TokenRequest {
  /** Endpoint version: /oauth2/token (1) or /oauth2/v2.0/token (2). Decides response shape and ID-token format. */
  version: TokenVersion;
  tenant: TenantRef;
  params: Record<string, string>;
  authorization: string | undefined;
  /** The browser's Origin header: present on cross-origin (single-page app) redemptions. */
  origin: string | undefined;
  now: Date;
}

/** A grant turns a request into the JSON answer of a successful token response. */
export type Grant = (deps: StsDeps, request: TokenRequest) => Promise<Record<string, unknown>>;
