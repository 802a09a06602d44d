/** An export job's request and cursor: what it exports (fixed at kick-off) and where it stands. */
import type { BulkJob } from '../bulk/jobs.js';

export type ExportLevel = 'system' | 'patient' | 'group';

/** What an export job exports, fixed at kick-off. */
export interface ExportRequest {
  level: ExportLevel;
  groupId?: string;
  /** `_type`, when given. */
  types?: string[];
  /** `_since`, as an ISO instant. */
  since?: string;
  /** Group level: the member Patients' ids. */
  patientIds?: string[];
}

/** Where an export stands: which type (of `types`, fixed on its first step), after which id, into which file. */
export interface ExportCursor {
  types?: string[];
  typeIndex: number;
  afterId: string | null;
  fileNo: number;
  fileCount: number;
  partNo: number;
  exported: number;
}

export type ExportJob = BulkJob<ExportRequest, ExportCursor>;

export const START_CURSOR: ExportCursor = { typeIndex: 0, afterId: null, fileNo: 1, fileCount: 0, partNo: 0, exported: 0 };
