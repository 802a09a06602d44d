/** A FHIR search after parsing: what to match (filters), how to order and page it, and what to return. */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { IndexedType, ParamDef, TypeSet } from './parameters.js';
import type { DateValue, NumberValue, QuantityValue, ReferenceValue, TokenValue } from './values.js';

/**
 * One search parameter occurrence. Its values are OR-ed; repeated occurrences are separate filters, AND-ed.
 * Each filter applies to a "subject": the searched resources, or the targets of a chain, or the sources of `_has`.
 */
export type Filter =
  | { kind: 'id'; ids: string[]; negate: boolean }
  | { kind: 'lastUpdated'; values: DateValue[] }
  | { kind: 'missing'; def: ParamDef; missing: boolean }
  | { kind: 'string'; def: ParamDef; mode: 'start' | 'exact' | 'contains'; values: string[] }
  | { kind: 'token'; def: ParamDef; negate: boolean; values: TokenValue[] }
  | { kind: 'tokenText'; def: ParamDef; values: string[] }
  | { kind: 'reference'; def: ParamDef; values: ReferenceValue[] }
  | { kind: 'identifier'; def: ParamDef; values: TokenValue[] }
  | { kind: 'date'; def: ParamDef; values: DateValue[] }
  | { kind: 'number'; def: ParamDef; values: NumberValue[] }
  | { kind: 'quantity'; def: ParamDef; values: QuantityValue[] }
  | { kind: 'uri'; def: ParamDef; mode: 'exact' | 'below' | 'above'; values: string[] }
  /** `subject:Patient.name=x`: resources whose `def` reference points at a targetTypes resource matching next. */
  | { kind: 'chain'; def: ParamDef; targetTypes: readonly string[]; next: Filter }
  /** `_has:Observation:patient:code=x`: resources some sourceType resource points at (by refParam) and matches next. */
  | { kind: 'has'; sourceType: string; refParam: string; next: Filter }
  /** Not a parameter: the SMART patient restriction (resources in that Patient's compartment, itself included). */
  | { kind: 'compartment'; patientId: string };

export interface SortKey {
  code: string;
  /** `_id` and `_lastUpdated` sort on fhir_resources columns; the others on their index table. */
  on: 'id' | 'lastUpdated' | IndexedType;
  descending: boolean;
}

export interface IncludeSpec {
  /** The type whose reference parameter is followed (the searched type for _include, the other for _revinclude). */
  sourceType: string;
  /** The reference parameter's code, or '*' for every reference parameter of sourceType. */
  param: string;
  /** Only targets of this type (the third part, `Observation:subject:Patient`). */
  targetType?: string;
  iterate: boolean;
}

export type SummaryMode = 'true' | 'text' | 'data' | 'count' | 'false';
export type TotalMode = 'none' | 'estimate' | 'accurate';

export interface ParsedSearch {
  types: TypeSet;
  filters: Filter[];
  sort: SortKey[];
  count: number;
  total: TotalMode;
  summary?: SummaryMode;
  elements?: string[];
  includes: IncludeSpec[];
  revincludes: IncludeSpec[];
  /** The raw continuation token (`ct`), decoded by the pager. */
  cursor?: string;
  /** Ignored parameters (unknown or unsupported), reported in the bundle as an outcome entry. */
  warnings: OperationOutcomeIssue[];
}

export const DEFAULT_COUNT = 10;
export const MAX_COUNT = 1000;
