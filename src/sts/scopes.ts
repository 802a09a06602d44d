/**
 * Parsing the `scope` parameter of delegated requests (entra-protocol.md §3.5): `{resource}/{permission}`,
 * a bare permission means Microsoft Graph, and the OpenID Connect scopes are handled apart from any resource.
 */
import { GRAPH_APP_ID } from '../directory/first-party.js';
import { StsError } from './errors.js';

export const OIDC_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'offline_access']);

/** A delegated request for one resource. */
export interface ScopeRequest {
  /** The resource identifier as requested (URI or appId); Graph's appId for bare permissions. */
  identifier: string;
  /** Prefix put back in front of granted permissions in the v2 `scope` answer ('' for bare permissions). */
  prefix: string;
  /** `.default` (everything granted) or named permissions; empty when only OIDC scopes were asked for. */
  permissions: 'default' | string[];
  oidc: Set<string>;
  /** The scope string in v2 notation, kept with a refresh token so a later refresh may repeat it. */
  text: string;
}

interface Item { resource: string | undefined; value: string }

function split(token: string): Item {
  const slash = token.lastIndexOf('/');
  // `https://host//.default` names the resource `https://host/`, so splitting at the LAST slash is right.
  return slash > 0 ? { resource: token.slice(0, slash), value: token.slice(slash + 1) } : { resource: undefined, value: token };
}

/** Parse a v2 `scope`. Scopes naming two resources → AADSTS28000; `.default` mixed with named ones → 70011. */
export function parseScope(scope: string): ScopeRequest {
  const tokens = scope.split(/\s+/).filter(Boolean);
  const oidc = new Set<string>();
  const items: Item[] = [];
  for (const token of tokens) {
    if (OIDC_SCOPES.has(token.toLowerCase())) oidc.add(token.toLowerCase());
    else items.push(split(token));
  }
  const resources = new Set(items.map((i) => (i.resource ?? GRAPH_APP_ID).toLowerCase().replace(/\/+$/, '')));
  if (resources.size > 1) throw new StsError(28000, { scope });
  const first = items[0];
  if (!first) return { identifier: GRAPH_APP_ID, prefix: '', permissions: [], oidc, text: tokens.join(' ') };
  const values = items.map((i) => i.value).filter(Boolean);
  const isDefault = values.includes('.default');
  if (isDefault && values.length > 1) {
    throw new StsError(70011, { scope, detail: "'.default' cannot be combined with other scopes of the same resource." });
  }
  if (values.length === 0) throw new StsError(70011, { scope });
  return {
    identifier: first.resource ?? GRAPH_APP_ID,
    prefix: first.resource === undefined ? '' : `${first.resource}/`,
    permissions: isDefault ? 'default' : [...new Set(values)],
    oidc,
    text: tokens.join(' '),
  };
}

/**
 * A scope string that may span resources, as /authorize accepts, cut to its OpenID Connect scopes and those of
 * its first resource: what Entra issues the token for when the token request names no scope.
 */
export function firstResourceScope(scope: string): string {
  const tokens = scope.split(/\s+/).filter(Boolean);
  const isOidc = (t: string) => OIDC_SCOPES.has(t.toLowerCase());
  const resourceOf = (t: string) => (split(t).resource ?? GRAPH_APP_ID).toLowerCase().replace(/\/+$/, '');
  const first = tokens.find((t) => !isOidc(t));
  if (first === undefined) return tokens.join(' ');
  return tokens.filter((t) => isOidc(t) || resourceOf(t) === resourceOf(first)).join(' ');
}

/** A v1 request: `resource=` means everything granted on it; `scope` may add OpenID Connect scopes. */
export function resourceRequest(resource: string, scope: string | undefined): ScopeRequest {
  const oidc = new Set((scope ?? '').split(/\s+/).map((s) => s.toLowerCase()).filter((s) => OIDC_SCOPES.has(s)));
  return { identifier: resource, prefix: `${resource}/`, permissions: 'default', oidc, text: [`${resource}/.default`, ...oidc].join(' ') };
}
