/**
 * ForceAtlas2 on a synthetic graph shaped like zhkg's: articles linked to a few entities each, entities
 * sharing articles, places in a tree, mixed typed and co_occurs edges (seeded, deterministic). CPU figures are of
 * all threads (the repulsion's worker included).
 */
import { MultiGraph } from 'graphology';
import { BARNES_HUT_MIN_NODES, iterationsFor, layoutGraph, layoutThreaded } from '../src/layout/forceatlas2.js';

export function syntheticGraph(nodes: number, seed = 11): MultiGraph {
  let s = seed;
  const rand = (k: number) => {
    s = (s * 48271) % 2147483647;
    return s % k;
  };
  const g = new MultiGraph();
  const articles = Math.max(1, Math.floor(nodes / 5));
  for (let i = 0; i < nodes; i++) g.addNode(i < articles ? `ARTICLE:${i}` : `E:${i}`, { kind: i < articles ? 'ARTICLE' : 'PERSON' });
  const entity = () => `E:${articles + rand(nodes - articles)}`;
  for (let a = 0; a < articles; a++) {
    const members = Array.from({ length: 3 + rand(4) }, entity);
    for (const m of members) if (!g.hasEdge(`ARTICLE:${a}`, m)) g.addDirectedEdge(`ARTICLE:${a}`, m, { relation: 'participates_in', weight: 1 });
    for (let k = 1; k < members.length; k++) {
      if (members[k] !== members[0]) g.addUndirectedEdge(members[0]!, members[k]!, { relation: 'co_occurs', weight: 1 + rand(3) });
    }
  }
  return g;
}

/** One layout of the synthetic graph; `threads` 2: the repulsion's worker thread when the graph is big enough. */
export function fa2Bench(
  nodes: number,
  threads: 1 | 2 = 2,
): { nodes: number; edges: number; iterations: number; barnesHut: boolean; threaded: boolean; ms: number; cpuMs: number } {
  const g = syntheticGraph(nodes);
  const t = performance.now();
  const c = process.cpuUsage();
  layoutGraph(g, { seed: 7, threads });
  const cpu = process.cpuUsage(c);
  return {
    nodes: g.order,
    edges: g.size,
    iterations: iterationsFor(g.order),
    barnesHut: g.order >= BARNES_HUT_MIN_NODES,
    threaded: layoutThreaded(g.order, threads),
    ms: performance.now() - t,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}
