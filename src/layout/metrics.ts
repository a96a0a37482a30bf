/**
 * Graph metrics: degree (distinct neighbours), PageRank and Louvain communities. PageRank and Louvain run
 * on a simple weighted projection (parallel edges summed) because both expect a simple graph; typed
 * relations weigh more than co-occurrence so that communities follow stated facts.
 */
import Graph, { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import pagerank from 'graphology-metrics/centrality/pagerank.js';
import { seededRandom } from '../util/random.js';

const TYPED_WEIGHT = 3;

export function projection(graph: Graph): UndirectedGraph {
  const simple = new UndirectedGraph();
  graph.forEachNode((n) => simple.addNode(n));
  graph.forEachEdge((_e, attrs, s, t) => {
    if (s === t) return;
    const w = (attrs.relation === 'co_occurs' ? 1 : TYPED_WEIGHT) * (typeof attrs.weight === 'number' ? attrs.weight : 1);
    const key = s < t ? `${s}\u0000${t}` : `${t}\u0000${s}`;
    if (simple.hasEdge(key)) simple.updateEdgeAttribute(key, 'weight', (x) => (x as number) + w);
    else simple.addUndirectedEdgeWithKey(key, s, t, { weight: w });
  });
  return simple;
}

export function computeMetrics(graph: Graph, seed = 42): void {
  const simple = projection(graph);
  const communities = simple.size > 0 ? louvain(simple, { rng: seededRandom(seed), getEdgeWeight: 'weight' }) : {};
  const ranks = simple.size > 0 ? pagerank(simple, { getEdgeWeight: 'weight' }) : {};
  const n = Math.max(1, graph.order);
  graph.forEachNode((node) => {
    graph.mergeNodeAttributes(node, {
      degree: simple.degree(node),
      pagerank: Math.round((ranks[node] ?? 1 / n) * 1e8) / 1e8,
      community: communities[node] ?? 0,
    });
  });
}
