/**
 * The $export kick-off request, checked as the Bulk Data Access IG and Azure's FHIR service check it: the
 * asynchronous pattern's headers, then `_type`, `_since` and `_outputFormat`. Anything wrong is a 400
 * OperationOutcome before a job exists.
 */
import { isResourceType } from '../definitions.js';
import { badRequest, FhirError } from '../outcome.js';

export interface ExportParameters {
  types?: string[];
  /** ISO-8601 UTC instant with milliseconds. */
  since?: string;
}

const OUTPUT_FORMATS = new Set(['application/fhir+ndjson', 'application/ndjson', 'ndjson']);
/** Accepted and ignored: Azure's storage container name (our files are served by the service itself). */
const IGNORED = new Set(['_container', '_outputFormat', '_type', '_since']);
const INSTANT = /^(\d{4})(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** Check the headers and parameters of a kick-off; `params` in query order, repeats kept. */
export function parseKickoff(headers: { accept?: string | string[]; prefer?: string | string[] }, params: Array<[string, string]>): ExportParameters {
  const accept = headerList(headers.accept);
  if (!accept.some((v) => v === 'application/fhir+json')) {
    throw badRequest("The 'Accept' header is required and must be 'application/fhir+json'.");
  }
  const prefer = headerList(headers.prefer);
  if (!prefer.includes('respond-async')) throw badRequest("The 'Prefer' header is required and must be 'respond-async'.");
  const strict = prefer.includes('handling=strict');

  const result: ExportParameters = {};
  for (const [name, value] of params) {
    if (name === '_type') {
      const types = value.split(',').map((t) => t.trim()).filter(Boolean);
      const unknown = types.filter((t) => !isResourceType(t));
      if (unknown.length) throw badRequest(`The resource type(s) '${unknown.join(', ')}' in _type are not supported.`, ['_type']);
      result.types = [...new Set([...(result.types ?? []), ...types])];
    } else if (name === '_since') {
      result.since = instant(value);
    } else if (name === '_outputFormat') {
      if (!OUTPUT_FORMATS.has(value.toLowerCase())) {
        throw badRequest(`The output format '${value}' is not supported; use 'application/fhir+ndjson'.`, ['_outputFormat']);
      }
    } else if (!IGNORED.has(name) && strict) {
      throw new FhirError(400, 'not-supported', `The parameter '${name}' is not supported for $export.`, [name]);
    }
  }
  return result;
}

/** Header values as tokens: split on commas and semicolons, lower-cased, whitespace dropped. */
function headerList(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap((v) => v.split(/[,;]/)).map((v) => v.replace(/\s+/g, '').toLowerCase()).filter(Boolean);
}

/** A FHIR instant or partial date as an ISO UTC instant (the start of the period it names; no zone is UTC). */
function instant(value: string): string {
  const m = INSTANT.exec(value.trim());
  const invalid = () => badRequest(`The _since value '${value}' is not a valid instant.`, ['_since']);
  if (!m) throw invalid();
  let text = value.trim();
  if (!m[2]) text += '-01-01';
  else if (!m[3]) text += '-01';
  if (!m[4]) text += 'T00:00:00';
  else if (!m[5]) text = text.replace(/(T\d{2}:\d{2})/, '$1:00');
  if (!m[7]) text += 'Z';
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() !== Number(m[1])) throw invalid();
  return date.toISOString();
}
