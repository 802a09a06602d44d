/**
 * BulkRunner: works $export and $import jobs in the background, one step (a chunk) per job per turn of the event
 * loop, so request handling never waits behind a bulk job. Each step commits with the job's cursor, so after a
 * restart (or when another process takes over an expired lease) a job continues after its last committed step:
 * nothing is written twice or lost. stop() finishes the step in hand and hands the leases back. What a step does
 * is the worker's business (export/step.ts, import/step.ts).
 */
import type { Transaction } from 'kysely';
import { newGuid } from '../../../lib/ids.js';
import type { Database } from '../../../store/schema.js';
import type { BulkChunk, BulkJob, BulkJobs, BulkKind } from './jobs.js';

/** What a worker's step may do with the job it holds. */
export interface StepContext {
  /** Commit the step (see BulkJobs.commit); false when the job was cancelled or taken over meanwhile. */
  commit(step: { cursor: unknown; chunk?: BulkChunk; work?: (trx: Transaction<Database>) => Promise<void> }): Promise<boolean>;
  /** Mark the job completed. */
  complete(): Promise<void>;
}

/** One step of a job: true while there is more to do. */
export type BulkWorker = (job: BulkJob, ctx: StepContext) => Promise<boolean>;

export interface BulkRunnerOptions {
  /** How long a claimed job stays ours without a heartbeat (another process may take it over after). */
  leaseMs?: number;
  /** How often to look for jobs queued by other processes when idle. */
  pollMs?: number;
  /** Where failures are reported (the job itself only says that it failed). */
  onError?: (err: unknown, jobId: string) => void;
}

const FAILED = 'The job failed because of an internal error.';

export class BulkRunner {
  private readonly owner = newGuid();
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Set by wake(): look for new jobs at the next turn even while others are in hand. */
  private refresh = false;
  private wakeUp: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly jobs: BulkJobs,
    private readonly workers: Partial<Record<BulkKind, BulkWorker>>,
    private readonly options: BulkRunnerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 5_000;
  }

  /** Begin working: unfinished jobs (including those of a previous run) first. */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = this.loop();
  }

  /** A job was queued: look now rather than at the next poll. */
  wake(): void {
    this.refresh = true;
    this.wakeUp?.();
  }

  /** Finish the chunk in hand, then release every lease so the next start resumes at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    // If the database is already gone (shutting down after it closed), the leases simply expire instead.
    await this.jobs.release(this.owner).catch(() => undefined);
  }

  /** Claim a job and do one step of it; false when it has nothing left to do here (finished, cancelled, taken). */
  async advance(jobId: string): Promise<boolean> {
    const job = await this.jobs.claim(jobId, this.owner, this.leaseMs);
    if (!job) return false;
    try {
      const worker = this.workers[job.kind];
      if (!worker) return false;
      return await worker(job, {
        commit: (step) => this.jobs.commit(job, this.owner, this.leaseMs, step),
        complete: async () => { await this.jobs.finish(job.id, this.owner, 'completed'); },
      });
    } catch (err) {
      this.options.onError?.(err, jobId);
      await this.jobs.finish(jobId, this.owner, 'failed', FAILED);
      return false;
    }
  }

  private async loop(): Promise<void> {
    let held: string[] = [];
    while (!this.stopped) {
      if (held.length === 0 || this.refresh) {
        this.refresh = false;
        const found = await this.jobs.claimable(8).catch(() => []);
        held = [...held, ...found.filter((id) => !held.includes(id))];
      }
      if (held.length === 0) {
        await this.idle();
        continue;
      }
      const next: string[] = [];
      for (const id of held) {
        if (this.stopped) break;
        if (await this.advance(id).catch(() => false)) next.push(id);
      }
      held = next;
      // Yield to pending I/O (requests) between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.stopped) return resolve();
      const done = () => {
        clearTimeout(this.timer);
        this.wakeUp = undefined;
        resolve();
      };
      this.wakeUp = done;
      this.timer = setTimeout(done, this.pollMs);
      this.timer.unref();
    });
  }
}
