/**
 * SMART on FHIR clinical scopes, v1 (`patient/Observation.read`) and v2 (`user/*.rs`), as they arrive in `scp`.
 * Entra scope values cannot hold `/`, so `.` and `$` are accepted as the separator and `all` for `*`, as Microsoft's
 * FHIR server does (SmartClinicalScopesMiddleware). Scopes with v2 search constraints (`?category=…`) are not
 * honoured: they grant nothing rather than more than they say.
 */
import { isResourceType } from '../definitions.js';
import type { DataAction } from './data-actions.js';

export type SmartLevel = 'patient' | 'user' | 'system';
/** SMART v2 interaction letters: create, read, update, delete, search. */
export type SmartLetter = 'c' | 'r' | 'u' | 'd' | 's';

export interface SmartScope {
  level: SmartLevel;
  /** A resource type, or `*` for all. */
  resourceType: string;
  letters: ReadonlySet<SmartLetter>;
}

const SCOPE = /^(patient|user|system)[/.$](\*|all|[A-Z][A-Za-z]+)\.(read|write|\*|all|c?r?u?d?s?)$/;

const V1: Readonly<Record<string, readonly SmartLetter[]>> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
  all: ['c', 'r', 'u', 'd', 's'],
};

/** The interaction letter an action needs; undefined for actions no SMART scope grants (export, hard delete, …). */
export const SMART_LETTER: Readonly<Partial<Record<DataAction, SmartLetter>>> = {
  create: 'c', read: 'r', update: 'u', delete: 'd', search: 's',
};

/** One scope, or undefined when it is not a clinical scope (openid, launch, user_impersonation, an unknown type). */
export function parseSmartScope(text: string): SmartScope | undefined {
  const m = SCOPE.exec(text);
  if (!m) return undefined;
  const [, level, type, permission] = m as unknown as [string, SmartLevel, string, string];
  const resourceType = type === 'all' || type === '*' ? '*' : type;
  if (resourceType !== '*' && !isResourceType(resourceType)) return undefined;
  const letters = V1[permission] ?? ([...permission] as SmartLetter[]);
  if (letters.length === 0) return undefined;
  return { level, resourceType, letters: new Set(letters) };
}

/** The clinical scopes among a token's scopes. */
export function smartScopes(scopes: Iterable<string>): SmartScope[] {
  const out: SmartScope[] = [];
  for (const s of scopes) {
    const parsed = parseSmartScope(s);
    if (parsed) out.push(parsed);
  }
  return out;
}

/** Whether a scope grants an interaction letter on a type (undefined type: on some type, as a search across types). */
export function scopeGrants(scope: SmartScope, letter: SmartLetter, resourceType: string | undefined): boolean {
  return scope.letters.has(letter) && (resourceType === undefined || scope.resourceType === '*' || scope.resourceType === resourceType);
}
