/**
 * Table types for Kysely. Portable across SQLite and PostgreSQL: times are ISO-8601 text, booleans are
 * integers 0/1, and the Graph-shaped remainder of an object is JSON text in `data`.
 */
export interface TenantRow { id: string; display_name: string; created_at: string; data: string }
export interface TenantDomainRow { name: string; tenant_id: string; is_default: number; is_initial: number; created_at: string }
export interface ApplicationRow {
  tenant_id: string; id: string; app_id: string; display_name: string; display_name_lower: string;
  created_at: string; data: string;
}
export interface ApplicationIdentifierUriRow { tenant_id: string; uri: string; application_id: string }
export interface ApplicationOwnerRow { tenant_id: string; application_id: string; principal_id: string }
export interface PasswordCredentialRow {
  tenant_id: string; application_id: string; key_id: string; display_name: string | null; hint: string;
  secret_hash: string; start_date_time: string; end_date_time: string; created_at: string;
}
/** A certificate credential: thumbprints are base64url (as `x5t` / `x5t#S256`), the certificate base64 DER. */
export interface KeyCredentialRow {
  tenant_id: string; application_id: string; key_id: string; display_name: string; custom_key_identifier: string;
  thumbprint_sha1: string; thumbprint_sha256: string; start_date_time: string; end_date_time: string; certificate: string;
  created_at: string;
}
/** `audiences` is a JSON array of strings. */
export interface FederatedIdentityCredentialRow {
  tenant_id: string; application_id: string; id: string; name: string; issuer: string; subject: string; audiences: string;
  description: string | null; created_at: string;
}
export interface ServicePrincipalRow {
  tenant_id: string; id: string; app_id: string; display_name: string; display_name_lower: string;
  created_at: string; data: string;
}
export interface UserRow {
  tenant_id: string; id: string; user_principal_name: string; display_name: string; display_name_lower: string;
  password_hash: string | null; account_enabled: number; created_at: string; data: string;
}
export interface GroupRow {
  tenant_id: string; id: string; display_name: string; display_name_lower: string; mail_nickname_lower: string;
  created_at: string; data: string;
}
/** A direct membership; `member_type` is 'User', 'Group' or 'ServicePrincipal'. */
export interface GroupMemberRow { tenant_id: string; group_id: string; member_id: string; member_type: string; created_at: string }
export interface DirectoryRoleAssignmentRow { tenant_id: string; id: string; principal_id: string; role_template_id: string; created_at: string }
export interface AppRoleAssignmentRow {
  tenant_id: string; id: string; principal_id: string; principal_type: string; principal_display_name: string;
  resource_id: string; app_role_id: string; created_at: string;
}
export interface OAuth2PermissionGrantRow {
  tenant_id: string; id: string; client_id: string; consent_type: string; principal_id: string | null;
  resource_id: string; scope: string; created_at: string;
}
export interface WorkspaceRow { tenant_id: string; id: string; name: string; created_at: string }
/** `path_segment` is `{workspace}-{service}`, the URL segment under /fhir/; unique across tenants (migration 011). */
export interface FhirServiceRow { tenant_id: string; id: string; workspace_id: string; name: string; path_segment: string; created_at: string }
export interface RoleAssignmentRow {
  tenant_id: string; id: string; principal_id: string; principal_type: string; role_definition_id: string;
  role_name: string; scope: string; created_at: string;
}
/** A refresh token, kept only as the SHA-256 (hex) of its opaque value. */
export interface AuthorizationCodeRow { code_hash: string; tenant_id: string; data: string; expires_at: string; redeemed_at: string | null; created_at: string }
export interface DeviceCodeRow {
  device_code_hash: string; user_code: string; tenant_id: string; data: string; status: string; user_id: string | null;
  auth_time: string | null; expires_at: string; created_at: string;
}
export interface RefreshTokenRow {
  tenant_id: string; token_hash: string; family_id: string; client_id: string; user_id: string; scope: string;
  resource: string; created_at: string; last_used_at: string; revoked_at: string | null;
  /** Migration 007; null on tokens issued before it. */
  client_type: string | null; family_started_at: string | null; auth_time: string | null; session_id: string | null;
}
/** A browser SSO session: the cookie's token is kept only as SHA-256 (`id_hash`); `sid` names it publicly. */
export interface SessionRow {
  id_hash: string; sid: string; tenant_id: string; user_id: string; auth_time: string; created_at: string; last_seen_at: string;
  expires_at: string; revoked_at: string | null;
}
export interface SigningKeyRow { kid: string; status: string; created_at: string; not_after: string; certificate: string; private_key: string }

/**
 * FHIR data (migration 009): not tenant tables; every row carries the FHIR service's id. `content` is the
 * resource's JSON (null for a deletion); `deleted` is 0/1; `method` is 'POST' | 'PUT' | 'PATCH' | 'DELETE'.
 */
export interface FhirResourceRow {
  service_id: string; resource_type: string; id: string; version_id: number; last_updated: string; deleted: number;
  content: string | null;
}
export interface FhirResourceHistoryRow extends FhirResourceRow { method: string }
/** Search index rows: only for the current, non-deleted version of a resource; `param` is the SearchParameter code. */
interface FhirIdxRow { service_id: string; resource_type: string; resource_id: string; param: string }
/** `value` normalised for matching (normalizeString), `exact` as written. */
export interface FhirIdxStringRow extends FhirIdxRow { value: string; exact: string }
/** '' where absent; `text` is the lower-cased display/text. */
export interface FhirIdxTokenRow extends FhirIdxRow { system: string; code: string; text: string }
export interface FhirIdxReferenceRow extends FhirIdxRow {
  target_type: string; target_id: string; url: string; identifier_system: string; identifier_value: string;
}
/** The instant range the value covers (ISO UTC with milliseconds). */
export interface FhirIdxDateRow extends FhirIdxRow { low: string; high: string }
export interface FhirIdxNumberRow extends FhirIdxRow { value: number }
export interface FhirIdxQuantityRow extends FhirIdxRow { value: number; system: string; code: string; unit: string }
export interface FhirIdxUriRow extends FhirIdxRow { value: string }
/** One row per Patient whose compartment holds the resource (a Patient is in its own). No `param`. */
export interface FhirIdxCompartmentRow { service_id: string; resource_type: string; resource_id: string; patient_id: string }

/**
 * A bulk $export or $import job (migration 010): `kind` export | import; `status` queued | running | completed |
 * failed | cancelled; `request` and `cursor` are JSON.
 */
export interface FhirBulkJobRow {
  id: string; tenant_id: string; service_id: string; kind: string; status: string; request_url: string; requested_by: string;
  transaction_time: string; request: string; cursor: string; error: string | null; lease_owner: string | null;
  lease_expires_at: string | null; created_at: string; updated_at: string; completed_at: string | null;
}
/** One chunk of a bulk job's NDJSON output; file `file_no` of `resource_type` is its chunks in `part_no` order. */
export interface FhirBulkOutputRow { job_id: string; resource_type: string; file_no: number; part_no: number; count: number; content: string }

export interface Database {
  tenants: TenantRow;
  tenant_domains: TenantDomainRow;
  applications: ApplicationRow;
  application_identifier_uris: ApplicationIdentifierUriRow;
  application_owners: ApplicationOwnerRow;
  password_credentials: PasswordCredentialRow;
  key_credentials: KeyCredentialRow;
  federated_identity_credentials: FederatedIdentityCredentialRow;
  service_principals: ServicePrincipalRow;
  users: UserRow;
  groups: GroupRow;
  group_members: GroupMemberRow;
  directory_role_assignments: DirectoryRoleAssignmentRow;
  app_role_assignments: AppRoleAssignmentRow;
  oauth2_permission_grants: OAuth2PermissionGrantRow;
  healthcare_workspaces: WorkspaceRow;
  fhir_services: FhirServiceRow;
  role_assignments: RoleAssignmentRow;
  signing_keys: SigningKeyRow;
  refresh_tokens: RefreshTokenRow;
  authorization_codes: AuthorizationCodeRow;
  device_codes: DeviceCodeRow;
  sessions: SessionRow;
  fhir_resources: FhirResourceRow;
  fhir_resource_history: FhirResourceHistoryRow;
  fhir_idx_string: FhirIdxStringRow;
  fhir_idx_token: FhirIdxTokenRow;
  fhir_idx_reference: FhirIdxReferenceRow;
  fhir_idx_date: FhirIdxDateRow;
  fhir_idx_number: FhirIdxNumberRow;
  fhir_idx_quantity: FhirIdxQuantityRow;
  fhir_idx_uri: FhirIdxUriRow;
  fhir_idx_compartment: FhirIdxCompartmentRow;
  fhir_bulk_jobs: FhirBulkJobRow;
  fhir_bulk_output: FhirBulkOutputRow;
}

/** Tables whose rows belong to one tenant; every read and write of them goes through a TenantScope. */
export type TenantTable = Exclude<keyof Database, 'tenants' | 'tenant_domains' | 'signing_keys' | FhirDataTable>;
/** The FHIR data tables (migration 009): scoped by service_id, not by tenant. */
export type FhirDataTable = 'fhir_resources' | 'fhir_resource_history' | `fhir_idx_${string}`;
