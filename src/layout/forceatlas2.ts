/**
 * ForceAtlas2 layout from seeded positions. Barnes-Hut above 2,000 nodes (SPEC §7: 10× faster at 10k);
 * iterations shrink as the graph grows so large builds stay bounded.
 */
import type Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Fa2Iterator, handledSettings, sharedCopy, type Fa2Settings } from './fa2-iterate.js';
import { seededRandom } from '../util/random.js';

export interface LayoutOptions {
  seed?: number;
  iterations?: number;
  /**
   * 2: a worker thread sums part of the repulsion (./fa2-threads.ts) when the graph has at least
   * `BARNES_HUT_MIN_NODES` nodes and the machine more than one core (`layoutThreaded`); 1: never. Same positions either way.
   * Default 2.
   */
  threads?: 1 | 2;
}

/**
 * The smallest graph laid out with Barnes-Hut, and so the smallest whose layout starts a worker thread (the
 * repulsion of all pairs below it stays on one thread). It pays from there: 2,001 nodes, 100 iterations, 0.72–0.81 s
 * on one thread, 0.53–0.54 s on two (from dist/, load 3.6, 2 Dec 2026).
 */
export const BARNES_HUT_MIN_NODES = 2001;

/**
 * Barnes-Hut's θ: a cell of the tree stands for its nodes when its size is less than θ times its distance. 1.2,
 * Gephi's ForceAtlas2 default (graphology's is 0.5). Measured on 2 Dec 2026: a synthetic graph of 15,500 nodes
 * (bench/fa2.ts), 50 iterations, 6.2 → 2.2 s at load 2.6–3.6; the 50 MB bench corpus's graph (15,498 nodes), layout
 * stage 5.6 → 2.1 s at load ~3. The layout is no looser: mean edge length ÷ mean distance of random node pairs
 * 0.2653 → 0.2639 (synthetic) and 0.3202 → 0.3084 (bench graph; medians 0.2865 → 0.2742).
 */
export const BARNES_HUT_THETA = 1.2;

/** Whether `layoutGraph` sums the repulsion of a graph of `order` nodes on a worker thread too. */
export function layoutThreaded(order: number, threads: 1 | 2 = 2): boolean {
  return threads === 2 && order >= BARNES_HUT_MIN_NODES && availableParallelism() > 1;
}

export function iterationsFor(order: number): number {
  if (order <= 500) return 300;
  if (order <= 2000) return 200;
  if (order <= 10000) return 100;
  return 50;
}

export function layoutGraph(graph: Graph, options: LayoutOptions = {}): void {
  const rand = seededRandom(options.seed ?? 7);
  // Seeded start: a disc of radius ~sqrt(order), in node insertion order (sorted keys).
  const r = 10 * Math.sqrt(Math.max(1, graph.order));
  graph.forEachNode((node) => {
    const a = rand() * 2 * Math.PI;
    const d = Math.sqrt(rand()) * r;
    graph.mergeNodeAttributes(node, { x: d * Math.cos(a), y: d * Math.sin(a) });
  });
  if (graph.order > 1) {
    const settings = {
      ...forceAtlas2.inferSettings(graph),
      barnesHutOptimize: graph.order >= BARNES_HUT_MIN_NODES,
      barnesHutTheta: BARNES_HUT_THETA,
      edgeWeightInfluence: 0.5,
    };
    const getEdgeWeight = (_e: string, attrs: Record<string, unknown>) =>
      (attrs.relation === 'co_occurs' ? 1 : 3) * (typeof attrs.weight === 'number' ? Math.min(attrs.weight, 10) : 1);
    const iterations = options.iterations ?? iterationsFor(graph.order);
    const all = { ...library().defaults, ...settings };
    if (handledSettings(all)) {
      // The library's iteration, computed faster (./fa2-iterate.ts), over the library's matrices.
      const { helpers } = library();
      // NaN coerced to 1 as the library's weight getter does.
      const m = helpers.graphToByteArrays(graph, (e, attrs) => {
        const w = getEdgeWeight(e, attrs);
        return Number.isNaN(w) ? 1 : w;
      });
      const thread = layoutThreaded(graph.order, options.threads);
      const nodes = thread ? sharedCopy(m.nodes) : m.nodes;
      const it = new Fa2Iterator(all, nodes, m.edges, { thread });
      try {
        for (let i = 0; i < iterations; i++) it.iterate();
      } finally {
        it.close();
      }
      helpers.assignLayoutChanges(graph, nodes, null);
    } else forceAtlas2.assign(graph, { iterations, settings, getEdgeWeight });
  }
  // Rounded so the exports are short and stable.
  graph.forEachNode((node, attrs) => {
    graph.mergeNodeAttributes(node, { x: Math.round((attrs.x as number) * 1000) / 1000, y: Math.round((attrs.y as number) * 1000) / 1000 });
  });
}

interface Fa2Helpers {
  graphToByteArrays(graph: Graph, weight: (edge: string, attrs: Record<string, unknown>) => number): { nodes: Float32Array; edges: Float32Array };
  assignLayoutChanges(graph: Graph, nodes: Float32Array, reducer: null): void;
}

let lib: { defaults: Fa2Settings; helpers: Fa2Helpers } | undefined;

/** graphology-layout-forceatlas2's default settings and matrix helpers (CommonJS modules of the package). */
function library(): { defaults: Fa2Settings; helpers: Fa2Helpers } {
  if (lib) return lib;
  const require = createRequire(import.meta.url);
  return (lib = {
    defaults: require('graphology-layout-forceatlas2/defaults.js') as Fa2Settings,
    helpers: require('graphology-layout-forceatlas2/helpers.js') as Fa2Helpers,
  });
}
