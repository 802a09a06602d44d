/**
 * The import worker: one step reads a page of lines of the current input, checks each line as a write of the
 * FHIR API would (a valid R4 resource, of the input's type), and in one transaction stores the good ones (as new
 * versions, through the repository, so history and search indexes follow), appends an OperationOutcome per bad
 * line to the input's error file, and advances the cursor. A restart therefore neither loses nor repeats a line.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../lib/clock.js';
import type { Database } from '../../../store/schema.js';
import type { Dialect } from '../../../store/store.js';
import type { BulkChunk, BulkJob } from '../bulk/jobs.js';
import type { BulkWorker } from '../bulk/runner.js';
import { asResource, isValidId, validateForWrite } from '../http/validate.js';
import { badRequest, FhirError, operationOutcome } from '../outcome.js';
import { KyselyFhirRepository } from '../storage/kysely-repository.js';
import { readLines, type InputPosition, type InputSource } from './inputs.js';
import type { ImportInput, ImportMode } from './kickoff.js';

export interface ImportRequest {
  mode: ImportMode;
  /** The service's base URL at kick-off (the repository's scope). */
  baseUrl: string;
  inputs: Array<ImportInput & { source: InputSource }>;
}

export interface InputResult { succeeded: number; failed: number }

export interface ImportCursor {
  inputIndex: number;
  position: InputPosition;
  /** Lines of the current input read so far (error outcomes name the line). */
  lineNo: number;
  partNo: number;
  results: InputResult[];
}

export type ImportJob = BulkJob<ImportRequest, ImportCursor>;

export const IMPORT_START: ImportCursor = { inputIndex: 0, position: { offset: 0, line: 0 }, lineNo: 0, partNo: 0, results: [] };

/** The type of an import's error files: one per input with failures, `OperationOutcome-{input number}.ndjson`. */
export const ERROR_TYPE = 'OperationOutcome';

export function importWorker(db: Kysely<Database>, dialect: Dialect, clock: Clock, options: { pageSize?: number } = {}): BulkWorker {
  const pageSize = options.pageSize ?? 200;
  return async (bulkJob, ctx) => {
    const job = bulkJob as ImportJob;
    const cursor: ImportCursor = { ...job.cursor, results: [...job.cursor.results] };
    const input = job.request.inputs[cursor.inputIndex];
    if (!input) {
      await ctx.complete();
      return false;
    }
    const page = await readLines(db, input.source, cursor.position, pageSize);
    const resources: Resource[] = [];
    const errors: string[] = [];
    page.lines.forEach((text, i) => {
      if (text.trim() === '') return;
      try {
        resources.push(checkLine(text, input.type));
      } catch (err) {
        errors.push(JSON.stringify(lineOutcome(cursor.lineNo + i + 1, err)));
      }
    });
    const result = cursor.results[cursor.inputIndex] ?? { succeeded: 0, failed: 0 };
    cursor.results[cursor.inputIndex] = { succeeded: result.succeeded + resources.length, failed: result.failed + errors.length };
    let chunk: BulkChunk | undefined;
    if (errors.length > 0) {
      chunk = { type: ERROR_TYPE, fileNo: cursor.inputIndex + 1, partNo: cursor.partNo, count: errors.length, content: `${errors.join('\n')}\n` };
      cursor.partNo += 1;
    }
    if (page.done) Object.assign(cursor, { inputIndex: cursor.inputIndex + 1, position: IMPORT_START.position, lineNo: 0 });
    else Object.assign(cursor, { position: page.next, lineNo: cursor.lineNo + page.lines.length });

    const scope = { tenantId: job.tenantId, serviceId: job.serviceId, baseUrl: job.request.baseUrl };
    return ctx.commit({
      cursor,
      ...(chunk ? { chunk } : {}),
      work: async (trx) => {
        const repo = new KyselyFhirRepository(trx, dialect, scope, clock, true);
        for (const resource of resources) {
          if (resource.id) await repo.update(resource);
          else await repo.create(resource);
        }
      },
    });
  };
}

/** A line as a resource to store, or the FhirError saying why not. */
function checkLine(text: string, type: string | undefined): Resource {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest('The line is not valid JSON.');
  }
  const resource = asResource(json);
  if (type && resource.resourceType !== type) {
    throw badRequest(`The resource type '${resource.resourceType}' does not match the input type '${type}'.`, ['resourceType']);
  }
  if (resource.id !== undefined && (typeof resource.id !== 'string' || !isValidId(resource.id))) {
    throw badRequest(`'${String(resource.id)}' is not a valid FHIR resource id.`, ['id']);
  }
  validateForWrite(resource);
  return resource;
}

function lineOutcome(lineNo: number, err: unknown) {
  const issues = err instanceof FhirError ? err.issues : [{ severity: 'error' as const, code: 'exception' as const, diagnostics: 'The line could not be processed.' }];
  return operationOutcome(issues.map((issue) => ({ ...issue, diagnostics: `Line ${lineNo}: ${issue.diagnostics ?? 'invalid resource'}` })));
}
