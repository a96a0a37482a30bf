/**
 * Query timings on a synthetic graph shaped like zhkg's (people with roles at villages, a located_in
 * tree, many co_occurs edges). Prints figures; not a test.  Run: npx tsx bench/query.ts [nodes]
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiGraph } from 'graphology';
import { toGexf } from '../src/export/index.js';
import { loadGraph } from '../src/query/load.js';
import { findEntities } from '../src/query/find.js';
import { neighbors } from '../src/query/neighbors.js';
import { shortestPath } from '../src/query/path.js';
import { holdersOf } from '../src/query/holders.js';
import { graphStats } from '../src/query/stats.js';
import { egoNetwork } from '../src/query/ego.js';

const n = Number(process.argv[2] ?? 10_000);
let seed = 42;
const rand = (k: number): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % k;
};

const g = new MultiGraph();
const places = Math.floor(n / 2);
for (let i = 0; i < places; i++) g.addNode(`PLACE:地${i}`, { label: `地${i}`, kind: 'PLACE', aliases: [`地名${i}`], mentions: 1 });
for (let i = 1; i < places; i++) {
  g.addDirectedEdgeWithKey(`located_in:${i}`, `PLACE:地${i}`, `PLACE:地${Math.floor((i - 1) / 4)}`, {
    relation: 'located_in',
    label: '位于',
    weight: 1,
    evidence: '句子。',
  });
}
for (let i = places; i < n; i++) {
  g.addNode(`PERSON:人${i}`, { label: `人${i}`, kind: 'PERSON', aliases: [], mentions: 1 });
  g.addDirectedEdgeWithKey(`role:${i}`, `PERSON:人${i}`, `PLACE:地${rand(places)}`, {
    relation: 'role',
    label: i % 3 ? '第一书记' : '党支部书记',
    weight: 1,
    evidence: '句子。',
  });
}
const keys = g.nodes();
for (let i = 0; i < 3 * n; i++) {
  const a = keys[rand(n)]!;
  const b = keys[rand(n)]!;
  if (a !== b) g.addUndirectedEdge(a, b, { relation: 'co_occurs', label: '共现', weight: 1 + rand(3), evidence: '句子。' });
}

const dir = mkdtempSync(join(tmpdir(), 'zhkg-bench-query-'));
writeFileSync(join(dir, 'g.json'), JSON.stringify(g.export()));
writeFileSync(join(dir, 'g.gexf'), toGexf(g));

function time<T>(what: string, f: () => T): T {
  const t0 = performance.now();
  const r = f();
  console.log(`${what.padEnd(44)} ${(performance.now() - t0).toFixed(1).padStart(8)} ms`);
  return r;
}

console.log(`graph: ${g.order} nodes, ${g.size} edges`);
const fromJson = time('loadGraph JSON', () => loadGraph(join(dir, 'g.json')));
time('loadGraph GEXF', () => loadGraph(join(dir, 'g.gexf')));
time('findEntities (substring, whole graph)', () => findEntities(fromJson, '人1'));
time('neighbors depth 1', () => neighbors(fromJson, `人${n - 1}`));
const two = time('neighbors depth 2', () => neighbors(fromJson, `人${n - 1}`, { depth: 2 }));
time('neighbors depth 6 located_in,role out', () => neighbors(fromJson, `人${n - 1}`, { depth: 6, relation: ['role', 'located_in'], direction: 'out' }));
const p = time('shortestPath (typed first)', () => shortestPath(fromJson, `人${n - 1}`, `人${n - 2}`));
time('egoNetwork depth 2', () => egoNetwork(fromJson, `人${n - 1}`, 2));
time('holdersOf 第一书记', () => holdersOf(fromJson, '第一书记'));
time('graphStats (computes pagerank)', () => graphStats(fromJson));
console.log(`(depth-2 neighbors: ${two.length}; path hops: ${p?.hops.length ?? 'none'})`);
