/**
 * The $import kick-off as Azure's FHIR service takes it: `POST [base]/$import` with `Prefer: respond-async` and a
 * Parameters body naming the NDJSON inputs (`input` parts `type` and `url`), `inputFormat` and `mode`. Anything
 * wrong is a 400 OperationOutcome before a job exists; the URLs themselves are checked in inputs.ts.
 */
import { isResourceType } from '../definitions.js';
import { badRequest } from '../outcome.js';

export type ImportMode = 'InitialLoad' | 'IncrementalLoad';

export interface ImportInput {
  /** The resource type every line must have, when given. */
  type?: string;
  url: string;
}

export interface ImportParameters { mode: ImportMode; inputs: ImportInput[] }

/** Azure's limit on files per import. */
export const MAX_INPUTS = 10_000;
const FORMATS = new Set(['application/fhir+ndjson', 'application/ndjson', 'ndjson']);

interface Parameter { name?: unknown; part?: unknown; [value: string]: unknown }

/** Check the headers and Parameters body of an $import kick-off. */
export function parseImport(headers: Readonly<Record<string, string | string[] | undefined>>, body: unknown): ImportParameters {
  const prefer = [headers['prefer'] ?? []].flat().flatMap((v) => v.split(/[,;]/)).map((v) => v.trim().toLowerCase());
  if (!prefer.includes('respond-async')) throw badRequest("The 'Prefer' header is required and must be 'respond-async'.");
  const parameters = body as { resourceType?: unknown; parameter?: unknown } | undefined;
  if (!parameters || typeof parameters !== 'object' || parameters.resourceType !== 'Parameters' || !Array.isArray(parameters.parameter)) {
    throw badRequest('The request body must be a Parameters resource.');
  }
  let mode: ImportMode = 'IncrementalLoad';
  const inputs: ImportInput[] = [];
  for (const [i, p] of (parameters.parameter as Parameter[]).entries()) {
    const at = `Parameters.parameter[${i}]`;
    if (!p || typeof p !== 'object') throw badRequest('Each parameter must be an object.', [at]);
    if (p.name === 'inputFormat') {
      if (!FORMATS.has(String(value(p)).toLowerCase())) throw badRequest("The inputFormat must be 'application/fhir+ndjson'.", [at]);
    } else if (p.name === 'mode') {
      const m = value(p);
      if (m !== 'InitialLoad' && m !== 'IncrementalLoad') throw badRequest("The mode must be 'InitialLoad' or 'IncrementalLoad'.", [at]);
      mode = m;
    } else if (p.name === 'input') {
      inputs.push(input(p, at));
    }
    // storageDetail and anything else Azure takes (the storage account is ours) are accepted and ignored.
  }
  if (inputs.length === 0) throw badRequest('At least one input (with a url) is required.', ['Parameters.parameter']);
  if (inputs.length > MAX_INPUTS) throw badRequest(`At most ${MAX_INPUTS} inputs may be imported at once.`, ['Parameters.parameter']);
  return { mode, inputs };
}

function input(p: Parameter, at: string): ImportInput {
  const parts = Array.isArray(p.part) ? (p.part as Parameter[]) : [];
  const type = parts.find((q) => q?.name === 'type');
  const url = parts.find((q) => q?.name === 'url');
  const urlValue = url ? value(url) : undefined;
  if (typeof urlValue !== 'string' || urlValue === '') throw badRequest('Each input needs a url.', [`${at}.part`]);
  if (!type) return { url: urlValue };
  const typeValue = value(type);
  if (typeof typeValue !== 'string' || !isResourceType(typeValue)) {
    throw badRequest(`The input type '${String(typeValue)}' is not a FHIR R4 resource type.`, [`${at}.part`]);
  }
  return { type: typeValue, url: urlValue };
}

/** The value[x] of a parameter (string-like types only: that is all $import takes). */
function value(p: Parameter): unknown {
  return p.valueString ?? p.valueUri ?? p.valueUrl ?? p.valueCode ?? p.valueCanonical;
}
