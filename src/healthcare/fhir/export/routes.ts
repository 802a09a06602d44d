/**
 * Bulk $export over HTTP (FHIR Bulk Data Access IG, as Azure's FHIR service serves it): kick-off at system,
 * Patient and Group level; polling, cancelling and downloading at `{base}/_operations/export/{jobId}`. Every
 * route needs the `export` data action, and a job is visible only to the caller who started it.
 */
import type { FastifyInstance } from 'fastify';
import { jobUrl } from '../bulk/files.js';
import { authorize, fileRoute, findJob, handle, requestUrl, type BulkContext } from '../bulk/http.js';
import { FhirError, notFound } from '../outcome.js';
import { parseKickoff } from './kickoff.js';
import { manifest, progress } from './manifest.js';
import { groupPatientIds } from './members.js';
import { START_CURSOR, type ExportCursor, type ExportLevel, type ExportRequest } from './job.js';

/** Mount the export routes on an app (or plugin) whose prefix is `/fhir/:service`. */
export function exportRoutes(app: FastifyInstance, ctx: BulkContext): void {
  const { deps, jobs, runner } = ctx;

  const kickoff = (level: ExportLevel) => handle(async (request, reply) => {
    const { service, requestedBy } = await authorize(deps, request, 'export');
    const query = [...new URLSearchParams(request.url.split('?')[1] ?? '').entries()];
    const params = parseKickoff(request.headers, query);
    const exportRequest: ExportRequest = { level, ...params };
    if (level === 'group') {
      const groupId = (request.params as { id: string }).id;
      Object.assign(exportRequest, { groupId, patientIds: await groupPatientIds(deps.db, service.id, service.url, groupId) });
    }
    const job = await jobs.create<ExportRequest, ExportCursor>('export', {
      tenantId: service.tenantId, serviceId: service.id, requestedBy, requestUrl: requestUrl(service, request.url),
      request: exportRequest, cursor: START_CURSOR,
    });
    runner.wake();
    return reply.code(202).header('content-location', jobUrl(service.url, 'export', job.id)).send();
  });

  app.get('/$export', kickoff('system'));
  app.get('/Patient/$export', kickoff('patient'));
  app.get('/Group/:id/$export', kickoff('group'));

  app.get('/_operations/export/:jobId', handle(async (request, reply) => {
    const { service, job } = await findJob<ExportRequest, ExportCursor>(ctx, request, 'export');
    switch (job.status) {
      case 'completed': {
        const files = await jobs.files(job.id, job.cursor.types);
        return reply.code(200).header('content-type', 'application/json').send(manifest(job, files, service.url));
      }
      case 'failed':
        throw new FhirError(500, 'exception', job.error ?? 'The export failed.');
      case 'cancelled':
        throw notFound(`The export job '${job.id}' was cancelled.`);
      default:
        return reply.code(202).header('x-progress', progress(job)).header('retry-after', '2').send();
    }
  }));

  app.delete('/_operations/export/:jobId', handle(async (request, reply) => {
    const { service, job } = await findJob(ctx, request, 'export');
    if (job.status === 'cancelled') throw notFound(`The export job '${job.id}' was cancelled.`);
    if (await jobs.cancel(service.id, 'export', job.id) === 'finished') {
      throw new FhirError(409, 'conflict', `The export job '${job.id}' has already finished and cannot be cancelled.`);
    }
    return reply.code(202).send();
  }));

  fileRoute(app, ctx, 'export');
}
