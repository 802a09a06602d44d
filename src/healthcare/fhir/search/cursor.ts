/**
 * The continuation token (`ct`): the sort-key values of the row a page ends (or starts) at, so the next page
 * begins strictly after it (keyset paging). Rows inserted before the cursor cannot shift later pages.
 */
import { badRequest } from '../outcome.js';

export type KeyValue = string | number | null;

export interface Cursor {
  /** The ordering the values belong to; a token used with another `_sort` is refused. */
  order: string;
  values: KeyValue[];
  /** 'next': rows after the values; 'prev': the page of rows before them. */
  direction: 'next' | 'prev';
}

export function encodeCursor(cursor: Cursor): string {
  const body = { o: cursor.order, v: cursor.values, d: cursor.direction === 'prev' ? 'p' : 'n' };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

export function decodeCursor(token: string, order: string): Cursor {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const b = body as { o?: unknown; v?: unknown; d?: unknown } | null;
  if (!b || typeof b !== 'object' || b.o !== order || !Array.isArray(b.v) || (b.d !== 'n' && b.d !== 'p')) throw invalid();
  const values = b.v as unknown[];
  if (!values.every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) throw invalid();
  return { order, values: values as KeyValue[], direction: b.d === 'p' ? 'prev' : 'next' };
}

function invalid() {
  return badRequest('The continuation token is not valid for this search.', ['ct']);
}
