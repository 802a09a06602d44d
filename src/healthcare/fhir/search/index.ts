/** FHIR search: the entry points the HTTP layer calls. */
export { searchBundle, findMatches } from './search.js';
export { applyElements, applySummary, SUBSETTED } from './elements.js';
export type { SearchRequest, MatchRequest, SearchBundle } from './types.js';
export type { SummaryMode } from './model.js';
