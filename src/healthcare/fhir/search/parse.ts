/**
 * A search request's parameters into a ParsedSearch: the result parameters (`_count`, `_sort`, `_total`,
 * `_summary`, `_elements`, `_include`, `_revinclude`, `ct`) and a Filter for each search parameter.
 * Unknown parameters become warnings, or a 400 under `Prefer: handling=strict`.
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { fhirDefinitions, isResourceType } from '../definitions.js';
import { badRequest } from '../outcome.js';
import { mergeDateRanges } from './date-range.js';
import { parseIncludes } from './parse-include.js';
import { parseFilter } from './parse-filter.js';
import {
  DEFAULT_COUNT, MAX_COUNT, type Filter, type ParsedSearch, type SortKey, type SummaryMode, type TotalMode,
} from './model.js';
import { isIndexed, paramFor, type TypeSet } from './parameters.js';

export interface ParseOptions {
  /** Undefined for a system-level search. */
  resourceType?: string;
  baseUrl: string;
  strict: boolean;
}

/** Parameters that only shape the HTTP response and that search itself has no use for. */
const IGNORED = new Set(['_format', '_pretty']);
const RESULT_PARAMS = new Set(['_count', '_sort', '_total', '_summary', '_elements', 'ct', '_type']);

export function parseSearch(params: ReadonlyArray<readonly [string, string]>, options: ParseOptions): ParsedSearch {
  const warnings: OperationOutcomeIssue[] = [];
  const ignore = (diagnostics: string, name: string) => {
    if (options.strict) throw badRequest(diagnostics.replace(/; it was ignored\.$/, '.'), [name]);
    warnings.push({ severity: 'warning', code: 'not-supported', diagnostics, expression: [name] });
  };

  const types = searchedTypes(params, options.resourceType, ignore);
  const parsed: ParsedSearch = { types, filters: [], sort: [], count: DEFAULT_COUNT, total: 'none', includes: [], revincludes: [], warnings };
  const includeParams: Array<[string, string]> = [];

  for (const [name, value] of params) {
    if (IGNORED.has(name)) continue;
    if (RESULT_PARAMS.has(name)) {
      applyResultParam(parsed, name, value, ignore);
    } else if (/^_(rev)?include(:(iterate|recurse))?$/.test(name)) {
      includeParams.push([name, value]);
    } else {
      const filter = parseFilter(types, name, value, options.baseUrl);
      if (filter && 'unknown' in filter) ignore(filter.unknown, name);
      else if (filter) parsed.filters.push(filter as Filter);
    }
  }
  parsed.filters = mergeDateRanges(parsed.filters);
  const includes = parseIncludes(types, includeParams, ignore);
  parsed.includes = includes.includes;
  parsed.revincludes = includes.revincludes;
  return parsed;
}

function applyResultParam(parsed: ParsedSearch, name: string, value: string, ignore: (d: string, n: string) => void): void {
  switch (name) {
    case '_count': {
      if (!/^\d+$/.test(value)) throw badRequest(`The value '${value}' of '_count' is not a non-negative integer.`, ['_count']);
      parsed.count = Math.min(Number(value), MAX_COUNT);
      return;
    }
    case '_total':
      if (!['none', 'estimate', 'accurate'].includes(value)) throw badRequest(`The value '${value}' of '_total' is not none, estimate or accurate.`, ['_total']);
      parsed.total = value as TotalMode;
      return;
    case '_summary':
      if (!['true', 'text', 'data', 'count', 'false'].includes(value)) throw badRequest(`The value '${value}' of '_summary' is not supported.`, ['_summary']);
      parsed.summary = value as SummaryMode;
      return;
    case '_elements':
      parsed.elements = [...(parsed.elements ?? []), ...value.split(',').map((e) => e.trim()).filter(Boolean)];
      return;
    case '_sort':
      for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
        const key = sortKey(parsed.types, item);
        if (key) parsed.sort.push(key);
        else ignore(`Sorting by '${item}' is not supported; it was ignored.`, '_sort');
      }
      return;
    case 'ct':
      parsed.cursor = value;
      return;
    default: // _type: read before the loop
  }
}

function sortKey(types: TypeSet, item: string): SortKey | undefined {
  const descending = item.startsWith('-');
  const code = descending ? item.slice(1) : item;
  if (code === '_id') return { code, on: 'id', descending };
  if (code === '_lastUpdated') return { code, on: 'lastUpdated', descending };
  const def = paramFor(types, code);
  if (!def || !isIndexed(def.type) || def.type === 'reference') return undefined;
  return { code, on: def.type, descending };
}

/** The type-level search's type, or `_type`'s list (all types when absent) at system level. */
function searchedTypes(
  params: ReadonlyArray<readonly [string, string]>, resourceType: string | undefined, ignore: (d: string, n: string) => void,
): TypeSet {
  const listed = params.filter(([name]) => name === '_type').flatMap(([, v]) => v.split(',')).map((t) => t.trim()).filter(Boolean);
  if (resourceType) {
    if (listed.length) ignore("'_type' applies only to a search across all types; it was ignored.", '_type');
    return [resourceType];
  }
  if (listed.length === 0) return 'all';
  for (const type of listed) {
    if (!isResourceType(type)) throw badRequest(`'${type}' in '_type' is not a resource type.`, ['_type']);
  }
  const unique = [...new Set(listed)];
  return unique.length === fhirDefinitions().resourceTypes.length ? 'all' : unique;
}
