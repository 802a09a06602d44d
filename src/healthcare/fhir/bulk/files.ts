/** The URLs of bulk jobs and their output files, built and parsed in one place. */
import type { BulkKind } from './jobs.js';

/** The URL polling answers at: `{base}/_operations/{export|import}/{jobId}`. */
export function jobUrl(baseUrl: string, kind: BulkKind, jobId: string): string {
  return `${baseUrl}/_operations/${kind}/${jobId}`;
}

/** The name an output file is served under: `{Type}-{n}.ndjson`. */
export function fileName(file: { type: string; fileNo: number }): string {
  return `${file.type}-${file.fileNo}.ndjson`;
}

/** The URL of an output file of a job. */
export function fileUrl(baseUrl: string, kind: BulkKind, jobId: string, file: { type: string; fileNo: number }): string {
  return `${jobUrl(baseUrl, kind, jobId)}/${fileName(file)}`;
}

/** Parse a file name back; undefined when it is not one we could have made. */
export function parseFileName(name: string): { type: string; fileNo: number } | undefined {
  const m = /^([A-Z][A-Za-z]{0,63})-([1-9]\d{0,8})\.ndjson$/.exec(name);
  return m ? { type: m[1]!, fileNo: Number(m[2]) } : undefined;
}
