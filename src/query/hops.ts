/**
 * k-hop neighborhoods of a node given by its key (no name lookup: this module is bundled into the
 * viewer, which always knows keys). `neighbors()` in neighbors.ts resolves a name first, then walks here.
 * Traversal is graphology-traversal's BFS; the relation filter restricts which edges are walked,
 * the kind filter only which nodes are reported (a PLACE two hops away through a PERSON is found).
 */
import { bfsFromNode } from 'graphology-traversal';
import type { TraversalMode } from 'graphology-traversal/types';
import type { EdgeInfo, QueryGraph } from './attributes.js';
import { compareEdges, compareStrings, edgeInfo, isTyped, nodeKind, nodeLabel } from './attributes.js';
import { edgeView, optionSet } from './view.js';
import { periodView, type Period } from './period.js';

export type Direction = 'out' | 'in' | 'both';

/** `from`/`to` (Period): only what is attested in that period (src/query/period.ts). */
export interface NeighborOptions extends Period {
  /** Report only nodes of this kind (or kinds). */
  kind?: string | readonly string[];
  /** Walk only edges of this relation (or relations), e.g. 'role' or ['located_in', 'part_of']. */
  relation?: string | readonly string[];
  /** Edge direction from the start node: 'out' (default 'both'). Undirected edges always count. */
  direction?: Direction;
  /** Number of hops (default 1). */
  depth?: number;
}

/** An edge of a hop, with its direction seen from the node nearer the start. */
export interface HopEdge extends EdgeInfo {
  direction: 'out' | 'in' | 'undirected';
}

export interface Neighbor {
  key: string;
  label: string;
  kind: string;
  /** Hops from the start node (1 = direct neighbor). */
  depth: number;
  /** The node one hop nearer the start through which this one was reached. */
  via: string;
  viaLabel: string;
  /** All walked edges between `via` and this node, typed relations first. */
  edges: HopEdge[];
}

// 'outbound' and 'inbound' include undirected edges (co_occurs). graphology-traversal has no
// "all neighbors" mode, so 'both' walks an undirected copy of the view.
const MODES: Record<Direction, TraversalMode> = { out: 'outbound', in: 'inbound', both: 'outbound' };

/**
 * Nodes within `depth` hops of the node `start` (a key), nearest first; within a depth, nodes reached
 * by a typed relation before co-occurrence-only ones, then by label.
 */
export function neighborsOfKey(whole: QueryGraph, start: string, options: NeighborOptions = {}): Neighbor[] {
  const graph = periodView(whole, options);
  const depth = options.depth ?? 1;
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`depth must be a positive integer, got ${depth}`);
  const direction = options.direction ?? 'both';
  if (!(direction in MODES)) throw new RangeError(`direction must be out, in or both, got ${String(direction)}`);
  if (!graph.hasNode(start)) throw new RangeError(`no node ${JSON.stringify(start)}`);
  const relations = optionSet(options.relation);
  const kinds = optionSet(options.kind);
  const view = edgeView(graph, { only: relations }, false);

  const depthOf = new Map<string, number>();
  const order: string[] = [];
  bfsFromNode(
    direction === 'both' ? edgeView(graph, { only: relations }, true) : view,
    start,
    (key, _attrs, d) => {
      depthOf.set(key, d);
      order.push(key);
      return d >= depth; // true: do not expand beyond the requested depth
    },
    { mode: MODES[direction] },
  );

  // For each reached node, the first node of the previous layer (in BFS order) linking to it, and
  // every permitted edge between the two.
  const found = new Map<string, Neighbor>();
  for (const parent of order) {
    const d = depthOf.get(parent)!;
    if (d >= depth) continue;
    const byChild = new Map<string, HopEdge[]>();
    view.forEachEdge(parent, (edge, _a, source, target, _sa, _ta, undirected) => {
      if (source === target) return;
      const child = source === parent ? target : source;
      if (depthOf.get(child) !== d + 1 || found.has(child)) return;
      const dir = undirected ? 'undirected' : source === parent ? 'out' : 'in';
      if ((direction === 'out' && dir === 'in') || (direction === 'in' && dir === 'out')) return;
      const list = byChild.get(child) ?? [];
      list.push({ ...edgeInfo(graph, edge), direction: dir });
      byChild.set(child, list);
    });
    for (const [child, edges] of byChild) {
      found.set(child, {
        key: child,
        label: nodeLabel(graph, child),
        kind: nodeKind(graph, child),
        depth: d + 1,
        via: parent,
        viaLabel: nodeLabel(graph, parent),
        edges: edges.sort(compareEdges),
      });
    }
  }

  return [...found.values()]
    .filter((n) => !kinds || kinds.has(n.kind))
    .sort(
      (a, b) =>
        a.depth - b.depth || Number(isTyped(b.edges[0]!)) - Number(isTyped(a.edges[0]!)) || compareStrings(a.label, b.label) || compareStrings(a.key, b.key),
    );
}

/**
 * The nodes of the ego network of `centre` (a key): the centre and every node within `depth` hops,
 * walked as `neighborsOfKey` walks (relation, direction, kind, period). Used by `egoNetwork` and the viewer's focus.
 */
export function egoKeys(whole: QueryGraph, centre: string, depth: number, options: Omit<NeighborOptions, 'depth'> = {}): Set<string> {
  return new Set([centre, ...neighborsOfKey(whole, centre, { ...options, depth }).map((n) => n.key)]);
}
