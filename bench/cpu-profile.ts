/**
 * Summarise a V8 CPU profile (node --cpu-prof, e.g. from BENCH_PROFILE=1 npm run bench:fhir): self time by
 * function and by source file or package, the heaviest first, so that a report can say where the time goes.
 *   node --import tsx bench/cpu-profile.ts FILE.cpuprofile [TOP=25]
 */
import fs from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const [file, top = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/cpu-profile.ts FILE.cpuprofile [TOP]');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** `node_modules/pkg` for dependencies, the path below the repository for our code, `(native)` otherwise. */
function where(url: string): string {
  if (!url) return '(native/V8)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return url;
  const i = url.indexOf('/src/');
  return i >= 0 ? url.slice(i + 1) : url.replace(/^file:\/\//, '');
}

const fns = new Map<string, number>();
const files = new Map<string, number>();
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const place = where(url);
  const key = `${functionName || '(anonymous)'}  ${place}${url ? `:${lineNumber + 1}` : ''}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  files.set(place, (files.get(place) ?? 0) + us);
}
const print = (title: string, m: Map<string, number>) => {
  process.stdout.write(`${title}\n`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
    process.stdout.write(`  ${(100 * us / total).toFixed(1).padStart(5)}%  ${k}\n`);
  }
};
// Inclusive time of our own functions (src/): each sample counts once for every distinct function on its stack.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
    if (!url.includes('/src/')) continue;
    const key = `${functionName || '(anonymous)'}  ${where(url)}:${lineNumber + 1}`;
    if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    seen.add(key);
  }
}
const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0);
process.stdout.write(`${(total / 1e6).toFixed(1)} s sampled, ${((total - idle) / 1e6).toFixed(1)} s busy (percentages are of the whole)\n`);
print('self time by file / package', files);
print('self time by function', fns);
print('inclusive time of our functions (src/)', inclusive);
