/**
 * Shortest path between two nodes given by key (no name lookup: this module is bundled into the
 * viewer), with the relation, label and evidence of each hop. `shortestPath()` in path.ts resolves names.
 *
 * Direction is ignored (金宝 -role-> 苏吉嘎查 <-role- 王伟 is a path), and stated relations are
 * preferred to co-occurrence: a path over typed relations only is searched first; only when none
 * exists are co_occurs edges allowed, each costing more than any typed path could (so the result
 * has the fewest co-occurrence hops, then the fewest hops).
 */
import { bidirectional } from 'graphology-shortest-path/dijkstra.js';
import type { Attributes } from 'graphology-types';
import type { EdgeInfo, QueryGraph } from './attributes.js';
import { CO_OCCURS, compareEdges, edgeInfo, isTyped, nodeKind, nodeLabel } from './attributes.js';
import type { HopEdge } from './hops.js';
import { edgeView } from './view.js';
import { periodView, type Period } from './period.js';

/** `from`/`to` (Period): a path over what is attested in that period. */
export interface PathOptions extends Period {
  /**
   * How co_occurs edges may be used: 'fallback' (default; only when no typed path exists),
   * 'never', or 'equal' (as good as a typed relation).
   */
  coOccurs?: 'fallback' | 'never' | 'equal';
}

export interface PathNode {
  key: string;
  label: string;
  kind: string;
}

export interface PathHop {
  from: PathNode;
  to: PathNode;
  /** The edge shown for this hop (best first of `edges`); `direction` is seen from `from`. */
  edge: HopEdge;
  /** Every usable edge between the two nodes, best first. */
  edges: HopEdge[];
}

export interface PathResult {
  nodes: PathNode[];
  hops: PathHop[];
  /** True when some hop had to use co-occurrence. */
  usesCoOccurs: boolean;
}

/** The shortest path from node `source` to node `target` (keys), or null when they are not connected. */
export function pathBetweenKeys(whole: QueryGraph, source: string, target: string, options: PathOptions = {}): PathResult | null {
  const graph = periodView(whole, options);
  const mode = options.coOccurs ?? 'fallback';
  if (!['fallback', 'never', 'equal'].includes(mode)) throw new RangeError(`coOccurs must be fallback, never or equal, got ${String(mode)}`);
  for (const k of [source, target]) if (!graph.hasNode(k)) throw new RangeError(`no node ${JSON.stringify(k)}`);

  let keys: string[] | null = null;
  let allowCo = mode === 'equal';
  if (mode !== 'equal') {
    keys = search(edgeView(graph, { except: CO_OCCURS }, true), source, target, () => 1);
  }
  if (!keys && mode !== 'never') {
    allowCo = true;
    const coCost = mode === 'equal' ? 1 : graph.order + 1;
    keys = search(edgeView(graph, {}, true), source, target, (attrs) => (attrs.relation === CO_OCCURS ? coCost : 1));
  }
  if (!keys) return null;

  const nodes = keys.map((key) => ({ key, label: nodeLabel(graph, key), kind: nodeKind(graph, key) }));
  const hops: PathHop[] = [];
  for (let i = 1; i < keys.length; i++) {
    const from = keys[i - 1]!;
    const to = keys[i]!;
    const edges = graph
      .edges(from, to)
      .concat(graph.type === 'undirected' ? [] : graph.directedEdges(to, from))
      .map((e) => hopEdge(edgeInfo(graph, e), from))
      .filter((e) => allowCo || isTyped(e));
    const unique = [...new Map(edges.map((e) => [e.key, e])).values()].sort(compareEdges);
    hops.push({ from: nodes[i - 1]!, to: nodes[i]!, edge: unique[0]!, edges: unique });
  }
  return { nodes, hops, usesCoOccurs: hops.some((h) => !isTyped(h.edge)) };
}

function search(graph: QueryGraph, source: string, target: string, cost: (attrs: Attributes) => number): string[] | null {
  // `graph` is an undirected view: direction does not matter for a path between two entities.
  const path = bidirectional(graph, source, target, (_e, attrs) => cost(attrs));
  return path && path.length > 0 ? path : null;
}

function hopEdge(e: EdgeInfo, from: string): HopEdge {
  return { ...e, direction: e.undirected ? 'undirected' : e.source === from ? 'out' : 'in' };
}
