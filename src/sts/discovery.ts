/**
 * OpenID discovery documents, v2 and v1 (entra-protocol.md §3.2), keys in Entra's order. Every link comes from
 * the route table. A tenant named by domain gets GUID links; common/organizations keep their alias and get the
 * templated issuer `{publicUrl}/{tenantid}/...`.
 */
import { issuerV1, issuerV2, stsUrl } from './route-table.js';
import type { TenantRef } from './tenant.js';

const CLAIMS_V2 = ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host',
  'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'];
const CLAIMS_V1 = ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host',
  'aud', 'exp', 'iat', 'auth_time', 'acr', 'amr', 'nonce', 'email', 'given_name', 'family_name', 'nickname'];
const AUTH_METHODS = ['client_secret_post', 'private_key_jwt', 'client_secret_basic'];
const RESPONSE_MODES = ['query', 'fragment', 'form_post'];

function names(ref: TenantRef): { segment: string; issuerTenant: string; region: string | null } {
  return ref.kind === 'tenant'
    ? { segment: ref.tenant.id, issuerTenant: ref.tenant.id, region: 'WW' }
    : { segment: ref.kind, issuerTenant: '{tenantid}', region: null };
}

/** Host-level fields both versions end with. Graph is served here, so msgraph_host names this host. */
function cloudFields(publicUrl: string, region: string | null): Record<string, unknown> {
  return {
    tenant_region_scope: region,
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: new URL(publicUrl).host,
    rbac_url: 'https://pas.windows.net',
  };
}

export function openIdConfigurationV2(publicUrl: string, ref: TenantRef): Record<string, unknown> {
  const { segment, issuerTenant, region } = names(ref);
  return {
    token_endpoint: stsUrl(publicUrl, segment, 'tokenV2'),
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    jwks_uri: stsUrl(publicUrl, segment, 'keysV2'),
    response_modes_supported: RESPONSE_MODES,
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: issuerV2(publicUrl, issuerTenant),
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${publicUrl}/oidc/userinfo`,
    authorization_endpoint: stsUrl(publicUrl, segment, 'authorizeV2'),
    device_authorization_endpoint: stsUrl(publicUrl, segment, 'deviceCodeV2'),
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: stsUrl(publicUrl, segment, 'logoutV2'),
    claims_supported: CLAIMS_V2,
    kerberos_endpoint: stsUrl(publicUrl, segment, 'kerberos'),
    ...cloudFields(publicUrl, region),
  };
}

export function openIdConfigurationV1(publicUrl: string, ref: TenantRef): Record<string, unknown> {
  const { segment, issuerTenant, region } = names(ref);
  return {
    authorization_endpoint: stsUrl(publicUrl, segment, 'authorizeV1'),
    token_endpoint: stsUrl(publicUrl, segment, 'tokenV1'),
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    // v1 metadata points at the common key set, as Entra's does.
    jwks_uri: stsUrl(publicUrl, 'common', 'keysV1'),
    response_modes_supported: RESPONSE_MODES,
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: stsUrl(publicUrl, segment, 'logoutV1'),
    response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
    scopes_supported: ['openid'],
    issuer: issuerV1(publicUrl, issuerTenant),
    claims_supported: CLAIMS_V1,
    microsoft_multi_refresh_token: true,
    check_session_iframe: stsUrl(publicUrl, segment, 'checkSessionV1'),
    userinfo_endpoint: stsUrl(publicUrl, segment, 'userInfoV1'),
    kerberos_endpoint: stsUrl(publicUrl, segment, 'kerberos'),
    ...cloudFields(publicUrl, region),
  };
}

/** Instance discovery (§3.4): this host is its own only alias. */
export function instanceDiscovery(publicUrl: string, authorizationEndpoint: string): Record<string, unknown> | undefined {
  let url: URL;
  try {
    url = new URL(authorizationEndpoint);
  } catch {
    return undefined;
  }
  const host = new URL(publicUrl).host;
  if (url.host.toLowerCase() !== host.toLowerCase()) return undefined;
  const tenant = url.pathname.split('/')[1] || 'common';
  return {
    tenant_discovery_endpoint: stsUrl(publicUrl, tenant, 'discoveryV2'),
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}
