/**
 * What the ForceAtlas2 tests share: graphology-layout-forceatlas2's own modules (the reference the layout is
 * compared with, bit for bit), a seeded graph shaped like zhkg's, and the edge weight the layout uses.
 */
import { createRequire } from 'node:module';
import { MultiGraph } from 'graphology';
import type { Fa2Settings } from '../../src/layout/fa2-iterate.js';
import { seededRandom } from '../../src/util/random.js';

const require = createRequire(import.meta.url);
export type Matrices = { nodes: Float32Array; edges: Float32Array };
export const helpers = require('graphology-layout-forceatlas2/helpers.js') as {
  graphToByteArrays(g: MultiGraph, w: (e: string, a: Record<string, unknown>) => number): Matrices;
};
export const libraryIterate = require('graphology-layout-forceatlas2/iterate.js') as (s: Fa2Settings, n: Float32Array, e: Float32Array) => void;
export const defaults = require('graphology-layout-forceatlas2/defaults.js') as Fa2Settings;
export const forceAtlas2 = require('graphology-layout-forceatlas2') as {
  inferSettings(order: number): Partial<Fa2Settings>;
  assign(g: MultiGraph, o: { iterations: number; settings: Partial<Fa2Settings>; getEdgeWeight: typeof weight }): void;
};

/** A graph shaped like zhkg's (articles to a few entities, entities co-occurring), seeded positions. */
export function graph(nodes: number, seed: number): MultiGraph {
  const next = seededRandom(seed);
  const rand = (k: number) => Math.floor(next() * k);
  const g = new MultiGraph();
  const articles = Math.max(1, Math.floor(nodes / 5));
  for (let i = 0; i < nodes; i++) g.addNode(`n${i}`, { x: rand(20001) / 100 - 100, y: rand(20001) / 100 - 100 });
  // Two nodes on the same spot: the quadtree's out-of-precision case.
  g.mergeNodeAttributes('n1', { x: g.getNodeAttribute('n2', 'x') as number, y: g.getNodeAttribute('n2', 'y') as number });
  const entity = () => `n${articles + rand(nodes - articles)}`;
  for (let a = 0; a < articles; a++) {
    const members = Array.from({ length: 2 + rand(4) }, entity);
    for (const m of members) g.addDirectedEdge(`n${a}`, m, { relation: 'participates_in', weight: 1 });
    for (let k = 1; k < members.length; k++) g.addUndirectedEdge(members[0]!, members[k]!, { relation: 'co_occurs', weight: 1 + rand(12) });
  }
  return g;
}

export const weight = (_e: string, a: Record<string, unknown>) => (a['relation'] === 'co_occurs' ? 1 : 3) * Math.min(a['weight'] as number, 10);

/** The start layoutGraph gives the library's `assign` (seeded, in a disc of radius 10·√n), as it did before zhkg iterated itself. */
export function seededStart(g: MultiGraph, seed: number): void {
  const rand = seededRandom(seed);
  const r = 10 * Math.sqrt(g.order);
  g.forEachNode((node) => {
    const a = rand() * 2 * Math.PI;
    const d = Math.sqrt(rand()) * r;
    g.mergeNodeAttributes(node, { x: d * Math.cos(a), y: d * Math.sin(a) });
  });
}
