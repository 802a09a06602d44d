/**
 * PKCE at the authorization endpoint (RFC 7636 §4.2–4.3): the challenge is checked here so a bad one fails at
 * once, with Entra's codes, instead of as an unredeemable code later.
 */
import { StsError } from '../errors.js';

/** RFC 7636 §4.1: 43–128 characters of the unreserved set. */
const PLAIN = /^[A-Za-z0-9\-._~]{43,128}$/;
/** base64url of a SHA-256 digest, unpadded: exactly 43 characters. */
const S256 = /^[A-Za-z0-9\-_]{43}$/;

export interface Pkce { challenge: string; method: 'S256' | 'plain' }

/** The request's PKCE parameters: none, valid ones, or the error to answer with (AADSTS50149, 501491). */
export function checkPkce(challenge: string | undefined, method: string | undefined): Pkce | undefined | StsError {
  // A method without a challenge asks for nothing: Entra ignores it too.
  if (!challenge) return undefined;
  const m = method ?? 'plain';
  if (m !== 'S256' && m !== 'plain') return new StsError(50149);
  if (!(m === 'S256' ? S256 : PLAIN).test(challenge)) return new StsError(501491);
  return { challenge, method: m };
}
