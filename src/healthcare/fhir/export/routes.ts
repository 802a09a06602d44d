/**
 * Bulk $export over HTTP (FHIR Bulk Data Access IG, as Azure's FHIR service serves it): kick-off at system,
 * Patient and Group level; polling, cancelling and downloading at `{base}/_operations/export/{jobId}`. Every
 * route needs the `export` data action, and a job is visible only to the caller who started it.
 */
import type { FastifyInstance } from 'fastify';
import { authorize, fileRoute, handle, type BulkContext } from '../bulk/http.js';
import { jobStatusRoutes, startJob } from '../bulk/job-routes.js';
import { parseKickoff } from './kickoff.js';
import { manifest, progress } from './manifest.js';
import { groupPatientIds } from './members.js';
import { START_CURSOR, type ExportCursor, type ExportLevel, type ExportRequest } from './job.js';

/** Mount the export routes on an app (or plugin) whose prefix is `/fhir/:service`. */
export function exportRoutes(app: FastifyInstance, ctx: BulkContext): void {
  const { deps, jobs } = ctx;

  const kickoff = (level: ExportLevel) => handle(async (request, reply) => {
    const authorized = await authorize(deps, request, 'export');
    const query = [...new URLSearchParams(request.url.split('?')[1] ?? '').entries()];
    const params = parseKickoff(request.headers, query);
    const exportRequest: ExportRequest = { level, ...params };
    if (level === 'group') {
      const { service } = authorized;
      const groupId = (request.params as { id: string }).id;
      Object.assign(exportRequest, { groupId, patientIds: await groupPatientIds(deps.db, service.id, service.url, groupId) });
    }
    return startJob<ExportRequest, ExportCursor>(ctx, 'export', authorized, request, reply, { request: exportRequest, cursor: START_CURSOR });
  });

  app.get('/$export', kickoff('system'));
  app.get('/Patient/$export', kickoff('patient'));
  app.get('/Group/:id/$export', kickoff('group'));

  jobStatusRoutes<ExportRequest, ExportCursor>(app, ctx, 'export', {
    completed: async (job, service) => manifest(job, await jobs.files(job.id, job.cursor.types), service.url),
    progress,
  });
  fileRoute(app, ctx, 'export');
}
