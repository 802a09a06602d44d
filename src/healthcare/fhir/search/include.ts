/**
 * `_include` (the resources a page's matches refer to) and `_revinclude` (the resources that refer to them),
 * read from fhir_idx_reference; `:iterate` specs are applied again to what was included, a few rounds at most.
 */
import type { Resource } from '@medplum/fhirtypes';
import { sql, type SqlBool } from 'kysely';
import type { FhirRepository } from '../repository.js';
import { keyOf, loadResources } from './load.js';
import type { IncludeSpec } from './model.js';
import type { MatchKey } from './query.js';
import type { Restriction } from './restrict.js';
import { and, inList, type Cond } from './sql-values.js';

/** Azure's FHIR service caps included resources per page likewise. */
export const MAX_INCLUDED = 1000;
const MAX_ROUNDS = 4;

export interface Included { resources: Array<MatchKey & { resource: Resource }>; truncated: boolean }

export async function resolveIncludes(
  repo: FhirRepository, matches: readonly MatchKey[], includes: readonly IncludeSpec[], revincludes: readonly IncludeSpec[],
  restrict?: Restriction,
): Promise<Included> {
  const seen = new Set(matches.map(keyOf));
  const resources: Included['resources'] = [];
  let frontier: readonly MatchKey[] = matches;
  for (let round = 0; round < MAX_ROUNDS && frontier.length; round++) {
    const first = round === 0;
    const found: MatchKey[] = [];
    for (const spec of includes) if (first || spec.iterate) found.push(...(await referenced(repo, frontier, spec)));
    for (const spec of revincludes) if (first || spec.iterate) found.push(...(await referring(repo, frontier, spec)));
    const fresh = found.filter((k) => !seen.has(keyOf(k)) && (seen.add(keyOf(k)), true));
    const room = MAX_INCLUDED - resources.length;
    const loaded = await loadResources(repo, fresh.slice(0, room), restrict);
    resources.push(...loaded);
    if (fresh.length > room) return { resources, truncated: true };
    frontier = loaded;
  }
  return { resources, truncated: false };
}

/** The targets of spec's reference parameter(s) among `from`. */
async function referenced(repo: FhirRepository, from: readonly MatchKey[], spec: IncludeSpec): Promise<MatchKey[]> {
  const ids = from.filter((k) => k.resourceType === spec.sourceType).map((k) => k.id);
  if (ids.length === 0) return [];
  const conds: Cond[] = [
    sql<SqlBool>`x.service_id = ${repo.scope.serviceId}`,
    sql<SqlBool>`x.resource_type = ${spec.sourceType}`,
    inList(sql.raw('x.resource_id'), ids),
    sql<SqlBool>`x.target_type <> ''`,
    sql<SqlBool>`x.target_id <> ''`,
  ];
  if (spec.param !== '*') conds.push(sql<SqlBool>`x.param = ${spec.param}`);
  if (spec.targetType) conds.push(sql<SqlBool>`x.target_type = ${spec.targetType}`);
  const query = sql<{ t: string; i: string }>`SELECT DISTINCT x.target_type AS t, x.target_id AS i FROM fhir_idx_reference x WHERE ${and(conds)} LIMIT ${MAX_INCLUDED + 1}`;
  return (await query.execute(repo.db)).rows.map((r) => ({ resourceType: r.t, id: r.i }));
}

/** The resources of spec's source type whose reference parameter points at one of `to`. */
async function referring(repo: FhirRepository, to: readonly MatchKey[], spec: IncludeSpec): Promise<MatchKey[]> {
  const byType = new Map<string, string[]>();
  for (const k of to) {
    if (spec.targetType && k.resourceType !== spec.targetType) continue;
    byType.set(k.resourceType, [...(byType.get(k.resourceType) ?? []), k.id]);
  }
  const out: MatchKey[] = [];
  for (const [type, ids] of byType) {
    const conds: Cond[] = [
      sql<SqlBool>`x.service_id = ${repo.scope.serviceId}`,
      sql<SqlBool>`x.target_type = ${type}`,
      inList(sql.raw('x.target_id'), ids),
      sql<SqlBool>`x.resource_type = ${spec.sourceType}`,
    ];
    if (spec.param !== '*') conds.push(sql<SqlBool>`x.param = ${spec.param}`);
    const query = sql<{ t: string; i: string }>`SELECT DISTINCT x.resource_type AS t, x.resource_id AS i FROM fhir_idx_reference x WHERE ${and(conds)} LIMIT ${MAX_INCLUDED + 1}`;
    out.push(...(await query.execute(repo.db)).rows.map((r) => ({ resourceType: r.t, id: r.i })));
  }
  return out;
}
