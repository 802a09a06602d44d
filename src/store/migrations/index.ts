import type { Migration } from 'kysely';
import * as m001 from './001-initial.js';
import * as m002 from './002-refresh-tokens.js';
import * as m003 from './003-credentials.js';
import * as m005 from './005-sign-in-codes.js';
import * as m006 from './006-sessions.js';
import * as m007 from './007-refresh-token-families.js';
import * as m008 from './008-users-groups.js';
import * as m009 from './009-fhir-resources.js';
import * as m010 from './010-fhir-bulk-jobs.js';
import * as m011 from './011-healthcare-global-names.js';

/** Numbered migrations, applied in order at start; a new one is a new file and a new line here. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-initial': m001,
  '002-refresh-tokens': m002,
  '003-credentials': m003,
  '005-sign-in-codes': m005,
  '006-sessions': m006,
  '007-refresh-token-families': m007,
  // Numbered after 005–007 because those reached databases first: migrations run in name order.
  '008-users-groups': m008,
  '009-fhir-resources': m009,
  '010-fhir-bulk-jobs': m010,
  '011-healthcare-global-names': m011,
};
