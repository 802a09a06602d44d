/**
 * What the $export and $import routes share: finding the FHIR service and the caller (who must hold the data
 * action), finding a job of that caller, serving a job's output files, and answering failures as
 * OperationOutcomes whatever error handler the enclosing scope has.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Readable } from 'node:stream';
import type { Clock } from '../../../lib/clock.js';
import type { Database } from '../../../store/schema.js';
import type { Dialect } from '../../../store/store.js';
import type { FhirAccessControl, FhirServiceRef } from '../http/types.js';
import { notFound } from '../outcome.js';
import { parseFileName } from './files.js';
import type { BulkJob, BulkJobs, BulkKind } from './jobs.js';
import type { BulkRunner } from './runner.js';
import { sendFhirError } from './send-error.js';

export interface BulkDeps<P = unknown> {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  /** The FHIR service a `/fhir/{segment}` names (the directory's fhirServiceByPath). */
  fhirServiceByPath(segment: string): Promise<FhirServiceRef | undefined>;
  access: FhirAccessControl<P>;
  /** The object id of an authenticated principal: a job belongs to whoever started it. */
  principalId(principal: P): string;
}

/** What the export and import routes are given. */
export interface BulkContext {
  deps: BulkDeps;
  jobs: BulkJobs;
  runner: BulkRunner;
}

export interface Authorized { service: FhirServiceRef; requestedBy: string }

/** The service of the request's `:service` segment and the caller, who must be allowed `action` there. */
export async function authorize(deps: BulkDeps, request: FastifyRequest, action: 'export' | 'import'): Promise<Authorized> {
  const segment = (request.params as { service?: string }).service ?? '';
  const service = await deps.fhirServiceByPath(segment);
  if (!service) throw notFound(`The FHIR service '${segment}' doesn't exist.`);
  const principal = await deps.access.authenticate(request.headers.authorization, service);
  deps.access.require(principal, action);
  return { service, requestedBy: deps.principalId(principal) };
}

/** The job of the request's `:jobId`, when it is of this kind, on this service, and the caller's own. */
export async function findJob<R, C>(ctx: BulkContext, request: FastifyRequest, kind: BulkKind): Promise<Authorized & { job: BulkJob<R, C> }> {
  const authorized = await authorize(ctx.deps, request, kind);
  const { jobId } = request.params as { jobId: string };
  const job = await ctx.jobs.get<R, C>(authorized.service.id, kind, jobId);
  if (!job || job.requestedBy !== authorized.requestedBy) throw notFound(`The ${kind} job '${jobId}' was not found.`);
  return { ...authorized, job };
}

/** `GET {base}/_operations/{kind}/{jobId}/{Type}-{n}.ndjson`: an output file of a completed job, streamed. */
export function fileRoute(app: FastifyInstance, ctx: BulkContext, kind: BulkKind): void {
  app.get(`/_operations/${kind}/:jobId/:file`, handle(async (request, reply) => {
    const { job } = await findJob(ctx, request, kind);
    const { file } = request.params as { file: string };
    const wanted = parseFileName(file);
    const exists = job.status === 'completed' && wanted
      && (await ctx.jobs.files(job.id)).some((f) => f.type === wanted.type && f.fileNo === wanted.fileNo);
    if (!exists || !wanted) throw notFound(`The file '${file}' is not part of the ${kind} job '${job.id}'.`);
    return reply.code(200).header('content-type', 'application/fhir+ndjson')
      .send(Readable.from(ctx.jobs.fileContent(job.id, wanted.type, wanted.fileNo)));
  }));
}

/** A handler whose failures are answered as OperationOutcomes. */
export function handle(fn: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return await fn(request, reply);
    } catch (err) {
      return sendFhirError(request, reply, err);
    }
  };
}

/** The URL the client called, on the service's public base (the manifests' `request`). */
export function requestUrl(service: FhirServiceRef, url: string): string {
  const base = new URL(service.url);
  const path = url.indexOf('/', 1 + url.indexOf('/', 1));
  return `${base.origin}${base.pathname}${path >= 0 ? url.slice(path) : ''}`;
}
