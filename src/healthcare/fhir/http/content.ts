/**
 * Content negotiation and serialisation: FHIR JSON only. Request bodies are limited to JSON media types by the
 * route plugin's parsers (anything else, XML included, is a 415 there); here the response format is settled
 * (`_format`, `Accept`), `_pretty` honoured, and `Prefer` read.
 */
import { FhirError } from '../outcome.js';
import { header, type FhirRequest } from './types.js';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json', 'text/json']);
const ACCEPTABLE = new Set(['application/fhir+json', 'application/json', 'text/json', 'application/*', '*/*', 'text/*']);

/** The parameters that shape the response, not the result: never passed on to search. */
export const FORMAT_PARAMS = new Set(['_format', '_pretty']);

/** 406 unless the client can take FHIR JSON (`_format` wins over `Accept`, as the specification says). */
export function checkResponseFormat(request: FhirRequest): void {
  for (const [name, value] of request.query) {
    if (name !== '_format') continue;
    const format = value.split(';')[0]!.trim().toLowerCase();
    if (!JSON_FORMATS.has(format)) throw notAcceptable(value);
    return;
  }
  const accept = header(request, 'accept');
  if (!accept) return;
  const ranges = accept.split(',').map((r) => r.split(';')[0]!.trim().toLowerCase()).filter(Boolean);
  if (ranges.length && !ranges.some((r) => ACCEPTABLE.has(r))) throw notAcceptable(accept);
}

function notAcceptable(format: string): FhirError {
  return new FhirError(406, 'not-supported', `The requested format '${format}' is not supported: this server speaks application/fhir+json only.`);
}

/** `_pretty=true` asks for indented JSON. */
export function wantsPretty(request: FhirRequest): boolean {
  for (const [name, value] of request.query) if (name === '_pretty') return value === 'true';
  return false;
}

/** The JSON text of a response body; a stored JSON string is sent as it is unless pretty-printing is asked for. */
export function serialize(body: unknown, pretty: boolean): string {
  if (typeof body === 'string') return pretty ? JSON.stringify(JSON.parse(body), null, 2) : body;
  return pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body);
}

export type ReturnPreference = 'minimal' | 'representation' | 'OperationOutcome';

export interface Preferences {
  /** Azure's default, and ours, is the representation. */
  return: ReturnPreference;
  /** `handling=strict`: unknown search parameters are an error. */
  strict: boolean;
}

/** The `Prefer` header (RFC 7240) as far as FHIR uses it. */
export function preferences(request: FhirRequest): Preferences {
  const prefs: Preferences = { return: 'representation', strict: false };
  const value = header(request, 'prefer');
  if (!value) return prefs;
  for (const part of value.split(/[,;]/)) {
    const [k, v] = part.split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
    if (k === 'return' && (v === 'minimal' || v === 'representation' || v === 'OperationOutcome')) prefs.return = v;
    if (k === 'handling') prefs.strict = v === 'strict';
  }
  return prefs;
}

/** Deeper than any R4 resource nests; deeper bodies would only exhaust the recursive validators. */
export const MAX_JSON_DEPTH = 128;

/** True when a parsed JSON value nests objects/arrays deeper than `max` (walked without recursion). */
export function tooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
