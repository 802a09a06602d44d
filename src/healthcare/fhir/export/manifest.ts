/** What polling an export job answers: the Bulk Data manifest once complete, a progress line while it runs. */
import { fileUrl } from '../bulk/files.js';
import type { BulkFile } from '../bulk/jobs.js';
import type { ExportJob } from './job.js';

export interface ExportManifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: true;
  output: Array<{ type: string; url: string; count: number }>;
  error: Array<{ type: string; url: string; count: number }>;
}

export function manifest(job: ExportJob, files: BulkFile[], baseUrl: string): ExportManifest {
  return {
    transactionTime: job.transactionTime,
    request: job.requestUrl,
    requiresAccessToken: true,
    output: files.map((f) => ({ type: f.type, url: fileUrl(baseUrl, 'export', job.id, f), count: f.count })),
    error: [],
  };
}

/** The X-Progress header of a job still running. */
export function progress(job: ExportJob): string {
  const types = job.cursor.types;
  if (job.status === 'queued' || !types) return 'Queued';
  const current = types[job.cursor.typeIndex];
  const done = `${job.cursor.exported} resources exported`;
  return current ? `In progress: ${done}; exporting ${current} (${job.cursor.typeIndex + 1} of ${types.length} types)` : `Finishing: ${done}`;
}
