/**
 * One memory measurement (bench/memory.ts), in its own process so peak RSS belongs to one build: builds the
 * inputs as `zhkg build` does — into the store at STORE (created when missing), or without one when STORE
 * is `-` — saves the graph in the store, writes the outputs (no viewer) to a temporary folder, and prints
 * one JSON object: wall time, peak RSS, and per stage the peak RSS and the main thread's heap when it ended.
 * Usage: tsx bench/memory-one.ts STORE INPUT…
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraphFromPaths, type Stage } from '../src/pipeline.js';
import { writeOutputs } from '../src/output.js';
import { openStore } from '../src/store/index.js';

const [storePath, ...inputs] = process.argv.slice(2);
if (!storePath || inputs.length === 0) throw new Error('usage: memory-one.ts STORE|- INPUT…');
const mb = (n: number) => Math.round(n / 1048576);
const stages: Array<{ stage: string; ms: number; peakRssMB: number; rssMB: number; heapMB: number; externalMB: number }> = [];
const t0 = performance.now();
let stage = 'read';
let mark = t0;
const enter = (s: string) => {
  if (s === stage) return;
  const m = process.memoryUsage();
  const now = performance.now();
  stages.push({
    stage,
    ms: now - mark,
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    rssMB: mb(m.rss),
    heapMB: mb(m.heapUsed),
    externalMB: mb(m.external),
  });
  mark = now;
  stage = s;
};
const store = storePath === '-' ? undefined : openStore(storePath, { fields: null });
const r = await buildGraphFromPaths(inputs, {
  ...(store ? { store } : {}),
  facts: false, // as zhkg build asks
  oneShot: true, // as zhkg build runs: the table caches
  onProgress: (s: Stage) => enter(s === 'extract' ? 'read' : s),
});
const { graph, articleCount, store: use } = r;
enter('save graph');
const buildMs = performance.now() - t0;
// As zhkg build: the graph saved in the store inside the outputs' commit, from graph.json's own chunks ("export"
// from the moment the store has it: graph.json is being flushed, graph.gexf comes next).
const out = mkdtempSync(join(tmpdir(), 'zhkg-bench-memory-'));
const save = store ? { store, settings: { minConfidence: 0 }, onSaved: () => enter('export') } : undefined;
if (!store) enter('export');
await writeOutputs(graph, out, { viewer: false, ...(save ? { save } : {}) });
store?.close();
rmSync(out, { recursive: true, force: true });
enter('');
console.log(
  JSON.stringify({
    wallMs: performance.now() - t0,
    buildMs,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    articles: articleCount,
    nodes: graph.order,
    edges: graph.size,
    stages,
    ...(use ? { use } : {}),
  }),
);
