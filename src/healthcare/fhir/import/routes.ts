/**
 * Bulk $import over HTTP, as Azure's FHIR service takes it: `POST [base]/$import` with a Parameters body, then
 * polling and cancelling at `{base}/_operations/import/{jobId}`, and each input's error OperationOutcomes as
 * NDJSON beside it. Every route needs the `import` data action (FHIR Data Importer, Contributor), and a job is
 * visible only to the caller who started it.
 */
import type { FastifyInstance } from 'fastify';
import { fileUrl, jobUrl } from '../bulk/files.js';
import { authorize, fileRoute, findJob, handle, requestUrl, type BulkContext } from '../bulk/http.js';
import { FhirError, notFound } from '../outcome.js';
import { resolveInput } from './inputs.js';
import { parseImport } from './kickoff.js';
import { ERROR_TYPE, IMPORT_START, type ImportCursor, type ImportJob, type ImportRequest } from './step.js';

/** Mount the import routes on an app (or plugin) whose prefix is `/fhir/:service`; `importDir` holds `file:` inputs. */
export function importRoutes(app: FastifyInstance, ctx: BulkContext, importDir?: string): void {
  const { deps, jobs, runner } = ctx;

  app.post('/$import', handle(async (request, reply) => {
    const { service, requestedBy } = await authorize(deps, request, 'import');
    const params = parseImport(request.headers, request.body);
    const resolve = { jobs, service, requestedBy, fhirServiceByPath: deps.fhirServiceByPath, ...(importDir ? { importDir } : {}) };
    const inputs: ImportRequest['inputs'] = [];
    for (const input of params.inputs) inputs.push({ ...input, source: await resolveInput(input.url, resolve) });
    const job = await jobs.create<ImportRequest, ImportCursor>('import', {
      tenantId: service.tenantId, serviceId: service.id, requestedBy, requestUrl: requestUrl(service, request.url),
      request: { mode: params.mode, baseUrl: service.url, inputs }, cursor: IMPORT_START,
    });
    runner.wake();
    return reply.code(202).header('content-location', jobUrl(service.url, 'import', job.id)).send();
  }));

  app.get('/_operations/import/:jobId', handle(async (request, reply) => {
    const { service, job } = await findJob<ImportRequest, ImportCursor>(ctx, request, 'import');
    switch (job.status) {
      case 'completed':
        return reply.code(200).header('content-type', 'application/json').send(importResult(job, service.url));
      case 'failed':
        throw new FhirError(500, 'exception', job.error ?? 'The import failed.');
      case 'cancelled':
        throw notFound(`The import job '${job.id}' was cancelled.`);
      default: {
        const done = job.cursor.results.reduce((n, r) => n + r.succeeded + r.failed, 0);
        const progress = job.status === 'queued' ? 'Queued'
          : `In progress: input ${Math.min(job.cursor.inputIndex + 1, job.request.inputs.length)} of ${job.request.inputs.length}, ${done} resources processed`;
        return reply.code(202).header('x-progress', progress).header('retry-after', '2').send();
      }
    }
  }));

  app.delete('/_operations/import/:jobId', handle(async (request, reply) => {
    const { service, job } = await findJob(ctx, request, 'import');
    if (job.status === 'cancelled') throw notFound(`The import job '${job.id}' was cancelled.`);
    if (await jobs.cancel(service.id, 'import', job.id) === 'finished') {
      throw new FhirError(409, 'conflict', `The import job '${job.id}' has already finished and cannot be cancelled.`);
    }
    return reply.code(202).send();
  }));

  fileRoute(app, ctx, 'import');
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
