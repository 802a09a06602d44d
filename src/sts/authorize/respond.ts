/**
 * Answering the app at its redirect URI: as query, fragment or an auto-posting form, always with `state` and
 * the RFC 9207 `iss` parameter (so a client talking to several authorities can tell which one answered).
 */
import type { FastifyReply } from 'fastify';
import { entraTimestamp } from '../../lib/clock.js';
import type { StsError } from '../errors.js';
import { formPostPage } from '../pages/message-pages.js';
import { sendPage } from '../pages/layout.js';

export type ResponseMode = 'query' | 'fragment' | 'form_post';

/** Where and how the app gets its answer. Only ever built from a redirect URI that matched the registration. */
export interface ResponseTarget {
  /** The redirect URI as the answer is sent to it (a path-less URI gains its trailing slash). */
  uri: string;
  mode: ResponseMode;
  state?: string;
  /**
   * The issuer of the tenant that answers (the `{tenantid}` template before the user's tenant is known). Absent
   * only for the sign-out redirect, which is not an authorization response.
   */
  iss?: string;
}

/**
 * Entra echoes `https://contoso.com` as `https://contoso.com/`; URIs with a path, and custom-scheme URIs of
 * mobile apps (`msal{appId}://auth`, whose "host" is a name the app matches), are sent back untouched.
 */
export function echoRedirectUri(uri: string): string {
  const m = /^(https?:\/\/[^/?#]*)([?#].*)?$/i.exec(uri);
  return m ? `${m[1]}/${m[2] ?? ''}` : uri;
}

function withParams(uri: string, separator: '?' | '#', params: [string, string][]): string {
  const encoded = new URLSearchParams(params).toString();
  if (!encoded) return uri;
  if (separator === '#') return `${uri.split('#')[0]}#${encoded}`;
  const [base, fragment] = uri.split('#', 2) as [string, string | undefined];
  const joined = base.includes('?') ? `${base}${base.endsWith('?') || base.endsWith('&') ? '' : '&'}${encoded}` : `${base}?${encoded}`;
  return fragment === undefined ? joined : `${joined}#${fragment}`;
}

/** Send the app its answer: `fields` first (code, client_info, …), then state and iss. */
export function sendToApp(reply: FastifyReply, target: ResponseTarget, fields: Record<string, string | undefined>): FastifyReply {
  const params = Object.entries({ ...fields, state: target.state, iss: target.iss })
    .filter((e): e is [string, string] => e[1] !== undefined);
  if (target.mode === 'form_post') return sendPage(reply, formPostPage(target.uri, Object.fromEntries(params)));
  const location = withParams(target.uri, target.mode === 'query' ? '?' : '#', params);
  return reply.code(302).header('cache-control', 'no-store, no-cache').header('location', location).send();
}

export interface ErrorIds { traceId: string; correlationId: string; now: Date; publicUrl: string }

/** Send the app an error: `error` and an `error_description` in Entra's words, with the ids to quote to support. */
export function sendErrorToApp(reply: FastifyReply, target: ResponseTarget, err: StsError, ids: ErrorIds): FastifyReply {
  const description = `AADSTS${err.code}: ${err.description}\r\nTrace ID: ${ids.traceId}\r\nCorrelation ID: ${ids.correlationId}\r\nTimestamp: ${entraTimestamp(ids.now)}`;
  // Entra's redirect carries no error_codes, timestamp or suberror: those are the token endpoint's JSON fields.
  return sendToApp(reply, target, { error: err.error, error_description: description, error_uri: `${ids.publicUrl}/error?code=${err.code}` });
}
