/**
 * The export stages on a built graph, without building it again: `graph.json` of a build read back with its
 * evidence packed as the build holds it (src/graph/evidence.ts), then, `rounds` times: `writeOutputs` without
 * the viewer, with it, and with it while the graph is saved in a new SQLite store from graph.json's chunks (what
 * `zhkg build` does by default). Prints figures; not a test.
 * Usage: tsx bench/export-one.ts GRAPH.json [rounds]   (e.g. the graph.json of `zhkg build bench/corpus/50mb`)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SerializedGraph } from 'graphology-types';
import { writeOutputs } from '../src/output.js';
import { openStore } from '../src/store/index.js';
import { packedGraph } from './packed-graph.js';
import { loadAverage, machineLine, median, now, since, type Clock } from './child.js';

const file = process.argv[2];
if (!file) throw new Error('usage: export-one.ts GRAPH.json [rounds]');
const rounds = Number(process.argv[3] ?? 3);
console.log(machineLine('export stages on a built graph'));
const graph = packedGraph(JSON.parse(readFileSync(file, 'utf8')) as SerializedGraph);
console.log(`${file}: ${graph.order.toLocaleString('en-US')} nodes, ${graph.size.toLocaleString('en-US')} edges`);

const times: Record<string, Clock[]> = {
  'export, no viewer': [],
  'export with the viewer': [],
  'export with the viewer and the graph saved in a store': [],
};
for (let r = 0; r < rounds; r++) {
  const dir = mkdtempSync(join(tmpdir(), 'zhkg-bench-export-'));
  try {
    let t = now();
    await writeOutputs(graph, join(dir, 'a'), { viewer: false });
    times['export, no viewer']!.push(since(t));
    t = now();
    await writeOutputs(graph, join(dir, 'b'));
    times['export with the viewer']!.push(since(t));
    const store = openStore(join(dir, 'zhkg.db'), { fields: null });
    t = now();
    await writeOutputs(graph, join(dir, 'c'), { save: { store, settings: { minConfidence: 0 } } });
    times['export with the viewer and the graph saved in a store']!.push(since(t));
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `round ${r + 1}: ${Object.entries(times)
      .map(([k, v]) => `${k} ${(v[r]!.wall / 1000).toFixed(2)} s`)
      .join(', ')} (load ${loadAverage()})`,
  );
}
for (const [k, v] of Object.entries(times)) {
  const w = median(v.map((x) => x.wall)) / 1000;
  const c = median(v.map((x) => x.cpu)) / 1000;
  console.log(`${k.padEnd(38)} ${w.toFixed(2).padStart(6)} s wall ${c.toFixed(2).padStart(6)} s CPU (median of ${v.length})`);
}
