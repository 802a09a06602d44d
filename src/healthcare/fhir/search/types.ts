/** The search contract between the HTTP layer and fhir/search. */
import type { Bundle, Resource } from '@medplum/fhirtypes';

export interface SearchRequest {
  /** Undefined for a search across all types (`GET [base]?…`). */
  resourceType?: string;
  /** The query parameters in order, repeated names kept (`a=1&a=2` is AND; `a=1,2` is OR). */
  params: Array<[string, string]>;
  /** The URL the client called, for the Bundle's self link (absolute). */
  selfUrl: string;
  /** `Prefer: handling=strict`: unknown or unsupported parameters are an error instead of being ignored. */
  strict?: boolean;
  /** SMART limits: only resources in this Patient's compartment (plus the Patient itself), only these types. */
  restrict?: { patientId?: string; resourceTypes?: readonly string[] };
}

/** What conditional create/update/delete need: the ids matching a search, at most `limit` of them. */
export interface MatchRequest {
  resourceType: string;
  params: Array<[string, string]>;
  limit: number;
}

export type SearchBundle = Bundle<Resource>;
