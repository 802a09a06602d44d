/**
 * The STS route table: every path below `/{tenant}`, named once. Routes are registered from it and discovery
 * documents build their links from it, so the two cannot drift apart.
 */
export const STS_PATHS = {
  discoveryV2: '/v2.0/.well-known/openid-configuration',
  discoveryV1: '/.well-known/openid-configuration',
  keysV2: '/discovery/v2.0/keys',
  keysV1: '/discovery/keys',
  tokenV2: '/oauth2/v2.0/token',
  tokenV1: '/oauth2/token',
  authorizeV2: '/oauth2/v2.0/authorize',
  authorizeV1: '/oauth2/authorize',
  deviceCodeV2: '/oauth2/v2.0/devicecode',
  deviceCodeV1: '/oauth2/devicecode',
  logoutV2: '/oauth2/v2.0/logout',
  logoutV1: '/oauth2/logout',
  checkSessionV1: '/oauth2/checksession',
  userInfoV1: '/openid/userinfo',
  kerberos: '/kerberos',
  /** Only under `common`: MSAL.NET and others call it on the authority host. */
  instanceDiscovery: '/discovery/instance',
} as const;

export type StsPathName = keyof typeof STS_PATHS;

/** The absolute URL of a named STS path for a tenant segment (GUID, `common`, `organizations`, `{tenantid}`). */
export function stsUrl(publicUrl: string, tenantSegment: string, name: StsPathName): string {
  return `${publicUrl}/${tenantSegment}${STS_PATHS[name]}`;
}

/** The Fastify route pattern of a named STS path. */
export function routePattern(name: StsPathName): string {
  return `/:tenant${STS_PATHS[name]}`;
}

/** Issuers: v2 `{publicUrl}/{tid}/v2.0`, v1 `{publicUrl}/{tid}/` (trailing slash, as sts.windows.net's). */
export function issuerV2(publicUrl: string, tenantId: string): string {
  return `${publicUrl}/${tenantId}/v2.0`;
}

export function issuerV1(publicUrl: string, tenantId: string): string {
  return `${publicUrl}/${tenantId}/`;
}

// Any STS path, in any letter case, after the tenant segment. MSAL lowercases the whole authority, and people
// type mixed case; static parts are lowered here so the (case-sensitive) router matches.
const STATIC_PARTS = [...Object.values(STS_PATHS)].map((p) => p.replace(/\./g, '\\.')).join('|');
const STS_PATH = new RegExp(`^(/[^/?#]+)(${STATIC_PARTS})(?=$|\\?)`, 'i');

/**
 * Rewrite an incoming URL so that the static parts of STS paths are lowercase; the tenant segment and the query
 * are left alone (tenant lookup is case-insensitive itself). Other URLs are returned unchanged.
 */
export function canonicalStsUrl(url: string): string {
  const m = STS_PATH.exec(url);
  if (!m) return url;
  const lower = m[2]!.toLowerCase();
  return lower === m[2] ? url : m[1] + lower + url.slice(m[0].length);
}
