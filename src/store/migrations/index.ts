import type { Migration } from 'kysely';
import * as m001 from './001-initial.js';

/** Numbered migrations, applied in order at start; a new one is a new file and a new line here. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-initial': m001,
};
