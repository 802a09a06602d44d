/**
 * The lexical layer of FHIR search values: escapes (`\,` `\|` `\$` `\\`), prefixes (eq ne gt lt ge le sa eb ap),
 * numbers with their implicit precision, and the pieces of token, quantity and reference values.
 */
import { badRequest } from '../outcome.js';
import { dateRange } from '../storage/normalize.js';

export type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';
const PREFIXES = new Set<string>(['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap']);

/** Split on `sep` where it is not escaped by a backslash; the parts keep their other escapes. */
export function splitEscaped(value: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + (value[i + 1] as string);
      i++;
    } else if (ch === sep) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** Remove search escapes: `\,` → `,`, `\|` → `|`, `\$` → `$`, `\\` → `\`. */
export function unescapeValue(value: string): string {
  return value.replace(/\\([,|$\\])/g, '$1');
}

/** The OR-ed values of one parameter occurrence (`a,b\,c` → [`a`, `b\,c`]), escapes other than `\,` kept. */
export function orValues(value: string): string[] {
  return splitEscaped(value, ',');
}

export function splitPrefix(value: string): { prefix: Prefix; rest: string } {
  const head = value.slice(0, 2);
  if (PREFIXES.has(head) && value.length > 2 && !/^[a-z]/i.test(value.slice(2, 3))) {
    return { prefix: head as Prefix, rest: value.slice(2) };
  }
  return { prefix: 'eq', rest: value };
}

export interface DateValue {
  prefix: Prefix; low: string; high: string;
  /** The other bound of a range (`ge…&lt…`), matched against the same stored date (see date-range.ts). */
  and?: DateValue;
}

/** A date search value: prefix and the instant range it covers; 400 naming `param` when it is not a date. */
export function parseDateValue(param: string, raw: string): DateValue {
  const { prefix, rest } = splitPrefix(unescapeValue(raw));
  const range = dateRange(rest);
  if (!range) throw badRequest(`The value '${raw}' of search parameter '${param}' is not a valid date.`, [param]);
  return { prefix, ...range };
}

export interface NumberValue { prefix: Prefix; value: number; low: number; high: number }

/**
 * A number with its implicit range by significant figures: `100` is [99.5, 100.5), `100.0` is [99.95, 100.05),
 * `1e2` is [50, 150).
 */
export function parseNumberValue(param: string, raw: string): NumberValue {
  const { prefix, rest } = splitPrefix(raw.trim());
  const m = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(rest);
  if (!m) throw badRequest(`The value '${raw}' of search parameter '${param}' is not a valid number.`, [param]);
  const value = Number(rest);
  const decimals = (m[3] ?? '').length;
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  const half = 0.5 * 10 ** (exponent - decimals);
  if (!Number.isFinite(value) || !Number.isFinite(half)) {
    throw badRequest(`The value '${raw}' of search parameter '${param}' is out of range.`, [param]);
  }
  return { prefix, value, low: value - half, high: value + half };
}

export interface QuantityValue extends NumberValue { system?: string; code?: string }

/** `[prefix]number|system|code`, `number||code` (code or unit), or a bare number. */
export function parseQuantityValue(param: string, raw: string): QuantityValue {
  const parts = splitEscaped(raw, '|');
  if (parts.length > 3) throw badRequest(`The value '${raw}' of search parameter '${param}' is not a valid quantity.`, [param]);
  const [num = '', system = '', code = ''] = parts.map(unescapeValue);
  const number = parseNumberValue(param, num);
  return { ...number, ...(system ? { system } : {}), ...(code ? { code } : {}) };
}

/** A token value: `code`, `system|code`, `|code` (no system), `system|` (any code in the system). */
export interface TokenValue {
  /** undefined: any system; '': no system. */
  system?: string;
  /** undefined: any code. */
  code?: string;
}

export function parseTokenValue(raw: string): TokenValue {
  const parts = splitEscaped(raw, '|');
  if (parts.length === 1) return { code: unescapeValue(raw) };
  const system = unescapeValue(parts[0] as string);
  const code = unescapeValue(parts.slice(1).join('|'));
  return code === '' ? { system } : { system, code };
}

export interface ReferenceValue { type?: string; id?: string; url?: string }

/**
 * A reference search value: `id`, `Type/id` (a `/_history/n` suffix ignored), an absolute URL on this service
 * (read as relative), or any other URL / canonical (matched as written).
 */
export function parseReferenceValue(raw: string, baseUrl: string): ReferenceValue {
  let value = unescapeValue(raw).trim();
  if (value.startsWith(`${baseUrl}/`)) value = value.slice(baseUrl.length + 1);
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return { url: value };
  const m = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(value);
  if (m) return { type: m[1] as string, id: m[2] as string };
  if (!value.includes('/')) return { id: value };
  return { url: value };
}
