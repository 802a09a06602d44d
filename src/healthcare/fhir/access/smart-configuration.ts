/**
 * `GET {fhirUrl}/.well-known/smart-configuration` (SMART App Launch 2.x, "Conformance"): where a SMART client
 * signs in for this service. The authorization server is the service's tenant on our token service (v2), so the
 * links come from the STS route table. Served without a token.
 */
import { HEALTHCARE_APP_ID, firstPartyApp } from '../../../directory/first-party.js';
import type { Services } from '../../../services.js';
import { issuerV2, stsUrl } from '../../../sts/route-table.js';

const CAPABILITIES = [
  'launch-standalone', 'client-public', 'client-confidential-symmetric', 'client-confidential-asymmetric',
  'context-standalone-patient', 'permission-offline', 'permission-patient', 'permission-user', 'permission-v1', 'permission-v2',
  'sso-openid-connect',
];

/**
 * The SMART configuration of a FHIR service. Scopes are listed as a client asks our token service for them: the
 * Healthcare APIs app's permission values (`patient.Observation.read`; prefix them with the service URL, as
 * `{url}/patient.Observation.read`) besides the OpenID Connect ones.
 */
export function smartConfiguration(services: Services, service: { tenantId: string; url: string }): Record<string, unknown> {
  const publicUrl = services.publicUrl().replace(/\/+$/, '');
  const app = firstPartyApp(HEALTHCARE_APP_ID);
  const permissions = (app?.oauth2PermissionScopes ?? []).map((s) => s.value).filter((v) => v !== 'user_impersonation');
  return {
    issuer: issuerV2(publicUrl, service.tenantId),
    jwks_uri: stsUrl(publicUrl, service.tenantId, 'keysV2'),
    authorization_endpoint: stsUrl(publicUrl, service.tenantId, 'authorizeV2'),
    token_endpoint: stsUrl(publicUrl, service.tenantId, 'tokenV2'),
    grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'profile', 'offline_access', ...permissions],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: CAPABILITIES,
  };
}
