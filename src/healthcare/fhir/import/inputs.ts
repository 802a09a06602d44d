/**
 * Where $import reads from. Azure reads from a storage account; we read what this server can reach without
 * fetching arbitrary URLs (no SSRF): the NDJSON files of our own completed exports (of any FHIR service of the
 * same tenant, started by the same caller), and `file:` URLs under the server's import directory
 * (`{dataDir}/import`). Inputs are resolved at kick-off and read a page of lines at a time from a position the
 * job's cursor keeps, so a resumed import continues where its last committed page ended.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import { parseFileName } from '../bulk/files.js';
import type { BulkJobs } from '../bulk/jobs.js';
import type { FhirServiceRef } from '../http/types.js';
import { badRequest } from '../outcome.js';

export type InputSource =
  | { kind: 'file'; path: string }
  | { kind: 'export'; jobId: string; type: string; fileNo: number };

/** File: `offset` is a byte offset. Export file: `offset` is the next chunk's part number, `line` the line in it. */
export interface InputPosition { offset: number; line: number }

export interface ResolveContext {
  jobs: BulkJobs;
  service: FhirServiceRef;
  requestedBy: string;
  fhirServiceByPath(segment: string): Promise<FhirServiceRef | undefined>;
  /** Where `file:` inputs may live; undefined: no file inputs. */
  importDir?: string;
}

const EXPORT_FILE = /^(.*)\/fhir\/([^/]+)\/_operations\/export\/([^/]+)\/([^/]+)$/;
const MAX_LINE = 64 * 1024 * 1024;

/** The source an input URL names, or a 400 saying why it cannot be read. */
export async function resolveInput(url: string, ctx: ResolveContext): Promise<InputSource> {
  const unavailable = () => badRequest(`The input '${url}' is not available to this import.`, ['input.url']);
  if (url.startsWith('file:')) return fileInput(url, ctx.importDir);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw badRequest(`The input url '${url}' is not a valid URL.`, ['input.url']);
  }
  const base = new URL(ctx.service.url);
  const m = EXPORT_FILE.exec(u.pathname);
  if (!m || u.origin !== base.origin || m[1] !== base.pathname.replace(/\/fhir\/[^/]+$/, '') || u.search) {
    throw badRequest(`The input '${url}' is neither an export file of this server nor a file: URL under its import directory.`, ['input.url']);
  }
  const source = await ctx.fhirServiceByPath(decodeURIComponent(m[2]!));
  const file = parseFileName(m[4]!);
  if (!source || source.tenantId !== ctx.service.tenantId || !file) throw unavailable();
  const job = await ctx.jobs.get(source.id, 'export', m[3]!);
  if (!job || job.requestedBy !== ctx.requestedBy || job.status !== 'completed') throw unavailable();
  if (!(await ctx.jobs.files(job.id)).some((f) => f.type === file.type && f.fileNo === file.fileNo)) throw unavailable();
  return { kind: 'export', jobId: job.id, type: file.type, fileNo: file.fileNo };
}

async function fileInput(url: string, importDir: string | undefined): Promise<InputSource> {
  const refuse = () => badRequest(`The input '${url}' is not a readable file under the server's import directory.`, ['input.url']);
  if (!importDir) throw refuse();
  let wanted: string;
  try {
    wanted = fileURLToPath(url);
  } catch {
    throw refuse();
  }
  // Compare real paths, so neither `..` nor a symbolic link leads out of the directory.
  const [real, root] = await Promise.all([fs.promises.realpath(wanted).catch(() => undefined), fs.promises.realpath(importDir).catch(() => undefined)]);
  if (!real || !root || !real.startsWith(root + path.sep)) throw refuse();
  const stat = await fs.promises.stat(real).catch(() => undefined);
  if (!stat?.isFile()) throw refuse();
  return { kind: 'file', path: real };
}

export interface LinePage { lines: string[]; next: InputPosition; done: boolean }

/** Up to `max` lines from `at`; `done` once the input has nothing after them. */
export function readLines(db: Kysely<Database>, source: InputSource, at: InputPosition, max: number): Promise<LinePage> {
  return source.kind === 'file' ? readFileLines(source.path, at, max) : readExportLines(db, source, at, max);
}

async function readFileLines(file: string, at: InputPosition, max: number): Promise<LinePage> {
  const handle = await fs.promises.open(file, 'r');
  try {
    for (let size = 1024 * 1024; ; size *= 4) {
      const buffer = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buffer, 0, size, at.offset);
      const eof = bytesRead < size;
      const lines: string[] = [];
      let start = 0;
      while (lines.length < max) {
        const nl = buffer.indexOf(10, start);
        if (nl < 0 || nl >= bytesRead) break;
        lines.push(buffer.toString('utf8', start, nl).replace(/\r$/, ''));
        start = nl + 1;
      }
      if (lines.length < max && eof && start < bytesRead) {
        lines.push(buffer.toString('utf8', start, bytesRead).replace(/\r$/, ''));
        start = bytesRead;
      }
      if (lines.length === 0 && !eof) {
        if (size >= MAX_LINE) throw new Error(`a line of ${file} is longer than ${MAX_LINE} bytes`);
        continue;
      }
      return { lines, next: { offset: at.offset + start, line: 0 }, done: eof && start >= bytesRead };
    }
  } finally {
    await handle.close();
  }
}

async function readExportLines(db: Kysely<Database>, source: Extract<InputSource, { kind: 'export' }>, at: InputPosition, max: number): Promise<LinePage> {
  const part = await db.selectFrom('fhir_bulk_output').select(['part_no', 'content'])
    .where('job_id', '=', source.jobId).where('resource_type', '=', source.type).where('file_no', '=', source.fileNo)
    .where('part_no', '>=', at.offset).orderBy('part_no').limit(1).executeTakeFirst();
  if (!part) return { lines: [], next: at, done: true };
  const all = part.content.split('\n');
  if (all[all.length - 1] === '') all.pop();
  const lines = all.slice(at.line, at.line + max);
  const end = at.line + lines.length;
  const partNo = Number(part.part_no);
  return { lines, next: end >= all.length ? { offset: partNo + 1, line: 0 } : { offset: partNo, line: end }, done: false };
}
