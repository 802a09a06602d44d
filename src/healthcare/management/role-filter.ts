/**
 * The `$filter` ARM accepts on role assignment and role definition lists, in the forms az sends:
 * `principalId eq '{oid}'`, `assignedTo('{oid}')` (the principal or a group it is in), `atScope()`, and
 * `roleName eq '{name}'`, joined with `and`.
 */
import { armErrors } from './arm-errors.js';

export interface RoleFilter { principalId?: string; assignedTo?: string; roleName?: string }

const CLAUSES: [RegExp, (value: string, filter: RoleFilter) => void][] = [
  [/^principalId\s+eq\s+'([^']*)'$/i, (v, f) => { f.principalId = v; }],
  [/^assignedTo\('([^']*)'\)$/i, (v, f) => { f.assignedTo = v; }],
  [/^roleName\s+eq\s+'((?:[^']|'')*)'$/i, (v, f) => { f.roleName = v.replace(/''/g, "'"); }],
  [/^atScope\(\)$/i, () => undefined],
];

export function parseRoleFilter(raw: string | undefined): RoleFilter {
  const filter: RoleFilter = {};
  if (raw === undefined || raw.trim() === '') return filter;
  for (const clause of raw.split(/\s+and\s+/i).map((c) => c.trim())) {
    const hit = CLAUSES.find(([re]) => re.test(clause));
    if (!hit) throw armErrors.badRequest(`The filter '${raw}' is not supported. Use principalId eq '{id}', assignedTo('{id}'), roleName eq '{name}' or atScope().`, 'InvalidFilter');
    hit[1](hit[0].exec(clause)![1] ?? '', filter);
  }
  return filter;
}
