/**
 * BulkJobs: the persisted $export and $import jobs of every FHIR service and their NDJSON output (migration 010).
 * Request handlers create, read and cancel jobs; the runner claims a job under a lease, commits one step (its
 * output chunk, its cursor, and for an import the resources it wrote) in one transaction, and finishes it.
 * Every read by a request handler is scoped to one FHIR service and one kind of job.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../../lib/clock.js';
import { newGuid } from '../../../lib/ids.js';
import type { Database, FhirBulkJobRow } from '../../../store/schema.js';

export type BulkKind = 'export' | 'import';
export type BulkStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface NewBulkJob<R, C> {
  tenantId: string;
  serviceId: string;
  /** The kick-off URL as the client called it (the manifest's `request`). */
  requestUrl: string;
  /** The object id of the caller who started it; only they may poll, download and cancel. */
  requestedBy: string;
  /** What to do, fixed at kick-off. */
  request: R;
  /** Where to start. */
  cursor: C;
}

export interface BulkJob<R = unknown, C = unknown> extends NewBulkJob<R, C> {
  id: string;
  kind: BulkKind;
  status: BulkStatus;
  transactionTime: string;
  error?: string;
  createdAt: string;
}

/** One output file: the chunks of one type with the same file number. */
export interface BulkFile { type: string; fileNo: number; count: number }
export interface BulkChunk { type: string; fileNo: number; partNo: number; count: number; content: string }

const UNFINISHED = ['queued', 'running'];

export class BulkJobs {
  constructor(private readonly db: Kysely<Database>, private readonly clock: Clock) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  async create<R, C>(kind: BulkKind, input: NewBulkJob<R, C>): Promise<BulkJob<R, C>> {
    const now = this.now();
    const job: BulkJob<R, C> = { ...input, id: newGuid(), kind, status: 'queued', transactionTime: now, createdAt: now };
    await this.db.insertInto('fhir_bulk_jobs').values({
      id: job.id, tenant_id: job.tenantId, service_id: job.serviceId, kind, status: job.status, request_url: job.requestUrl,
      requested_by: job.requestedBy, transaction_time: now, request: JSON.stringify(job.request), cursor: JSON.stringify(job.cursor),
      error: null, lease_owner: null, lease_expires_at: null, created_at: now, updated_at: now, completed_at: null,
    }).execute();
    return job;
  }

  async get<R, C>(serviceId: string, kind: BulkKind, id: string): Promise<BulkJob<R, C> | undefined> {
    const row = await this.db.selectFrom('fhir_bulk_jobs').selectAll()
      .where('service_id', '=', serviceId).where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
    return row ? toJob<R, C>(row) : undefined;
  }

  /** The output files of a job, in the order of `types` (others after, by name), then file number. */
  async files(jobId: string, types: readonly string[] = []): Promise<BulkFile[]> {
    const rows = await this.db.selectFrom('fhir_bulk_output')
      .select(['resource_type', 'file_no', (eb) => eb.fn.sum<number | string>('count').as('count')])
      .where('job_id', '=', jobId).groupBy(['resource_type', 'file_no']).execute();
    const rank = (type: string) => (types.includes(type) ? types.indexOf(type) : types.length);
    return rows.map((r) => ({ type: r.resource_type, fileNo: Number(r.file_no), count: Number(r.count) }))
      .sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type) || a.fileNo - b.fileNo);
  }

  /** The chunks of one output file in order, read a few at a time so a large file is never held whole. */
  async *fileContent(jobId: string, type: string, fileNo: number): AsyncGenerator<string> {
    let after = -1;
    for (;;) {
      const rows = await this.db.selectFrom('fhir_bulk_output').select(['part_no', 'content'])
        .where('job_id', '=', jobId).where('resource_type', '=', type).where('file_no', '=', fileNo)
        .where('part_no', '>', after).orderBy('part_no').limit(8).execute();
      for (const row of rows) yield row.content;
      if (rows.length < 8) return;
      after = Number(rows[rows.length - 1]!.part_no);
    }
  }

  /** Cancel an unfinished job and drop its output: 'cancelled', or 'finished' when it had already ended. */
  async cancel(serviceId: string, kind: BulkKind, id: string): Promise<'cancelled' | 'finished'> {
    const now = this.now();
    const result = await this.db.updateTable('fhir_bulk_jobs')
      .set({ status: 'cancelled', completed_at: now, updated_at: now, lease_owner: null, lease_expires_at: null })
      .where('service_id', '=', serviceId).where('kind', '=', kind).where('id', '=', id).where('status', 'in', UNFINISHED)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return 'finished';
    await this.db.deleteFrom('fhir_bulk_output').where('job_id', '=', id).execute();
    return 'cancelled';
  }

  /** Unfinished jobs nobody holds a live lease on, oldest first. */
  async claimable(limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('fhir_bulk_jobs').select('id').where('status', 'in', UNFINISHED)
      .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', this.now())]))
      .orderBy('created_at').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /** Take (or renew) the lease on a job; undefined when it finished or another process holds it. */
  async claim(id: string, owner: string, leaseMs: number): Promise<BulkJob | undefined> {
    const now = this.now();
    const result = await this.db.updateTable('fhir_bulk_jobs')
      .set({ status: 'running', lease_owner: owner, lease_expires_at: this.later(leaseMs), updated_at: now })
      .where('id', '=', id).where('status', 'in', UNFINISHED)
      .where((eb) => eb.or([eb('lease_owner', '=', owner), eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    const row = await this.db.selectFrom('fhir_bulk_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  /**
   * Commit one step in one transaction, only while this owner still holds the running job: the new cursor, the
   * output chunk (if any), and whatever `work` writes with the transaction. False (and nothing written) when the
   * job was cancelled or taken over meanwhile.
   */
  async commit(job: BulkJob, owner: string, leaseMs: number, step: {
    cursor: unknown; chunk?: BulkChunk; work?: (trx: Transaction<Database>) => Promise<void>;
  }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx.updateTable('fhir_bulk_jobs')
        .set({ cursor: JSON.stringify(step.cursor), lease_expires_at: this.later(leaseMs), updated_at: this.now() })
        .where('id', '=', job.id).where('status', '=', 'running').where('lease_owner', '=', owner).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await step.work?.(trx);
      const { chunk } = step;
      if (chunk) {
        await trx.insertInto('fhir_bulk_output').values({
          job_id: job.id, resource_type: chunk.type, file_no: chunk.fileNo, part_no: chunk.partNo, count: chunk.count, content: chunk.content,
        }).execute();
      }
      return true;
    });
  }

  /** End a running job this owner holds: completed, or failed with a message safe to show. */
  async finish(id: string, owner: string, status: 'completed' | 'failed', error?: string): Promise<boolean> {
    const now = this.now();
    const result = await this.db.updateTable('fhir_bulk_jobs')
      .set({ status, error: error ?? null, completed_at: now, updated_at: now, lease_owner: null, lease_expires_at: null })
      .where('id', '=', id).where('status', '=', 'running').where('lease_owner', '=', owner).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Give up every lease this owner holds (clean shutdown), so another process or the next start resumes at once. */
  async release(owner: string): Promise<void> {
    await this.db.updateTable('fhir_bulk_jobs').set({ lease_owner: null, lease_expires_at: null })
      .where('lease_owner', '=', owner).where('status', 'in', UNFINISHED).execute();
  }

  /** Remove every job of a FHIR service and its output (when the service is deleted). */
  async deleteService(serviceId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const ids = trx.selectFrom('fhir_bulk_jobs').select('id').where('service_id', '=', serviceId);
      await trx.deleteFrom('fhir_bulk_output').where('job_id', 'in', ids).execute();
      await trx.deleteFrom('fhir_bulk_jobs').where('service_id', '=', serviceId).execute();
    });
  }

  private later(ms: number): string {
    return new Date(this.clock.now().getTime() + ms).toISOString();
  }
}

function toJob<R, C>(row: FhirBulkJobRow): BulkJob<R, C> {
  const job: BulkJob<R, C> = {
    id: row.id, tenantId: row.tenant_id, serviceId: row.service_id, kind: row.kind as BulkKind, status: row.status as BulkStatus,
    requestUrl: row.request_url, requestedBy: row.requested_by, transactionTime: row.transaction_time,
    request: JSON.parse(row.request) as R, cursor: JSON.parse(row.cursor) as C, createdAt: row.created_at,
  };
  if (row.error) job.error = row.error;
  return job;
}
