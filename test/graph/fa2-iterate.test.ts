import { createRequire } from 'node:module';
import { MultiGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { Fa2Iterator, handledSettings, type Fa2Settings } from '../../src/layout/fa2-iterate.js';
import { layoutGraph } from '../../src/layout/forceatlas2.js';
import { seededRandom } from '../../src/util/random.js';

const require = createRequire(import.meta.url);
type Matrices = { nodes: Float32Array; edges: Float32Array };
const helpers = require('graphology-layout-forceatlas2/helpers.js') as {
  graphToByteArrays(g: MultiGraph, w: (e: string, a: Record<string, unknown>) => number): Matrices;
};
const libraryIterate = require('graphology-layout-forceatlas2/iterate.js') as (s: Fa2Settings, n: Float32Array, e: Float32Array) => void;
const defaults = require('graphology-layout-forceatlas2/defaults.js') as Fa2Settings;
const forceAtlas2 = require('graphology-layout-forceatlas2') as {
  inferSettings(order: number): Partial<Fa2Settings>;
  assign(g: MultiGraph, o: { iterations: number; settings: Partial<Fa2Settings>; getEdgeWeight: typeof weight }): void;
};

/** A graph shaped like zhkg's (articles to a few entities, entities co-occurring), seeded positions. */
function graph(nodes: number, seed: number): MultiGraph {
  let s = seed;
  const rand = (k: number) => {
    s = (s * 48271) % 2147483647;
    return s % k;
  };
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

const weight = (_e: string, a: Record<string, unknown>) => (a['relation'] === 'co_occurs' ? 1 : 3) * Math.min(a['weight'] as number, 10);

/** The node matrix after `iterations` of the library's iterate and of Fa2Iterator, from the same start. */
function both(g: MultiGraph, settings: Fa2Settings, iterations: number): [Float32Array, Float32Array] {
  const a = helpers.graphToByteArrays(g, weight);
  const b = { nodes: a.nodes.slice(), edges: a.edges.slice() };
  const it = new Fa2Iterator(settings, b.nodes, b.edges);
  for (let i = 0; i < iterations; i++) {
    libraryIterate(settings, a.nodes, a.edges);
    it.iterate();
  }
  return [a.nodes, b.nodes];
}

const bits = (m: Float32Array) => Buffer.from(m.buffer, m.byteOffset, m.byteLength);

describe('Fa2Iterator', () => {
  it('gives the library iteration’s node matrix bit for bit, with Barnes-Hut and without, strong gravity or not', () => {
    const cases: Array<[number, Partial<Fa2Settings>]> = [
      [2600, { barnesHutOptimize: true }],
      [400, { barnesHutOptimize: false }],
      [900, { barnesHutOptimize: true, strongGravityMode: false, gravity: 1 }],
    ];
    for (const [n, extra] of cases) {
      const g = graph(n, n);
      const settings: Fa2Settings = { ...defaults, ...forceAtlas2.inferSettings(g.order), edgeWeightInfluence: 0.5, ...extra };
      expect(handledSettings(settings)).toBe(true);
      const [lib, ours] = both(g, settings, 12);
      expect(bits(ours).equals(bits(lib))).toBe(true);
      // The iterations moved the nodes (a comparison of untouched matrices would prove nothing).
      expect(bits(ours).equals(bits(helpers.graphToByteArrays(g, weight).nodes))).toBe(false);
    }
  });

  it('refuses settings it does not compute (the layout gives those to the library)', () => {
    expect(() => new Fa2Iterator({ ...defaults, linLogMode: true }, new Float32Array(10), new Float32Array(0))).toThrow();
    expect(handledSettings({ ...defaults, adjustSizes: true })).toBe(false);
  });

  it('lays out a graph as graphology-layout-forceatlas2’s own assign did (seeded start, rounding)', () => {
    const g = graph(2100, 5);
    const lib = g.copy();
    layoutGraph(g, { seed: 3, iterations: 8 });
    // What layoutGraph did before it computed the iterations itself.
    const rand = seededRandom(3);
    const r = 10 * Math.sqrt(lib.order);
    lib.forEachNode((node) => {
      const a = rand() * 2 * Math.PI;
      const d = Math.sqrt(rand()) * r;
      lib.mergeNodeAttributes(node, { x: d * Math.cos(a), y: d * Math.sin(a) });
    });
    const settings = { ...forceAtlas2.inferSettings(lib.order), barnesHutOptimize: true, edgeWeightInfluence: 0.5 };
    forceAtlas2.assign(lib, { iterations: 8, settings, getEdgeWeight: weight });
    lib.forEachNode((node, a) =>
      lib.mergeNodeAttributes(node, { x: Math.round((a['x'] as number) * 1000) / 1000, y: Math.round((a['y'] as number) * 1000) / 1000 }),
    );
    expect(g.export()).toEqual(lib.export());
  });
});
