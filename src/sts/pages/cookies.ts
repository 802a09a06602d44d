/**
 * The two browser cookies of the sign-in pages, both `__Host-` prefixed (Secure, Path=/, no Domain: a sibling
 * host cannot plant or overwrite them) and HttpOnly:
 * - the pre-authentication cookie, a random value that anti-forgery tokens are bound to;
 * - the SSO cookie, the tokens of this browser's signed-in sessions (several accounts, newest first).
 * SameSite=Lax: sent on top-level navigations from the app to /authorize, never on cross-site subrequests or posts.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const PRE_AUTH_COOKIE = '__Host-entrada-pre';
export const SSO_COOKIE = '__Host-entrada-sso';
/** Accounts one browser keeps signed in at once (Entra's account picker shows a handful too). */
export const MAX_ACCOUNTS = 5;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Parse the Cookie header; the first of two same-named cookies wins (the most specific path, per RFC 6265). */
export function readCookies(request: FastifyRequest): Map<string, string> {
  const out = new Map<string, string>();
  const header = request.headers.cookie;
  if (typeof header !== 'string') return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

function serialize(name: string, value: string, maxAge?: number): string {
  return `${name}=${value}; Path=/; Secure; HttpOnly; SameSite=Lax${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;
}

function appendCookie(reply: FastifyReply, cookie: string): void {
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  const name = cookie.slice(0, cookie.indexOf('='));
  reply.header('set-cookie', [...list.filter((c) => !c.startsWith(`${name}=`)), cookie]);
}

// A value minted during this request, so that two forms on one page get tokens bound to the same cookie.
const minted = new WeakMap<FastifyRequest, string>();

/** This browser's pre-authentication value, set now if it has none (it lives as long as the browser session). */
export function preAuthValue(request: FastifyRequest, reply: FastifyReply): string {
  const existing = sentPreAuthValue(request) ?? minted.get(request);
  if (existing) return existing;
  const fresh = randomBytes(32).toString('base64url');
  minted.set(request, fresh);
  appendCookie(reply, serialize(PRE_AUTH_COOKIE, fresh));
  return fresh;
}

/** The pre-authentication value the browser sent, if any (for checking a posted form). */
export function sentPreAuthValue(request: FastifyRequest): string | undefined {
  const value = readCookies(request).get(PRE_AUTH_COOKIE);
  return value && TOKEN.test(value) ? value : undefined;
}

/** The session tokens this browser holds, newest first. */
export function ssoTokens(request: FastifyRequest): string[] {
  const value = readCookies(request).get(SSO_COOKIE) ?? '';
  return value.split('.').filter((t) => TOKEN.test(t)).slice(0, MAX_ACCOUNTS);
}

/** Replace the browser's session tokens (an empty list deletes the cookie). */
export function setSsoTokens(reply: FastifyReply, tokens: readonly string[]): void {
  const kept = tokens.slice(0, MAX_ACCOUNTS);
  appendCookie(reply, kept.length > 0 ? serialize(SSO_COOKIE, kept.join('.')) : serialize(SSO_COOKIE, '', 0));
}
