import type { MultiGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { defaults, forceAtlas2, graph, helpers, libraryIterate, seededStart, weight } from './fa2-helpers.js';
import { Fa2Iterator, handledSettings, type Fa2Settings } from '../../src/layout/fa2-iterate.js';
import { BARNES_HUT_THETA, layoutGraph } from '../../src/layout/forceatlas2.js';

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
    seededStart(lib, 3);
    const settings = { ...forceAtlas2.inferSettings(lib.order), barnesHutOptimize: true, barnesHutTheta: BARNES_HUT_THETA, edgeWeightInfluence: 0.5 };
    forceAtlas2.assign(lib, { iterations: 8, settings, getEdgeWeight: weight });
    lib.forEachNode((node, a) =>
      lib.mergeNodeAttributes(node, { x: Math.round((a['x'] as number) * 1000) / 1000, y: Math.round((a['y'] as number) * 1000) / 1000 }),
    );
    expect(g.export()).toEqual(lib.export());
  });
});
