/** Who is calling, as proven by a verified access token. Shared by every resource server (Graph, FHIR). */
export interface Caller {
  tenantId: string;
  /** 'user' for delegated tokens (scp present), 'app' for app-only tokens. */
  kind: 'user' | 'app';
  /** Object id of the signed-in user, or of the client's service principal for app-only tokens. */
  oid: string;
  /** The client application (v1 `appid`, v2 `azp`). */
  appId: string;
  /** Delegated permissions (`scp`, space-separated in the token). */
  scopes: ReadonlySet<string>;
  /** App roles (`roles`): application permissions for app-only tokens, user-assigned roles otherwise. */
  roles: ReadonlySet<string>;
  /** The `aud` the token was issued for. */
  audience: string;
  version: '1.0' | '2.0';
  /** Unix seconds. */
  expiresAt: number;
  notBefore: number;
  /** Display name and sign-in name, when the token carries them (user tokens). */
  name?: string;
  username?: string;
  /** The verified claims, for anything not lifted into a field above. */
  claims: Readonly<Record<string, unknown>>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The caller described by verified claims, or undefined when a claim every Entra access token carries is missing
 * (tid, oid, a client id): such a token was not issued by our token service for a resource.
 */
export function callerFromClaims(claims: Record<string, unknown>, tenantId: string): Caller | undefined {
  const oid = str(claims.oid);
  const appId = str(claims.appid) ?? str(claims.azp);
  const audience = str(claims.aud);
  if (!oid || !appId || !audience || typeof claims.exp !== 'number') return undefined;
  const scp = str(claims.scp);
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  // Entra's rule: a token with scp was issued on behalf of a user. `idtyp` (optional claim) settles scp-less ones.
  const kind = scp !== undefined || claims.idtyp === 'user' ? 'user' : 'app';
  const caller: Caller = {
    tenantId,
    kind,
    oid: oid.toLowerCase(),
    appId: appId.toLowerCase(),
    scopes: new Set(scp ? scp.split(' ').filter(Boolean) : []),
    roles: new Set(roles),
    audience,
    version: claims.ver === '2.0' ? '2.0' : '1.0',
    expiresAt: claims.exp,
    notBefore: typeof claims.nbf === 'number' ? claims.nbf : typeof claims.iat === 'number' ? claims.iat : 0,
    claims: Object.freeze({ ...claims }),
  };
  const name = str(claims.name);
  const username = str(claims.preferred_username) ?? str(claims.upn) ?? str(claims.unique_name);
  if (name) caller.name = name;
  if (username) caller.username = username;
  return caller;
}
