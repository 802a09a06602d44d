/**
 * Bulk $import over HTTP, as Azure's FHIR service takes it: `POST [base]/$import` with a Parameters body, then
 * polling and cancelling at `{base}/_operations/import/{jobId}`, and each input's error OperationOutcomes as
 * NDJSON beside it. Every route needs the `import` data action (FHIR Data Importer, Contributor), and a job is
 * visible only to the caller who started it.
 */
import type { FastifyInstance } from 'fastify';
import { fileUrl } from '../bulk/files.js';
import { authorize, fileRoute, handle, type BulkContext } from '../bulk/http.js';
import { jobStatusRoutes, startJob } from '../bulk/job-routes.js';
import { resolveInput } from './inputs.js';
import { parseImport } from './kickoff.js';
import { ERROR_TYPE, IMPORT_START, type ImportCursor, type ImportJob, type ImportRequest } from './step.js';

/** Mount the import routes on an app (or plugin) whose prefix is `/fhir/:service`; `importDir` holds `file:` inputs. */
export function importRoutes(app: FastifyInstance, ctx: BulkContext, importDir?: string): void {
  const { deps, jobs } = ctx;

  app.post('/$import', handle(async (request, reply) => {
    const authorized = await authorize(deps, request, 'import');
    const { service, requestedBy } = authorized;
    const params = parseImport(request.headers, request.body);
    const resolve = { jobs, service, requestedBy, fhirServiceByPath: deps.fhirServiceByPath, ...(importDir ? { importDir } : {}) };
    const inputs: ImportRequest['inputs'] = [];
    for (const input of params.inputs) inputs.push({ ...input, source: await resolveInput(input.url, resolve) });
    return startJob<ImportRequest, ImportCursor>(ctx, 'import', authorized, request, reply, {
      request: { mode: params.mode, baseUrl: service.url, inputs }, cursor: IMPORT_START,
    });
  }));

  jobStatusRoutes<ImportRequest, ImportCursor>(app, ctx, 'import', {
    completed: (job, service) => importResult(job, service.url),
    progress: importProgress,
  });
  fileRoute(app, ctx, 'import');
}

/** The X-Progress of a queued or running import. */
function importProgress(job: ImportJob): string {
  if (job.status === 'queued') return 'Queued';
  const done = job.cursor.results.reduce((n, r) => n + r.succeeded + r.failed, 0);
  return `In progress: input ${Math.min(job.cursor.inputIndex + 1, job.request.inputs.length)} of ${job.request.inputs.length}, ${done} resources processed`;
}

/** What a completed import answers: per input, the resources stored and (when some failed) their error file. */
function importResult(job: ImportJob, baseUrl: string) {
  const { inputs } = job.request;
  const typeOf = (input: ImportRequest['inputs'][number]) => input.type ?? (input.source.kind === 'export' ? input.source.type : undefined);
  return {
    transactionTime: job.transactionTime,
    request: job.requestUrl,
    output: inputs.map((input, i) => ({ ...(typeOf(input) ? { type: typeOf(input) } : {}), count: job.cursor.results[i]?.succeeded ?? 0, inputUrl: input.url })),
    error: inputs.flatMap((input, i) => {
      const failed = job.cursor.results[i]?.failed ?? 0;
      return failed === 0 ? [] : [{ type: ERROR_TYPE, count: failed, inputUrl: input.url, url: fileUrl(baseUrl, 'import', job.id, { type: ERROR_TYPE, fileNo: i + 1 }) }];
    }),
  };
}
