/** The search index tables: one per indexed SearchParameter type, and the Patient compartment's. */

/** The table holding each indexed type's values. */
export const INDEX_VALUE_TABLES = {
  string: 'fhir_idx_string',
  token: 'fhir_idx_token',
  reference: 'fhir_idx_reference',
  date: 'fhir_idx_date',
  number: 'fhir_idx_number',
  quantity: 'fhir_idx_quantity',
  uri: 'fhir_idx_uri',
} as const;

/** The SearchParameter types whose values the storage layer indexes, one table each. */
export type IndexedType = keyof typeof INDEX_VALUE_TABLES;

/** Every index table, compartment included. */
export const INDEX_TABLES = [...Object.values(INDEX_VALUE_TABLES), 'fhir_idx_compartment'] as const;
