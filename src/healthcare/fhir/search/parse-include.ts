/** `_include` and `_revinclude` values (`Source:param[:Target]`, `Source:*`, `*`) with `:iterate`. */
import { isResourceType } from '../definitions.js';
import type { IncludeSpec } from './model.js';
import { paramFor, type TypeSet } from './parameters.js';

export function parseIncludes(
  types: TypeSet,
  params: ReadonlyArray<readonly [string, string]>,
  ignore: (diagnostics: string, name: string) => void,
): { includes: IncludeSpec[]; revincludes: IncludeSpec[] } {
  const includes: IncludeSpec[] = [];
  const revincludes: IncludeSpec[] = [];
  for (const [name, value] of params) {
    const reverse = name.startsWith('_revinclude');
    const iterate = name.includes(':');
    const target = reverse ? revincludes : includes;
    if (value === '*') {
      if (reverse || types === 'all') ignore(`'${name}=*' is not supported here; it was ignored.`, name);
      else for (const sourceType of types) target.push({ sourceType, param: '*', iterate });
      continue;
    }
    const spec = parseSpec(value, iterate);
    if (typeof spec === 'string') {
      ignore(`The value '${value}' of '${name}' ${spec}; it was ignored.`, name);
      continue;
    }
    // A plain _include follows references of the searched resources only; with :iterate, of any included ones.
    if (!reverse && !iterate && types !== 'all' && !types.includes(spec.sourceType)) {
      ignore(`The value '${value}' of '${name}' does not name a searched type; it was ignored.`, name);
      continue;
    }
    target.push(spec);
  }
  return { includes, revincludes };
}

/** The spec, or why it is not one. */
function parseSpec(value: string, iterate: boolean): IncludeSpec | string {
  const [sourceType = '', param = '', targetType, ...extra] = value.split(':');
  if (extra.length || !isResourceType(sourceType) || !param) return 'is not Type:parameter[:TargetType]';
  if (targetType !== undefined && !isResourceType(targetType)) return `names an unknown type '${targetType}'`;
  if (param !== '*') {
    const def = paramFor([sourceType], param);
    if (!def || def.type !== 'reference') return `names no reference parameter '${param}' of ${sourceType}`;
  }
  return { sourceType, param, ...(targetType ? { targetType } : {}), iterate };
}
