/**
 * Rendering results the way az's output formats do: json (2-space indent, keys sorted), table (aligned
 * columns of the scalar fields, headers capitalised, `id`/`type`/`etag` skipped as az's auto table does),
 * tsv (one line per item, values in key order, lists as their length), and none.
 */
export const OUTPUT_FORMATS = ['json', 'jsonc', 'table', 'tsv', 'none'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A command may shape its rows for -o table, as az's table transformers do for `ad app list`. */
export type TableTransform = (item: Record<string, unknown>) => Record<string, unknown>;

export function render(value: unknown, format: OutputFormat, table?: TableTransform): string {
  if (value === undefined || value === null || format === 'none') return '';
  switch (format) {
    case 'json': case 'jsonc': return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
    case 'table': return renderTable(value, table);
    case 'tsv': return renderTsv(value);
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** Python's str() of a scalar, as az prints it: True/False/None. */
function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return String(value);
}

const isScalar = (v: unknown) => v !== null && v !== undefined && typeof v !== 'object';
const SKIP_KEYS = new Set(['id', 'type', 'etag']);

function renderTable(value: unknown, transform?: TableTransform): string {
  const items = Array.isArray(value) ? value : [value];
  const rows = items.map((item): Record<string, unknown> => {
    if (!item || typeof item !== 'object') return { Result: item };
    if (transform) return transform(item as Record<string, unknown>);
    const row: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item)) {
      if (SKIP_KEYS.has(k) || k.startsWith('@odata.') || !isScalar(v)) continue;
      row[k.charAt(0).toUpperCase() + k.slice(1)] = v;
    }
    return row;
  });
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (headers.length === 0) return '';
  const cells = rows.map((r) => headers.map((h) => (r[h] === undefined || r[h] === null ? '' : scalar(r[h]))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

function renderTsv(value: unknown): string {
  const items = Array.isArray(value) ? value : [value];
  const cell = (v: unknown) => (Array.isArray(v) ? String(v.length) : v && typeof v === 'object' ? '' : scalar(v));
  return items.map((item) => {
    if (Array.isArray(item)) return item.map(cell).join('\t');
    if (item && typeof item === 'object') {
      return Object.keys(item).sort().map((k) => cell((item as Record<string, unknown>)[k])).join('\t');
    }
    return cell(item);
  }).join('\n') + '\n';
}
