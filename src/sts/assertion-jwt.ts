/**
 * What every client assertion shares, certificate or federated: reading the compact JWT without trusting it,
 * and the time-range rule with Entra's 700024 wording. Signatures are checked by the caller, per credential kind.
 */
import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { StsError } from './errors.js';

/** Allowed clock difference between the client and us, each way (Entra allows five minutes). */
export const ASSERTION_SKEW_SECONDS = 300;
// A certificate chain in x5c makes assertions a few KB; anything far larger is not an assertion.
const MAX_ASSERTION_LENGTH = 64 * 1024;

export interface ParsedAssertion {
  token: string;
  header: ProtectedHeaderParameters;
  claims: JWTPayload;
}

/** Decode header and payload; anything that is not a three-part JWS with JSON objects is AADSTS50027. */
export function parseAssertion(token: string): ParsedAssertion {
  if (token.length > MAX_ASSERTION_LENGTH || token.split('.').length !== 3) {
    throw new StsError(50027, { detail: 'The client assertion is not a signed JWT in compact serialization.' });
  }
  try {
    return { token, header: decodeProtectedHeader(token), claims: decodeJwt(token) };
  } catch {
    throw new StsError(50027, { detail: 'The client assertion could not be decoded.' });
  }
}

/** A string claim, or 50027 naming it: Entra refuses assertions without iss, sub or aud. */
export function requiredString(claims: JWTPayload, name: 'iss' | 'sub'): string {
  const value = claims[name];
  if (typeof value !== 'string' || !value) throw new StsError(50027, { detail: `The client assertion has no '${name}' claim.` });
  return value;
}

/** Entra prints times as .NET does: ISO 8601 with seven fractional digits. */
export function dotNetTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * `nbf` (optional) and `exp` (required) against now, with the skew allowance. A missing `nbf` reads as the Unix
 * epoch and a missing `exp` likewise, which makes such an assertion expired: that is how Entra prints them.
 * `jti` is deliberately not checked: MSAL sends the same assertion for ten minutes and Entra accepts that.
 */
export function checkTimeRange(claims: JWTPayload, now: Date): void {
  const t = now.getTime() / 1000;
  const nbf = seconds(claims.nbf);
  const exp = seconds(claims.exp);
  const early = nbf !== undefined && t + ASSERTION_SKEW_SECONDS < nbf;
  const late = exp === undefined || t - ASSERTION_SKEW_SECONDS >= exp;
  if (early || late) {
    throw new StsError(700024, { now: dotNetTime(now.getTime()), nbf: dotNetTime((nbf ?? 0) * 1000), exp: dotNetTime((exp ?? 0) * 1000) });
  }
}

/** `typ`, when present, must say JWT (Entra's 5002727); Entra accepts assertions without it. */
export function checkType(header: ProtectedHeaderParameters): void {
  const typ = header.typ;
  if (typ === undefined) return;
  const lower = typeof typ === 'string' ? typ.toLowerCase() : '';
  if (lower !== 'jwt' && lower !== 'http://openid.net/specs/jwt/1.0') throw new StsError(5002727);
}
