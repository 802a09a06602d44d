/**
 * Bulk data ($export, and $import) as one Fastify plugin registered with the prefix `/fhir/:service`. Its paths
 * are more specific than the FHIR router's `/fhir/:service/*`, so they reach it first. It owns the one
 * BulkRunner of the app: started when the app is ready, stopped (leases handed back) when it closes.
 */
import type { FastifyPluginAsync } from 'fastify';
import path from 'node:path';
import type { Services } from '../../../services.js';
import { FhirAccess, type FhirPrincipal } from '../access/fhir-access.js';
import { exportRoutes } from '../export/routes.js';
import { exportWorker, type ExportWorkerOptions } from '../export/step.js';
import { importRoutes } from '../import/routes.js';
import { importWorker } from '../import/step.js';
import type { BulkDeps } from './http.js';
import { BulkJobs } from './jobs.js';
import { BulkRunner, type BulkRunnerOptions } from './runner.js';
import { sendFhirError } from './send-error.js';

export interface BulkOptions { runner?: BulkRunnerOptions; export?: ExportWorkerOptions; import?: { pageSize?: number } }

export function bulkDeps(services: Services, access: FhirAccess): BulkDeps<FhirPrincipal> {
  const { directory } = services;
  return {
    db: directory.ctx.store.db,
    dialect: directory.ctx.store.dialect,
    clock: directory.clock,
    fhirServiceByPath: (segment) => directory.healthcare.fhirServiceByPath(segment),
    access,
    principalId: (principal) => principal.caller.oid,
  };
}

export function fhirBulkRoutes(services: Services, options: BulkOptions = {}): FastifyPluginAsync {
  return async (app) => {
    const deps = bulkDeps(services, new FhirAccess(services)) as BulkDeps;
    const jobs = new BulkJobs(deps.db, deps.clock);
    const runner = new BulkRunner(jobs, {
      export: exportWorker(deps.db, deps.dialect, options.export),
      import: importWorker(deps.db, deps.dialect, deps.clock, options.import),
    }, {
      onError: (err, jobId) => app.log.error({ err, jobId }, 'bulk job failed'),
      ...options.runner,
    });
    app.addHook('onReady', async () => runner.start());
    app.addHook('onClose', async () => runner.stop());
    // $import's Parameters body; the root app parses application/json already.
    app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
    app.setErrorHandler(async (err, request, reply) => sendFhirError(request, reply, err));
    const ctx = { deps, jobs, runner };
    exportRoutes(app, ctx);
    importRoutes(app, ctx, path.join(services.config.dataDir, 'import'));
  };
}
