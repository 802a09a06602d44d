/**
 * The export worker: one step reads a page of one type (source.ts) and commits it as the next chunk of the
 * type's current file, together with the cursor after it. The first step fixes the list of types.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { Dialect } from '../../../store/store.js';
import type { BulkChunk } from '../bulk/jobs.js';
import type { BulkWorker } from '../bulk/runner.js';
import type { ExportCursor, ExportJob } from './job.js';
import { exportTypes, readPage } from './source.js';

export interface ExportWorkerOptions {
  /** Resources read per step (one transaction). */
  pageSize?: number;
  /** Resources per output file before `{Type}-{n+1}.ndjson` begins. */
  resourcesPerFile?: number;
}

export function exportWorker(db: Kysely<Database>, dialect: Dialect, options: ExportWorkerOptions = {}): BulkWorker {
  const pageSize = options.pageSize ?? 500;
  const perFile = options.resourcesPerFile ?? 50_000;
  return async (bulkJob, ctx) => {
    const job = bulkJob as ExportJob;
    const cursor: ExportCursor = { ...job.cursor };
    if (!cursor.types) {
      cursor.types = await exportTypes(db, job);
      return ctx.commit({ cursor });
    }
    const type = cursor.types[cursor.typeIndex];
    if (type === undefined) {
      await ctx.complete();
      return false;
    }
    const page = await readPage(db, dialect, job, type, cursor.afterId, Math.min(pageSize, perFile - cursor.fileCount));
    let chunk: BulkChunk | undefined;
    if (page.lines.length > 0) {
      chunk = { type, fileNo: cursor.fileNo, partNo: cursor.partNo, count: page.lines.length, content: `${page.lines.join('\n')}\n` };
      cursor.partNo += 1;
      cursor.fileCount += page.lines.length;
      cursor.exported += page.lines.length;
    }
    if (page.done) {
      Object.assign(cursor, { typeIndex: cursor.typeIndex + 1, afterId: null, fileNo: 1, fileCount: 0 });
    } else {
      cursor.afterId = page.lastId ?? cursor.afterId;
      if (cursor.fileCount >= perFile) Object.assign(cursor, { fileNo: cursor.fileNo + 1, fileCount: 0 });
    }
    return ctx.commit({ cursor, ...(chunk ? { chunk } : {}) });
  };
}
