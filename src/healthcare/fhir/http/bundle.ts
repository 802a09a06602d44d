/**
 * batch and transaction (`POST [base]` with a Bundle). A batch runs each entry on its own and reports each
 * outcome; a transaction runs all of them in one database transaction, in FHIR's order (DELETE, POST,
 * PUT/PATCH, GET), with placeholder fullUrls and conditional references resolved, and fails as a whole with
 * the first failing entry's OperationOutcome.
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { isResourceType } from '../definitions.js';
import { badRequest, FhirError, preconditionFailed } from '../outcome.js';
import { findMatches } from '../search/index.js';
import { asBatchOrTransaction, errorEntry, planEntry, responseEntry, type EntryPlan } from './bundle-entries.js';
import { isPlaceholder, resolveConditionalReferences, rewriteReferences } from './bundle-references.js';
import { parseCriteria } from './conditional.js';
import { versionBody, writeResponse } from './respond.js';
import { header, type FhirCall, type FhirResponse } from './types.js';
import { checkWrite } from './validate.js';
import { versionHeaders } from './versioning.js';
import { requireOnVersion, withoutId } from './write-steps.js';

export type Dispatch = (call: FhirCall) => Promise<FhirResponse>;
/** Where an unexpected failure of a batch entry is reported (the entry itself says only that it failed). */
export type ReportError = (err: unknown) => void;

/** Azure's limit on the entries of one bundle. */
export const MAX_BUNDLE_ENTRIES = 500;

const ORDER: Record<string, number> = { DELETE: 0, POST: 1, PUT: 2, PATCH: 2, GET: 3, HEAD: 3 };

export async function processBundle(call: FhirCall, dispatch: Dispatch, report: ReportError = () => {}): Promise<FhirResponse> {
  const bundle = asBatchOrTransaction(call.request.body);
  const entries = bundle.entry ?? [];
  if (entries.length > MAX_BUNDLE_ENTRIES) {
    throw new FhirError(413, 'too-costly', `A bundle may have at most ${MAX_BUNDLE_ENTRIES} entries; this one has ${entries.length}.`);
  }
  return bundle.type === 'batch' ? batch(call, entries, dispatch, report) : transaction(call, entries, dispatch);
}

async function batch(call: FhirCall, entries: BundleEntry[], dispatch: Dispatch, report: ReportError): Promise<FhirResponse> {
  const results: BundleEntry[] = [];
  for (const [index, entry] of entries.entries()) {
    try {
      const plan = planEntry(entry, index, call.service.url, call.request);
      if (plan.request.body && isResource(plan.request.body)) plan.request.body = await resolveConditionalReferences(call.repo, plan.request.body);
      results.push(responseEntry(await dispatch({ ...call, request: plan.request }), call.service.url));
    } catch (err) {
      if (err instanceof FhirError) {
        results.push(errorEntry(err));
      } else {
        report(err);
        results.push(errorEntry(new FhirError(500, 'exception', 'An internal error occurred.')));
      }
    }
  }
  return { status: 200, body: responseBundle('batch-response', results) };
}

async function transaction(call: FhirCall, entries: BundleEntry[], dispatch: Dispatch): Promise<FhirResponse> {
  const plans = entries.map((entry, index) => planEntry(entry, index, call.service.url, call.request));
  checkDistinctTargets(plans);
  const results = await call.repo.transaction(async (repo) => {
    const tx: FhirCall = { ...call, repo };
    const creates = await planCreates(tx, plans);
    const references = new Map<string, string>();
    for (const plan of plans) {
      const created = creates.get(plan.index);
      if (created && isPlaceholder(plan.fullUrl)) references.set(plan.fullUrl, `${plan.type}/${created.id}`);
      else if (isPlaceholder(plan.fullUrl) && plan.request.method === 'PUT' && /^[A-Za-z]+\/[^/]+$/.test(plan.request.path)) {
        references.set(plan.fullUrl, plan.request.path);
      }
    }
    const out = new Array<BundleEntry>(plans.length);
    const ordered = [...plans].sort((a, b) => ORDER[a.request.method]! - ORDER[b.request.method]! || a.index - b.index);
    for (const plan of ordered) {
      try {
        if (isResource(plan.request.body)) {
          plan.request.body = await resolveConditionalReferences(repo, rewriteReferences(plan.request.body, references));
        }
        const created = creates.get(plan.index);
        const res = created ? await runCreate(tx, plan, created) : await dispatch({ ...tx, request: plan.request });
        out[plan.index] = responseEntry(res, call.service.url);
      } catch (err) {
        if (err instanceof FhirError) throw failedEntry(err, plan);
        throw err;
      }
    }
    return out;
  });
  return { status: 200, body: responseBundle('transaction-response', results) };
}

/** What each POST entry will do, settled before anything runs so that every placeholder has its id. */
interface PlannedCreate { id: string; existing: boolean }

async function planCreates(call: FhirCall, plans: EntryPlan[]): Promise<Map<number, PlannedCreate>> {
  const creates = new Map<number, PlannedCreate>();
  for (const plan of plans) {
    if (plan.request.method !== 'POST' || plan.request.path.includes('/') || !plan.type || !isResourceType(plan.type)) continue;
    const ifNoneExist = header(plan.request, 'if-none-exist');
    if (ifNoneExist === undefined) {
      creates.set(plan.index, { id: randomUUID(), existing: false });
      continue;
    }
    const ids = await findMatches(call.repo, { resourceType: plan.type, params: parseCriteria(ifNoneExist), limit: 2 });
    if (ids.length > 1) {
      throw failedEntry(preconditionFailed(`If-None-Exist matched more than one ${plan.type}; it must match at most one.`), plan);
    }
    creates.set(plan.index, ids.length === 1 ? { id: ids[0]!, existing: true } : { id: randomUUID(), existing: false });
  }
  return creates;
}

/** A POST entry with the id planned for it, or the existing resource its If-None-Exist matched. */
async function runCreate(call: FhirCall, plan: EntryPlan, planned: PlannedCreate): Promise<FhirResponse> {
  const type = plan.type!;
  if (planned.existing) {
    const v = await call.repo.read(type, planned.id);
    if (!v || v.deleted) throw preconditionFailed(`The ${type} that If-None-Exist matched is gone.`);
    requireOnVersion(call, 'read', v);
    return { status: 200, headers: versionHeaders(v, call.service.url), body: versionBody(v) };
  }
  call.access.require(call.principal, 'create', { resourceType: type });
  const body = plan.request.body;
  const resource = checkWrite(isResource(body) ? { ...withoutId(body), id: planned.id } : body, type);
  call.access.require(call.principal, 'create', { resourceType: type, resource });
  const v = await call.repo.create(resource, 'POST');
  return writeResponse({ ...call, request: plan.request }, 201, v, `Created ${type}/${v.id}.`);
}

/** FHIR: a transaction must not touch the same resource twice. */
function checkDistinctTargets(plans: EntryPlan[]): void {
  const seen = new Set<string>();
  for (const plan of plans) {
    if (!['PUT', 'PATCH', 'DELETE'].includes(plan.request.method) || plan.request.query.length) continue;
    if (seen.has(plan.request.path)) {
      throw badRequest(`The transaction changes ${plan.request.path} more than once.`, [`Bundle.entry[${plan.index}].request.url`]);
    }
    seen.add(plan.request.path);
  }
}

/** The failing entry's error, saying which entry it was; a transaction answers with it as a whole. */
function failedEntry(err: FhirError, plan: EntryPlan): FhirError {
  const failed = FhirError.withIssues(err.status, [
    ...err.issues,
    { severity: 'error', code: 'processing', diagnostics: `Transaction failed on entry ${plan.index} (${plan.request.method} ${plan.request.path}); nothing was written.` },
  ]);
  Object.assign(failed.headers, err.headers);
  return failed;
}

function responseBundle(type: 'batch-response' | 'transaction-response', entry: BundleEntry[]): Bundle {
  return { resourceType: 'Bundle', id: randomUUID(), type, entry };
}

function isResource(v: unknown): v is Resource {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Resource).resourceType === 'string';
}

