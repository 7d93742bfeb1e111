/**
 * Summarises a .cpuprofile: share of samples by self time (top functions) and by package or source file, so a bench
 * row's cost can be read without DevTools. `node dist/test/bench/profile-summary.js <file.cpuprofile> [top]`.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const where = (url: string): string => {
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.includes('/dist/src/') || url.includes('/src/')) return url.replace(/^.*\/(?:dist\/)?src\//, 'src/');
  return url || '(native)';
};
const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary <file.cpuprofile|file.heapprofile> [top]');
const top = Number(topArg ?? 25);
if (file.endsWith('.heapprofile')) {
  summariseAllocations(file, top);
  process.exit(0);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
const total = profile.samples.length;
const idle = [...self].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((n, [, c]) => n + c, 0);
const busy = total - idle;

const fns = new Map<string, number>();
const places = new Map<string, number>();
for (const [id, count] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === '(idle)') continue;
  add(fns, `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`, count);
  add(places, where(url), count);
}
const pct = (n: number) => `${((100 * n) / busy).toFixed(1)} %`.padStart(7);
console.log(`${file}: ${total} samples, busy ${((100 * busy) / total).toFixed(1)} %`);
console.log('\nself time by function (share of busy)');
for (const [k, n] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(n)}  ${k}`);
console.log('\nself time by package / source file');
for (const [k, n] of [...places].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(n)}  ${k}`);

// Inclusive time of the product's own functions (a function's samples and its callees'), counted once per sample
// even when it recurses: what each step of a request costs with the library and native work it causes.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map<string, number>();
for (const [id, count] of self) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
    if (!url.includes('/src/')) continue;
    const key = `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
    if (!seen.has(key)) add(inclusive, key, count);
    seen.add(key);
  }
}
console.log('\ninclusive time of the product\'s functions');
for (const [k, n] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(n)}  ${k}`);

interface HeapNode {
  callFrame: Node['callFrame'];
  selfSize: number;
  children: HeapNode[];
}

/** Bytes allocated by function (self) and by the product's functions (with what they call), from a sampled profile. */
function summariseAllocations(path: string, count: number): void {
  const { head } = JSON.parse(readFileSync(path, 'utf8')) as { head: HeapNode };
  const selfBytes = new Map<string, number>();
  const productBytes = new Map<string, number>();
  let all = 0;
  const walk = (n: HeapNode, stack: string[]) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const key = `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
    const inner = url.includes('/src/') && !stack.includes(key) ? [...stack, key] : stack;
    all += n.selfSize;
    add(selfBytes, key, n.selfSize);
    for (const k of inner) add(productBytes, k, n.selfSize);
    for (const c of n.children) walk(c, inner);
  };
  walk(head, []);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`.padStart(10);
  console.log(`${path}: ${mb(all)} allocated (sampled)`);
  console.log('\nallocated by function (self)');
  for (const [k, n] of [...selfBytes].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`${mb(n)}  ${k}`);
  console.log("\nallocated under the product's functions (with their callees)");
  for (const [k, n] of [...productBytes].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`${mb(n)}  ${k}`);
}
