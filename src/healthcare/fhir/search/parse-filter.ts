/**
 * One search parameter (name and value) into a Filter: the parameter's definition, its modifier, a chain
 * (`subject:Patient.name`), reverse chaining (`_has:Observation:patient:code`), and its typed values.
 * Unknown parameters come back as `{ unknown }` for the caller to warn about or refuse; bad values and
 * unsupported modifiers are a 400 naming the parameter.
 */
import { isResourceType } from '../definitions.js';
import { badRequest } from '../outcome.js';
import { normalizeString } from '../storage/normalize.js';
import type { Filter } from './model.js';
import { paramFor, referenceTargets, type ParamDef, type TypeSet } from './parameters.js';
import {
  orValues, parseDateValue, parseNumberValue, parseQuantityValue, parseReferenceValue, parseTokenValue, unescapeValue,
} from './values.js';

export type ParsedFilter = Filter | { unknown: string } | undefined;

/** Chains and `_has` nest at most this deep (`a.b.c` is two). */
const MAX_DEPTH = 3;

export function parseFilter(types: TypeSet, name: string, value: string, baseUrl: string, depth = 0): ParsedFilter {
  if (depth > MAX_DEPTH) throw badRequest(`Search parameter '${name}' nests chains too deeply.`, [name]);
  if (name.startsWith('_has:')) return parseHas(types, name, value, baseUrl, depth);

  const dot = name.indexOf('.');
  const head = dot < 0 ? name : name.slice(0, dot);
  const [code = '', modifier, ...extra] = head.split(':');
  if (extra.length) throw unsupportedModifier(name);
  const def = paramFor(types, code);
  if (!def) return { unknown: `The search parameter '${code}' is not supported${describe(types)}; it was ignored.` };

  if (dot >= 0) return parseChain(def, modifier, name, name.slice(dot + 1), value, baseUrl, depth);

  const raw = orValues(value).filter((v) => v !== '');
  if (raw.length === 0) return undefined; // FHIR: a parameter with no value is ignored
  if (modifier === 'missing') return { kind: 'missing', def, missing: parseBoolean(name, value) };
  if (code === '_id') return parseId(def, modifier, name, raw);
  if (code === '_lastUpdated') {
    if (modifier) throw unsupportedModifier(name);
    return { kind: 'lastUpdated', values: raw.map((v) => parseDateValue(name, v)) };
  }
  return parseTyped(def, modifier, name, raw, baseUrl);
}

function parseTyped(def: ParamDef, modifier: string | undefined, name: string, raw: string[], baseUrl: string): ParsedFilter {
  const text = () => raw.map(unescapeValue);
  switch (def.type) {
    case 'string':
      if (modifier === 'exact') return { kind: 'string', def, mode: 'exact', values: text() };
      if (modifier === 'contains') return { kind: 'string', def, mode: 'contains', values: text().map(normalizeString) };
      if (modifier && modifier !== 'text') throw unsupportedModifier(name);
      return { kind: 'string', def, mode: 'start', values: text().map(normalizeString) };
    case 'token':
      if (modifier === 'text') return { kind: 'tokenText', def, values: text().map(normalizeString) };
      if (modifier && modifier !== 'not') throw unsupportedModifier(name);
      return { kind: 'token', def, negate: modifier === 'not', values: raw.map(parseTokenValue) };
    case 'reference':
      return parseReference(def, modifier, name, raw, baseUrl);
    case 'date':
      if (modifier) throw unsupportedModifier(name);
      return { kind: 'date', def, values: raw.map((v) => parseDateValue(name, v)) };
    case 'number':
      if (modifier) throw unsupportedModifier(name);
      return { kind: 'number', def, values: raw.map((v) => parseNumberValue(name, unescapeValue(v))) };
    case 'quantity':
      if (modifier) throw unsupportedModifier(name);
      return { kind: 'quantity', def, values: raw.map((v) => parseQuantityValue(name, v)) };
    case 'uri':
      if (modifier && !['exact', 'below', 'above'].includes(modifier)) throw unsupportedModifier(name);
      return { kind: 'uri', def, mode: (modifier ?? 'exact') as 'exact' | 'below' | 'above', values: text() };
    default:
      return { unknown: `The search parameter '${def.code}' (type ${def.type}) is not supported; it was ignored.` };
  }
}

function parseReference(def: ParamDef, modifier: string | undefined, name: string, raw: string[], baseUrl: string): Filter {
  if (modifier === 'identifier') return { kind: 'identifier', def, values: raw.map(parseTokenValue) };
  if (modifier === undefined) return { kind: 'reference', def, values: raw.map((v) => parseReferenceValue(v, baseUrl)) };
  if (!isResourceType(modifier)) throw unsupportedModifier(name);
  if (!referenceTargets(def).includes(modifier)) {
    throw badRequest(`Search parameter '${def.code}' cannot refer to '${modifier}'.`, [name]);
  }
  const values = raw.map((v) => {
    const ref = parseReferenceValue(v, baseUrl);
    if (ref.url) return ref;
    // `subject:Patient=Group/1` can match nothing; '/' never occurs in an id.
    return { type: modifier, id: ref.type === undefined || ref.type === modifier ? ref.id : '/' };
  });
  return { kind: 'reference', def, values };
}

function parseId(def: ParamDef, modifier: string | undefined, name: string, raw: string[]): Filter {
  if (modifier && modifier !== 'not') throw unsupportedModifier(name);
  return { kind: 'id', ids: raw.map(unescapeValue), negate: modifier === 'not' };
}

function parseChain(
  def: ParamDef, modifier: string | undefined, name: string, rest: string, value: string, baseUrl: string, depth: number,
): ParsedFilter {
  if (def.type !== 'reference') throw badRequest(`Search parameter '${def.code}' is not a reference and cannot be chained.`, [name]);
  let targets = referenceTargets(def);
  if (modifier !== undefined) {
    if (!isResourceType(modifier) || !targets.includes(modifier)) {
      throw badRequest(`Search parameter '${def.code}' cannot refer to '${modifier}'.`, [name]);
    }
    targets = [modifier];
  }
  const chainedCode = rest.split(/[.:]/)[0] as string;
  const targetTypes = targets.filter((t) => paramFor([t], chainedCode));
  if (targetTypes.length === 0) {
    return { unknown: `The chained search parameter '${name}' is not supported; it was ignored.` };
  }
  const next = parseFilter(targetTypes, rest, value, baseUrl, depth + 1);
  if (!next || 'unknown' in next) return next;
  return { kind: 'chain', def, targetTypes, next };
}

function parseHas(types: TypeSet, name: string, value: string, baseUrl: string, depth: number): ParsedFilter {
  const [, sourceType = '', refParam = '', ...rest] = name.split(':');
  const inner = rest.join(':');
  if (!isResourceType(sourceType) || !refParam || !inner) {
    throw badRequest(`Search parameter '${name}' is not a valid _has parameter.`, [name]);
  }
  const ref = paramFor([sourceType], refParam);
  if (!ref || ref.type !== 'reference') {
    return { unknown: `The search parameter '${refParam}' of '${sourceType}' in '${name}' is not supported; it was ignored.` };
  }
  if (types !== 'all' && !types.some((t) => referenceTargets(ref).includes(t))) {
    throw badRequest(`Search parameter '${refParam}' of '${sourceType}' cannot refer to the searched type.`, [name]);
  }
  const next = parseFilter([sourceType], inner, value, baseUrl, depth + 1);
  if (!next || 'unknown' in next) return next;
  return { kind: 'has', sourceType, refParam, next };
}

function parseBoolean(name: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badRequest(`The value '${value}' of search parameter '${name}' must be true or false.`, [name]);
}

function unsupportedModifier(name: string) {
  return badRequest(`The modifier in search parameter '${name}' is not supported.`, [name]);
}

function describe(types: TypeSet): string {
  if (types === 'all') return ' across all resource types';
  return ` for ${types.join(', ')}`;
}
