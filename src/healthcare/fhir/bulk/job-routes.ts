/**
 * The job routes $export and $import answer alike: starting a job (202 with its status URL), polling it at
 * `{base}/_operations/{kind}/{jobId}` and cancelling it there. Each kind says only what a completed job answers
 * and how its progress reads.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FhirServiceRef } from '../http/types.js';
import { FhirError, notFound } from '../outcome.js';
import { jobUrl } from './files.js';
import { findJob, handle, requestUrl, type Authorized, type BulkContext } from './http.js';
import type { BulkJob, BulkKind } from './jobs.js';

/** Queues a job for the authorized caller, wakes the runner, and answers 202 with the job's status URL. */
export async function startJob<R, C>(
  ctx: BulkContext, kind: BulkKind, { service, requestedBy }: Authorized, request: FastifyRequest, reply: FastifyReply,
  job: { request: R; cursor: C },
): Promise<FastifyReply> {
  const created = await ctx.jobs.create<R, C>(kind, {
    tenantId: service.tenantId, serviceId: service.id, requestedBy, requestUrl: requestUrl(service, request.url), ...job,
  });
  ctx.runner.wake();
  return reply.code(202).header('content-location', jobUrl(service.url, kind, created.id)).send();
}

export interface JobStatusAnswers<R, C> {
  /** The 200 body of a completed job (the export manifest, the import result). */
  completed(job: BulkJob<R, C>, service: FhirServiceRef): unknown;
  /** The X-Progress header of a queued or running job. */
  progress(job: BulkJob<R, C>): string;
}

/** `GET` and `DELETE {base}/_operations/{kind}/:jobId`: a job's status, and cancelling it. */
export function jobStatusRoutes<R, C>(app: FastifyInstance, ctx: BulkContext, kind: BulkKind, answers: JobStatusAnswers<R, C>): void {
  app.get(`/_operations/${kind}/:jobId`, handle(async (request, reply) => {
    const { service, job } = await findJob<R, C>(ctx, request, kind);
    switch (job.status) {
      case 'completed':
        return reply.code(200).header('content-type', 'application/json').send(await answers.completed(job, service));
      case 'failed':
        throw new FhirError(500, 'exception', job.error ?? `The ${kind} failed.`);
      case 'cancelled':
        throw notFound(`The ${kind} job '${job.id}' was cancelled.`);
      default:
        return reply.code(202).header('x-progress', answers.progress(job)).header('retry-after', '2').send();
    }
  }));

  app.delete(`/_operations/${kind}/:jobId`, handle(async (request, reply) => {
    const { service, job } = await findJob(ctx, request, kind);
    if (job.status === 'cancelled') throw notFound(`The ${kind} job '${job.id}' was cancelled.`);
    if (await ctx.jobs.cancel(service.id, kind, job.id) === 'finished') {
      throw new FhirError(409, 'conflict', `The ${kind} job '${job.id}' has already finished and cannot be cancelled.`);
    }
    return reply.code(202).send();
  }));
}
