/**
 * The search index rows of one resource, before they get their service/type/id columns: what the indexer
 * produces and the index writer stores.
 */
export interface StringValue { param: string; value: string; exact: string }
export interface TokenValue { param: string; system: string; code: string; text: string }
export interface ReferenceValue {
  param: string; target_type: string; target_id: string; url: string; identifier_system: string; identifier_value: string;
}
export interface DateValue { param: string; low: string; high: string }
export interface NumberValue { param: string; value: number }
export interface QuantityValue { param: string; value: number; system: string; code: string; unit: string }
export interface UriValue { param: string; value: string }

export interface IndexRows {
  string: StringValue[];
  token: TokenValue[];
  reference: ReferenceValue[];
  date: DateValue[];
  number: NumberValue[];
  quantity: QuantityValue[];
  uri: UriValue[];
  /** Patient ids whose compartment holds the resource. */
  compartment: string[];
}

export function emptyIndexRows(): IndexRows {
  return { string: [], token: [], reference: [], date: [], number: [], quantity: [], uri: [], compartment: [] };
}

/**
 * Indexed text columns are cut to this many characters: PostgreSQL refuses B-tree entries above ~2.7 kB, and
 * nobody searches by a longer prefix. Search should cut query values the same way (clipIndexed).
 */
export const INDEXED_TEXT_MAX = 512;

/** Text for an indexed column: cut to INDEXED_TEXT_MAX, without NUL characters (PostgreSQL text refuses them). */
export function clipIndexed(s: string): string {
  const clean = s.includes('\u0000') ? s.replaceAll('\u0000', '') : s;
  return clean.length > INDEXED_TEXT_MAX ? clean.slice(0, INDEXED_TEXT_MAX) : clean;
}

/** Text for a column that is stored but not indexed (such as fhir_idx_string.exact): only NULs removed. */
export function storableText(s: string): string {
  return s.includes('\u0000') ? s.replaceAll('\u0000', '') : s;
}
