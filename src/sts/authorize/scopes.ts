/**
 * The `scope` of an authorization request. Unlike a token request it may name several resources (the user
 * consents to all of them at once); the code is then redeemed for one resource at a time. OpenID Connect scopes
 * are delegated permissions of Microsoft Graph, consented like any other.
 */
import { GRAPH_APP_ID } from '../../directory/first-party.js';
import { StsError } from '../errors.js';
import { OIDC_SCOPES } from '../scopes.js';

export interface ResourceScopes {
  /** The resource as written (an identifier URI or appId; Graph's appId for bare permissions). */
  identifier: string;
  /** `.default` (the app's statically configured permissions) or named permission values. */
  permissions: 'default' | string[];
}

export interface AuthorizeScopes {
  /** Resources in the order first named; the first is the one the code is for (Entra's rule). */
  resources: ResourceScopes[];
  oidc: Set<string>;
}

function resourceKey(identifier: string): string {
  return identifier.toLowerCase().replace(/\/+$/, '');
}

/** Parse a v2 `scope`. `.default` mixed with named permissions of the same resource → AADSTS70011. */
export function parseAuthorizeScope(scope: string): AuthorizeScopes {
  const oidc = new Set<string>();
  const byResource = new Map<string, { identifier: string; values: string[] }>();
  for (const token of scope.split(/\s+/).filter(Boolean)) {
    if (OIDC_SCOPES.has(token.toLowerCase())) {
      oidc.add(token.toLowerCase());
      continue;
    }
    // `https://host//.default` names the resource `https://host/`, so the split is at the LAST slash.
    const slash = token.lastIndexOf('/');
    const identifier = slash > 0 ? token.slice(0, slash) : GRAPH_APP_ID;
    const value = slash > 0 ? token.slice(slash + 1) : token;
    if (!value) throw new StsError(70011, { scope, detail: `The scope '${token}' does not name a permission.` });
    const key = resourceKey(identifier === GRAPH_APP_ID ? GRAPH_APP_ID : identifier);
    const entry = byResource.get(key) ?? { identifier, values: [] };
    if (!entry.values.includes(value)) entry.values.push(value);
    byResource.set(key, entry);
  }
  const resources = [...byResource.values()].map(({ identifier, values }) => {
    const isDefault = values.includes('.default');
    if (isDefault && values.length > 1) {
      throw new StsError(70011, { scope, detail: "'.default' cannot be combined with other scopes of the same resource." });
    }
    return { identifier, permissions: isDefault ? 'default' as const : values };
  });
  return { resources, oidc };
}

/** A v1 request: `resource` (if any) means its statically configured permissions; `scope` may add OIDC scopes. */
export function v1AuthorizeScope(resource: string | undefined, scope: string | undefined): AuthorizeScopes {
  const oidc = new Set((scope ?? '').split(/\s+/).map((s) => s.toLowerCase()).filter((s) => OIDC_SCOPES.has(s)));
  // v1 sign-in always means OpenID Connect sign-in (the id_token and `openid` permission).
  oidc.add('openid');
  return { resources: resource ? [{ identifier: resource, permissions: 'default' }] : [], oidc };
}
