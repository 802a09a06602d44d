import type { Migration } from 'kysely';
import * as m001 from './001-initial.js';
import * as m002 from './002-refresh-tokens.js';
import * as m003 from './003-credentials.js';
import * as m005 from './005-sign-in-codes.js';

/** Numbered migrations, applied in order at start; a new one is a new file and a new line here. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-initial': m001,
  '002-refresh-tokens': m002,
  '003-credentials': m003,
  '005-sign-in-codes': m005,
};
