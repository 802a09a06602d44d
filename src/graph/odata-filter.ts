/**
 * The slice of OData `$filter` that Graph's directory supports by default on the properties we index:
 * `prop eq 'text'` and `startswith(prop,'text')`, joined by `and`. Strings quote with `'` and escape it by
 * doubling. Anything else is refused with Graph's own wording rather than half-understood.
 */
import { graphErrors } from './errors.js';

export type FilterOperator = 'eq' | 'startswith';
export interface FilterClause { property: string; op: FilterOperator; value: string }
export interface FilterSpec {
  /** Graph's resource name in messages, e.g. 'Application', 'ServicePrincipal'. */
  resource: string;
  /** Filterable property (canonical spelling) → the operators it supports. */
  properties: Readonly<Record<string, readonly FilterOperator[]>>;
  /** Properties compared with the literals true/false (e.g. accountEnabled); their clause value is 'true' or 'false'. */
  booleans?: readonly string[];
}

type Token = { kind: 'name' | 'string' | 'punct' | 'other'; text: string; at: number };

/** OData operator/function names → the name Graph's directory uses when it refuses one. */
const REFUSED_OPERATORS: Readonly<Record<string, string>> = {
  ne: 'NotEqualsMatch', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual',
  in: 'In', has: 'Has', endswith: 'EndsWith', contains: 'Contains',
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    const at = i;
    if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw syntax(`Unterminated string literal at position ${at}`);
        if (text[i] === "'") {
          if (text[i + 1] === "'") { value += "'"; i += 2; continue; }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ kind: 'string', text: value, at });
    } else if ('(),'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, at });
      i++;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_./]*/.exec(text.slice(i)) ?? /^[^\s(),']+/.exec(text.slice(i))!;
      tokens.push({ kind: /^[A-Za-z_]/.test(m[0]) ? 'name' : 'other', text: m[0], at });
      i += m[0].length;
    }
  }
  return tokens;
}

function syntax(detail: string) {
  return graphErrors.odata(`Invalid filter clause: ${detail}.`);
}

/** Parse and check a `$filter` value against what a resource supports. */
export function parseFilter(text: string, spec: FilterSpec): FilterClause[] {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const isWord = (t: Token | undefined, word: string) => t?.kind === 'name' && t.text.toLowerCase() === word;
  const expect = (kind: Token['kind'], text?: string): Token => {
    const t = next();
    if (!t || t.kind !== kind || (text !== undefined && t.text !== text)) {
      throw syntax(t ? `Syntax error at position ${t.at} in '${tokens.map((x) => x.text).join(' ')}'` : 'Unexpected end of expression');
    }
    return t;
  };

  const canonical = (name: string): string => {
    const found = Object.keys(spec.properties).find((p) => p.toLowerCase() === name.toLowerCase());
    if (!found) throw unsupportedProperty(name, spec);
    return found;
  };
  const refuse = (op: string) => {
    const name = REFUSED_OPERATORS[op.toLowerCase()];
    return name ? graphErrors.unsupportedQuery(`Unsupported property filter clause operator '${name}'.`) : graphErrors.unsupportedQuery();
  };

  const clause = (): FilterClause[] => {
    const t = peek();
    if (t?.kind === 'punct' && t.text === '(') {
      next();
      const inner = conjunction();
      expect('punct', ')');
      return inner;
    }
    const name = expect('name');
    if (isWord(name, 'not')) throw graphErrors.unsupportedQuery();
    if (peek()?.kind === 'punct' && peek()!.text === '(') {
      // A function call: only startswith(property,'text').
      if (name.text.toLowerCase() !== 'startswith') throw refuse(name.text);
      next();
      const property = canonical(expect('name').text);
      expect('punct', ',');
      const value = expect('string').text;
      expect('punct', ')');
      return [{ property, op: 'startswith', value }];
    }
    const property = canonical(name.text);
    const op = expect('name');
    if (op.text.toLowerCase() !== 'eq') throw REFUSED_OPERATORS[op.text.toLowerCase()] ? refuse(op.text) : syntax(`Syntax error at position ${op.at}`);
    const value = peek();
    const boolean = spec.booleans?.includes(property) ?? false;
    const literal = value?.kind === 'name' && ['true', 'false'].includes(value.text.toLowerCase()) ? value.text.toLowerCase() : undefined;
    if (boolean ? literal === undefined : value?.kind !== 'string') throw unsupportedProperty(property, spec);
    next();
    return [{ property, op: 'eq', value: literal ?? value!.text }];
  };

  const conjunction = (): FilterClause[] => {
    const clauses = clause();
    while (peek()) {
      if (isWord(peek(), 'and')) { next(); clauses.push(...clause()); continue; }
      if (isWord(peek(), 'or')) throw graphErrors.unsupportedQuery();
      break;
    }
    return clauses;
  };

  if (tokens.length === 0) throw syntax('The filter expression is empty');
  const clauses = conjunction();
  if (pos < tokens.length) throw syntax(`Syntax error at position ${tokens[pos]!.at}`);

  const seen = new Set<string>();
  for (const c of clauses) {
    if (!spec.properties[c.property]!.includes(c.op)) throw unsupportedProperty(c.property, spec);
    // The directory answers one condition per property and operator; a repeat would need real boolean logic.
    const key = `${c.property} ${c.op}`;
    if (seen.has(key)) throw graphErrors.unsupportedQuery();
    seen.add(key);
  }
  return clauses;
}

function unsupportedProperty(property: string, spec: FilterSpec) {
  return graphErrors.unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${property}' of resource '${spec.resource}'.`);
}
