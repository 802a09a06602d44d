/**
 * `--query`: the part of JMESPath that az scripts use (fields, indexes, [*] and [] projections, [?filters]
 * with comparisons and &&/||/!, multiselect lists and hashes, pipes, a few functions). A Pratt parser after
 * jmespath.js, kept small because no JMESPath package may be added. Slices and &expr are not supported.
 */
import { CliError } from './errors.js';

type Node = { t: string; v?: unknown; l?: Node; r?: Node; c?: Node[]; keys?: string[] };
type Tok = { t: string; v?: unknown };

const BP: Record<string, number> = {
  '|': 1, '||': 2, '&&': 3, cmp: 5, '[]': 9, '*': 20, '[?': 21, '.': 40, '!': 45, '{': 50, '[': 55, '(': 60,
};
const SIMPLE = ['.', '*', ',', ':', '{', '}', ']', '(', ')', '@'];

function lex(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const bad = () => new CliError(`Invalid jmespath query supplied for \`--query\`: unexpected '${text[i]}' at ${i}`);
  while (i < text.length) {
    const ch = text[i]!;
    const two = text.slice(i, i + 2);
    if (/\s/.test(ch)) { i++; continue; }
    if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))![0];
      out.push({ t: 'id', v: m }); i += m.length; continue;
    }
    if (/[0-9-]/.test(ch)) {
      const m = /^-?[0-9]+/.exec(text.slice(i));
      if (!m) throw bad();
      out.push({ t: 'num', v: Number(m[0]) }); i += m[0].length; continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw bad();
      const raw = text.slice(i + 1, j);
      if (ch === '"') out.push({ t: 'id', v: JSON.parse(`"${raw}"`) });
      else if (ch === "'") out.push({ t: 'lit', v: raw.replace(/\\'/g, "'") });
      else out.push({ t: 'lit', v: parseLiteral(raw.replace(/\\`/g, '`')) });
      i = j + 1; continue;
    }
    if (['[?', '[]', '||', '&&', '==', '!=', '<=', '>='].includes(two)) {
      out.push({ t: ['==', '!=', '<=', '>='].includes(two) ? 'cmp' : two, v: two }); i += 2; continue;
    }
    if (ch === '<' || ch === '>') { out.push({ t: 'cmp', v: ch }); i++; continue; }
    if (ch === '[' || ch === '|' || ch === '!' || SIMPLE.includes(ch)) { out.push({ t: ch }); i++; continue; }
    throw bad();
  }
  out.push({ t: 'eof' });
  return out;
}

function parseLiteral(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw.trim();
  }
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}
  private peek(k = 0): Tok { return this.toks[this.i + k]!; }
  private next(): Tok { return this.toks[this.i++]!; }
  private expect(t: string): Tok {
    const tok = this.next();
    if (tok.t !== t) throw new CliError(`Invalid jmespath query supplied for \`--query\`: expected '${t}', found '${tok.t}'`);
    return tok;
  }

  parse(): Node {
    const node = this.expr(0);
    this.expect('eof');
    return node;
  }

  expr(rbp: number): Node {
    let left = this.nud(this.next());
    while (rbp < (BP[this.peek().t] ?? 0)) left = this.led(this.next(), left);
    return left;
  }

  private nud(tok: Tok): Node {
    switch (tok.t) {
      case 'lit': return { t: 'lit', v: tok.v };
      case 'id': return { t: 'field', v: tok.v };
      case '@': return { t: '@' };
      case '!': return { t: 'not', l: this.expr(BP['!']!) };
      case '*': return { t: 'values', l: { t: '@' }, r: this.rhs(BP['*']!) };
      case '[?': return this.filter({ t: '@' });
      case '[]': return { t: 'project', l: { t: 'flatten', l: { t: '@' } }, r: this.rhs(BP['[]']!) };
      case '{': return this.hash();
      case '(': { const e = this.expr(0); this.expect(')'); return e; }
      case '[': return this.bracket({ t: '@' });
      default: throw new CliError(`Invalid jmespath query supplied for \`--query\`: unexpected '${tok.t}'`);
    }
  }

  private led(tok: Tok, left: Node): Node {
    switch (tok.t) {
      case '.':
        if (this.peek().t === '*') { this.next(); return { t: 'values', l: left, r: this.rhs(BP['.']!) }; }
        return { t: 'sub', l: left, r: this.dotRhs(BP['.']!) };
      case '|': return { t: 'pipe', l: left, r: this.expr(BP['|']!) };
      case '||': return { t: 'or', l: left, r: this.expr(BP['||']!) };
      case '&&': return { t: 'and', l: left, r: this.expr(BP['&&']!) };
      case 'cmp': return { t: 'cmp', v: tok.v, l: left, r: this.expr(BP.cmp!) };
      case '[?': return this.filter(left);
      case '[]': return { t: 'project', l: { t: 'flatten', l: left }, r: this.rhs(BP['[]']!) };
      case '[': return this.bracket(left);
      case '(': {
        const args: Node[] = [];
        while (this.peek().t !== ')') { args.push(this.expr(0)); if (this.peek().t === ',') this.next(); }
        this.next();
        return { t: 'call', v: left.v, c: args };
      }
      default: throw new CliError(`Invalid jmespath query supplied for \`--query\`: unexpected '${tok.t}'`);
    }
  }

  private bracket(left: Node): Node {
    if (this.peek().t === 'num') {
      const index = this.next().v as number;
      this.expect(']');
      return { t: 'index', v: index, l: left };
    }
    if (this.peek().t === '*' && this.peek(1).t === ']') {
      this.next(); this.next();
      return { t: 'project', l: left, r: this.rhs(BP['*']!) };
    }
    const items: Node[] = [];
    while (this.peek().t !== ']') { items.push(this.expr(0)); if (this.peek().t === ',') this.next(); }
    this.next();
    return { t: 'sub', l: left, r: { t: 'list', c: items } };
  }

  private filter(left: Node): Node {
    const condition = this.expr(0);
    this.expect(']');
    return { t: 'project', l: left, r: this.rhs(BP['[?']!), c: [condition] };
  }

  private hash(): Node {
    const keys: string[] = [];
    const values: Node[] = [];
    while (this.peek().t !== '}') {
      keys.push(String(this.expect('id').v));
      this.expect(':');
      values.push(this.expr(0));
      if (this.peek().t === ',') this.next();
    }
    this.next();
    return { t: 'hash', keys, c: values };
  }

  private rhs(rbp: number): Node {
    const t = this.peek().t;
    if ((BP[t] ?? 0) < 10) return { t: '@' };
    if (t === '[' || t === '[?') return this.expr(rbp);
    if (t === '.') { this.next(); return this.dotRhs(rbp); }
    throw new CliError(`Invalid jmespath query supplied for \`--query\`: unexpected '${t}'`);
  }

  /** After a dot: a multiselect, or an expression that keeps going while tokens bind tighter than `rbp`. */
  private dotRhs(rbp: number): Node {
    const t = this.peek().t;
    if (t === '[') { this.next(); return this.bracket({ t: '@' }); }
    if (t === '{') { this.next(); return this.hash(); }
    return this.expr(rbp);
  }
}

const truthy = (v: unknown) => !(v === null || v === undefined || v === false || v === ''
  || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0));

function evaluate(node: Node, value: unknown): unknown {
  const ev = (n: Node | undefined, v: unknown) => evaluate(n!, v);
  switch (node.t) {
    case '@': return value;
    case 'lit': return node.v;
    case 'field': return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[node.v as string] ?? null : null;
    case 'sub': case 'pipe': { const l = ev(node.l, value); return node.t === 'sub' && l === null ? null : ev(node.r, l); }
    case 'index': {
      const l = ev(node.l, value);
      if (!Array.isArray(l)) return null;
      const i = node.v as number;
      return l[i < 0 ? l.length + i : i] ?? null;
    }
    case 'flatten': { const l = ev(node.l, value); return Array.isArray(l) ? l.flatMap((x) => x) : null; }
    case 'values': case 'project': {
      let base = ev(node.l, value);
      if (node.t === 'values') base = base && typeof base === 'object' && !Array.isArray(base) ? Object.values(base) : null;
      if (!Array.isArray(base)) return null;
      if (node.c) base = base.filter((x) => truthy(ev(node.c![0], x)));
      return (base as unknown[]).map((x) => ev(node.r, x)).filter((x) => x !== null && x !== undefined);
    }
    case 'list': return value === null ? null : node.c!.map((n) => ev(n, value));
    case 'hash': return value === null ? null : Object.fromEntries(node.keys!.map((k, i) => [k, ev(node.c![i], value)]));
    case 'not': return !truthy(ev(node.l, value));
    case 'or': { const l = ev(node.l, value); return truthy(l) ? l : ev(node.r, value); }
    case 'and': { const l = ev(node.l, value); return truthy(l) ? ev(node.r, value) : l; }
    case 'cmp': return compare(node.v as string, ev(node.l, value), ev(node.r, value));
    case 'call': return call(String(node.v), node.c!.map((n) => ev(n, value)));
    default: return null;
  }
}

function compare(op: string, a: unknown, b: unknown): boolean | null {
  if (op === '==') return JSON.stringify(a) === JSON.stringify(b);
  if (op === '!=') return JSON.stringify(a) !== JSON.stringify(b);
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

function call(name: string, args: unknown[]): unknown {
  const [a, b] = args;
  switch (name) {
    case 'length': return typeof a === 'string' || Array.isArray(a) ? a.length : a && typeof a === 'object' ? Object.keys(a).length : null;
    case 'contains': return typeof a === 'string' ? a.includes(String(b)) : Array.isArray(a) ? a.some((x) => JSON.stringify(x) === JSON.stringify(b)) : false;
    case 'starts_with': return typeof a === 'string' && typeof b === 'string' && a.startsWith(b);
    case 'ends_with': return typeof a === 'string' && typeof b === 'string' && a.endsWith(b);
    case 'join': return Array.isArray(b) ? b.join(String(a)) : null;
    case 'to_string': return typeof a === 'string' ? a : JSON.stringify(a);
    case 'keys': return a && typeof a === 'object' ? Object.keys(a) : null;
    case 'values': return a && typeof a === 'object' ? Object.values(a) : null;
    case 'sort': return Array.isArray(a) ? [...a].sort() : null;
    case 'reverse': return Array.isArray(a) ? [...a].reverse() : typeof a === 'string' ? [...a].reverse().join('') : null;
    case 'not_null': return args.find((x) => x !== null && x !== undefined) ?? null;
    case 'type': return a === null ? 'null' : Array.isArray(a) ? 'array' : typeof a;
    default: throw new CliError(`Invalid jmespath query supplied for \`--query\`: unknown function ${name}()`);
  }
}

/** Compile a JMESPath expression (so a bad one fails before the command runs) into a function of the result. */
export function compileQuery(expression: string): (value: unknown) => unknown {
  const ast = new Parser(lex(expression)).parse();
  return (value) => evaluate(ast, value ?? null);
}
