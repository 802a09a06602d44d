/**
 * The STS error family: every AADSTS code the token service can answer with, its OAuth `error`, its HTTP status
 * and its message, in one table (as node-oidc-provider keeps its errors). Messages follow Entra's wording
 * (entra-protocol.md §5.2) with `{name}` placeholders; the serialised shape is §5.1.
 */
import { entraTimestamp } from '../lib/clock.js';

interface ErrorDef { error: string; status: number; message: string }

const d = (error: string, status: number, message: string): ErrorDef => ({ error, status, message });

const FIC_HINT = 'Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation';

/** Code → definition. A code not listed here cannot be thrown (StsError's constructor is keyed by this table). */
export const STS_ERRORS = {
  // Tenant, request shape
  90002: d('invalid_request', 400, "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant."),
  900144: d('invalid_request', 400, "The request body must contain the following parameter: '{name}'."),
  900561: d('invalid_request', 400, 'The endpoint only accepts POST, OPTIONS requests. Received a {method} request.'),
  9000411: d('invalid_request', 400, "The request is not properly formatted. The parameter '{name}' is duplicated."),
  90023: d('invalid_request', 400, 'Invalid request. {detail}'),
  90014: d('invalid_request', 400, "The required field '{name}' is missing from the request."),
  70003: d('unsupported_grant_type', 400, "The app requested an unsupported grant type '{grantType}'."),
  9001023: d('invalid_request', 400, "The grant type isn't supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint."),
  50049: d('invalid_instance', 400, 'Unknown or invalid instance.'),
  // Client authentication
  700016: d('unauthorized_client', 400, "Application with identifier '{appId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."),
  7000229: d('invalid_client', 400, 'The client application {appId} is missing service principal in the tenant {tenant}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119'),
  7000112: d('unauthorized_client', 400, "Application '{appId}'({name}) is disabled."),
  7000215: d('invalid_client', 401, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{appId}'."),
  7000222: d('invalid_client', 401, "The provided client secret keys for app '{appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds."),
  7000218: d('invalid_client', 401, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  700025: d('invalid_client', 401, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."),
  // Client assertions (certificates; entra-protocol.md §3.6). {summary}/{reason}/{found} come from client-certificate.ts.
  700027: d('invalid_client', 401, "{summary} [Reason - {reason}, Thumbprint of key used by client: '{thumbprint}'{found}, Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '{appId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/{appId}']"),
  700024: d('invalid_client', 401, 'Client assertion is not within its valid time range. Current time: {now}, assertion valid from {nbf}, expiry time of assertion {exp}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .'),
  700021: d('invalid_client', 401, "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials ."),
  700023: d('invalid_client', 401, 'Client assertion audience claim does not match Realm issuer. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .'),
  50048: d('invalid_client', 401, 'Subject must match the issuer claim in the client assertion.'),
  50027: d('invalid_request', 400, 'JWT token is invalid or malformed. {detail}'),
  5002727: d('invalid_request', 400, "Invalid JWT header type specified, must be 'JWT' or 'http://openid.net/specs/jwt/1.0'."),
  5002730: d('invalid_request', 400, 'Invalid JWT token. Unsupported key for the signing algorithm.'),
  // Federated identity credentials (workload identity federation; entra-protocol.md §1.6).
  700211: d('invalid_client', 401, `No matching federated identity record found for presented assertion issuer '{issuer}'. ${FIC_HINT}`),
  700212: d('invalid_client', 401, `No matching federated identity record found for presented assertion audience '{audience}'. ${FIC_HINT}`),
  700213: d('invalid_client', 401, `No matching federated identity record found for presented assertion subject '{subject}'. ${FIC_HINT}`),
  7002138: d('invalid_client', 401, `No matching federated identity record found for presented assertion subject '{subject}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. ${FIC_HINT}`),
  700222: d('invalid_client', 401, 'AAD-issued tokens may not be used for federated identity flows.'),
  50166: d('invalid_request', 400, 'Request to External OIDC endpoint failed.'),
  7000272: d('invalid_client', 401, "The certificate with identifier {kid} used to sign the federated credential could not be found in the metadata of identity provider {issuer}. Please validate that your Identity Provider's metadata exposes the key used to sign the incoming token."),
  // Scopes and resources
  1002012: d('invalid_scope', 400, 'The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).'),
  70011: d('invalid_scope', 400, "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope {scope} is not valid. {detail}"),
  28000: d('invalid_scope', 400, 'Provided value for the input parameter scope is not valid because it contains more than one resource. Scope {scope} is not valid.'),
  500011: d('invalid_resource', 400, 'The resource principal named {resource} was not found in the tenant named {tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.'),
  90009: d('invalid_request', 400, "Application '{appId}'({name}) is requesting a token for itself. This scenario is supported only if resource is specified using the GUID based App Identifier."),
  501051: d('invalid_grant', 400, "Application '{appId}'({name}) is not assigned to a role for the application '{resourceAppId}'({resourceName})."),
  65001: d('invalid_grant', 400, "The user or administrator has not consented to use the application with ID '{appId}' named '{name}'. Send an interactive authorization request for this user and resource."),
  // Users
  50126: d('invalid_grant', 400, 'Error validating credentials due to invalid username or password.'),
  50034: d('invalid_grant', 400, 'The user account {EUII Hidden} does not exist in the {tenant} directory. To sign into this application, the account must be added to the directory.'),
  50057: d('invalid_grant', 400, 'The user account is disabled.'),
  // Refresh tokens
  9002313: d('invalid_grant', 400, 'Invalid request. Request is malformed or invalid.'),
  // {param} names what was refused: "input parameter 'refresh_token' or 'assertion'", "'code' parameter", …
  70000: d('invalid_grant', 400, 'The provided value for the {param} is not valid. {detail}'),
  700082: d('invalid_grant', 400, 'The refresh token has expired due to inactivity. The token was issued on {issued} and was inactive for {inactive}.'),
  700084: d('invalid_grant', 400, 'The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on {issued}.'),
  50173: d('invalid_grant', 400, 'The provided grant has expired due to it being revoked, a fresh auth token is needed. {detail}'),
  50055: d('invalid_grant', 400, 'The password is expired.'),
  // Authorization codes, PKCE and cross-origin (SPA) redemption (entra-protocol.md §3.6)
  54005: d('invalid_grant', 400, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.'),
  70008: d('invalid_grant', 400, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.'),
  700005: d('invalid_grant', 400, 'Provided Authorization Code is intended to use against other tenant, thus rejected.'),
  500112: d('invalid_client', 400, "The reply address '{requested}' does not match the reply address '{original}' provided when requesting Authorization code."),
  50148: d('invalid_grant', 400, 'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.'),
  501481: d('invalid_grant', 400, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'),
  9002325: d('invalid_request', 400, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.'),
  9002326: d('invalid_request', 400, "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '{origin}'."),
  9002327: d('invalid_request', 400, "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests."),
  // Device code flow: the OAuth `error` is the device-flow value clients switch on (MSAL polls only on authorization_pending).
  70016: d('authorization_pending', 400, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.'),
  70018: d('bad_verification_code', 400, "The provided value for the input parameter 'device_code' is not valid."),
  70020: d('expired_token', 400, "The provided value for the input parameter 'device_code' is not valid. This device code has expired."),
  // On-behalf-of assertions
  50013: d('invalid_grant', 400, '{reason}'),
  500131: d('invalid_grant', 400, "Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '{audience}' and the expected audience is '{appId}' or one of the Application Id URIs of this application."),
  500133: d('invalid_grant', 400, 'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: {now}, expiry time of assertion {exp}.'),
  // The authorization endpoint and sign-in pages. Those about the client or its redirect URI are only ever shown
  // on the error page (a redirect to an unverified URI would make us an open redirector); the rest are redirected.
  50011: d('invalid_request', 400, "The redirect URI '{uri}' specified in the request does not match the redirect URIs configured for the application '{appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this."),
  500113: d('invalid_request', 400, 'No reply address is registered for the application.'),
  90102: d('invalid_request', 400, "'redirect_uri' value must be a valid absolute URI."),
  50194: d('invalid_request', 400, "Application '{appId}'({name}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant."),
  70005: d('unsupported_response_type', 400, "The application requested an unsupported response_type '{type}'."),
  700054: d('unsupported_response_type', 400, "response_type 'id_token' is not enabled for the application."),
  70007: d('invalid_request', 400, "The application requested an unsupported response_mode '{mode}'. {detail}"),
  50147: d('invalid_request', 400, "The code_challenge parameter is required: the redirect URI is registered for a single-page application, which must use Proof Key for Code Exchange."),
  501491: d('invalid_request', 400, 'Invalid size of Code_Challenge parameter.'),
  50149: d('invalid_request', 400, 'Invalid Code_Challenge_Method parameter.'),
  50058: d('login_required', 400, 'A silent sign-in request was sent but no user is signed in.'),
  16000: d('interaction_required', 400, 'Either multiple user identities are available for the current request or selected account is not supported for the scenario.'),
  65004: d('access_denied', 400, 'User declined to consent to access the app.'),
  90094: d('access_denied', 400, "Admin consent is required for the permissions requested by the application '{appId}'({name}). An administrator of the organization must grant them."),
  // Anything unexpected: never internals, never for a client mistake.
  50000: d('server_error', 500, 'There was an error issuing a token or an issue with our sign-in service.'),
} as const satisfies Record<number, ErrorDef>;

export type StsErrorCode = keyof typeof STS_ERRORS;

/** An error the STS answers with. The code picks status, OAuth error and message template from STS_ERRORS. */
export class StsError extends Error {
  readonly error: string;
  readonly status: number;
  readonly description: string;

  constructor(readonly code: StsErrorCode, args: Record<string, string> = {}, readonly suberror?: string, overrides: { error?: string; status?: number } = {}) {
    const def: ErrorDef = STS_ERRORS[code];
    const description = def.message.replace(/\{(\w+)\}/g, (m, k: string) => args[k] ?? (k === 'detail' ? '' : m)).trimEnd();
    super(`AADSTS${code}: ${description}`);
    this.name = 'StsError';
    this.error = overrides.error ?? def.error;
    this.status = overrides.status ?? def.status;
    this.description = description;
  }
}

/** What every error answer needs to know about its request. */
export interface ErrorContext { traceId: string; correlationId: string; now: Date; publicUrl: string }

/** The JSON body of an STS error (entra-protocol.md §5.1), keys in Entra's order. */
export function errorBody(err: StsError, ctx: ErrorContext): Record<string, unknown> {
  const timestamp = entraTimestamp(ctx.now);
  return {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.description}\r\nTrace ID: ${ctx.traceId}\r\nCorrelation ID: ${ctx.correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: ctx.traceId,
    correlation_id: ctx.correlationId,
    error_uri: `${ctx.publicUrl}/error?code=${err.code}`,
    ...(err.suberror ? { suberror: err.suberror } : {}),
  };
}
