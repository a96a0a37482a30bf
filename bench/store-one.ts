/**
 * One store measurement, in its own process (bench/store.ts) so peak RSS belongs to one build. Builds the
 * inputs as `zhkg build` does — with the store at STORE, or none when STORE is `-` — and writes the outputs
 * (no viewer) to a temporary folder. Prints one JSON object. Usage: tsx bench/store-one.ts STORE INPUT…
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraphFromPaths } from '../src/pipeline.js';
import { writeOutputs } from '../src/output.js';
import { SqliteStore, openStore } from '../src/store/index.js';

const [storePath, ...inputs] = process.argv.slice(2);
if (!storePath || inputs.length === 0) throw new Error('usage: store-one.ts STORE|- INPUT…');
const t0 = performance.now();
// ZHKG_BENCH_STORE_VERSION=V: the store opened as pipeline version V, so that two checkouts of zhkg (old and new code,
// alternated) can reuse stores written by either; only for stores of the same layout.
const fixed = process.env['ZHKG_BENCH_STORE_VERSION'];
const store = storePath === '-' ? undefined : fixed ? SqliteStore.open(storePath, fixed) : openStore(storePath, { fields: null });
// ZHKG_BENCH_STAGES=1: when each stage was first reported, on stderr.
const stages = process.env['ZHKG_BENCH_STAGES'] === '1';
let last = '';
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
// With the CPU time of all threads so far (less sensitive to a shared machine's load than the wall time).
const onProgress = (s: string) => {
  if (s !== last) process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)} s (cpu ${cpu().toFixed(1)} s) ${(last = s)}\n`);
};
// ZHKG_BENCH_NO_OVERLAP=1: stored files resolved only after extraction (to measure what the overlap gives).
const overlap = process.env['ZHKG_BENCH_NO_OVERLAP'] === '1' ? { resolveWhileExtracting: false } : {};
// A one-shot process, as `zhkg build` is (a few new files beside a store: a worker segments, this thread recognizes).
const r = await buildGraphFromPaths(inputs, { oneShot: true, ...(store ? { store } : {}), ...(stages ? { onProgress } : {}), ...overlap });
if (stages) onProgress('save graph');
const graph = r.graph;
const use = r.store;
const articles = r.articleCount;
const assembled = performance.now();
// ZHKG_BENCH_OUT=DIR: the outputs are written there and kept (to compare two checkouts' bytes).
const kept = process.env['ZHKG_BENCH_OUT'];
const out = kept ?? mkdtempSync(join(tmpdir(), 'zhkg-bench-store-'));
// As zhkg build: the graph saved in the store inside the commit of the outputs, from graph.json's own chunks;
// the "export" stage starts once the store has the graph and graph.json is staged (graph.gexf comes next).
const save = store ? { store, settings: { minConfidence: 0 }, onSaved: () => stages && onProgress('export') } : undefined;
await writeOutputs(graph, out, { viewer: false, ...(save ? { save } : {}) });
store?.close();
if (stages) onProgress('done');
if (!kept) rmSync(out, { recursive: true, force: true });
const wall = performance.now() - t0;
console.log(
  JSON.stringify({
    wallMs: wall,
    // CPU of all threads (user + system): less sensitive than wall time to a shared machine's load.
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    buildMs: assembled - t0,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    articles,
    nodes: graph.order,
    edges: graph.size,
    ...(use ? { use } : {}),
  }),
);
