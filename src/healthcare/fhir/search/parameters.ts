/**
 * Which SearchParameter a code names for the resource types being searched, and which index table holds it.
 * A search over several types (system level, `_type`) may use a code only when every type defines it alike.
 */
import { fhirDefinitions } from '../definitions.js';
import { INDEX_VALUE_TABLES, type IndexedType } from '../storage/index-tables.js';

export type { IndexedType };
export type ParamType = IndexedType | 'composite' | 'special';

export interface ParamDef {
  code: string;
  type: ParamType;
  /** Reference parameters: the resource types they may point at (union over the searched types). */
  targets: readonly string[];
}

/** The resource types a search (or a part of it) covers; 'all' for a system search without `_type`. */
export type TypeSet = readonly string[] | 'all';

export function isIndexed(type: ParamType): type is IndexedType {
  return type in INDEX_VALUE_TABLES;
}

let common: Map<string, ParamDef> | undefined;

/** The parameters every resource type defines alike (`_id`, `_lastUpdated`, `_tag`, `_profile`, …). */
function commonParams(): Map<string, ParamDef> {
  if (common) return common;
  const defs = fhirDefinitions();
  // Types without any parameters (Binary) have no index rows to match; they do not narrow the common set.
  const searchable = defs.resourceTypes.filter((t) => Object.keys(defs.searchParameters(t)).length > 0);
  common = new Map();
  for (const code of Object.keys(defs.searchParameters(searchable[0] as string))) {
    const def = lookup(searchable, code);
    if (def) common.set(code, def);
  }
  return common;
}

function lookup(types: readonly string[], code: string): ParamDef | undefined {
  const defs = fhirDefinitions();
  let type: ParamType | undefined;
  const targets = new Set<string>();
  for (const t of types) {
    const sp = defs.searchParameters(t)[code];
    if (!sp?.type) return undefined;
    if (type && type !== sp.type) return undefined;
    type = sp.type as ParamType;
    for (const target of sp.target ?? []) targets.add(target);
  }
  return type ? { code, type, targets: [...targets].sort() } : undefined;
}

/** The definition of `code` for these types, or undefined when some type lacks it (or types disagree). */
export function paramFor(types: TypeSet, code: string): ParamDef | undefined {
  // Every resource has an id and a lastUpdated (Binary included, which the published parameters omit).
  if (code === '_id') return { code, type: 'token', targets: [] };
  if (code === '_lastUpdated') return { code, type: 'date', targets: [] };
  if (types === 'all') return commonParams().get(code);
  if (types.length === 0) return undefined;
  return lookup(types, code);
}

/** The resource types a reference parameter may point at, all types when it names none. */
export function referenceTargets(def: ParamDef): readonly string[] {
  return def.targets.length ? def.targets : fhirDefinitions().resourceTypes;
}

/** Every reference parameter of a type (for `_include=Type:*`). */
export function referenceParams(type: string): string[] {
  return Object.values(fhirDefinitions().searchParameters(type))
    .filter((sp) => sp.type === 'reference' && sp.code)
    .map((sp) => sp.code as string);
}
