/**
 * Edge-filtered views of a graph, so that the standard graphology algorithms (traversal, shortest
 * path) can run on "only these relations" without reimplementing them.
 */
import type { Attributes } from 'graphology-types';
import type { QueryGraph } from './attributes.js';

/** A copy with all nodes and only the edges for which `keep` is true (same keys and attributes). */
export function filterEdges(
  graph: QueryGraph,
  keep: (edge: string, attrs: Attributes) => boolean,
): QueryGraph {
  const view = graph.emptyCopy();
  graph.forEachEdge((edge, attrs, source, target, _sa, _ta, undirected) => {
    if (!keep(edge, attrs)) return;
    if (undirected) view.addUndirectedEdgeWithKey(edge, source, target, attrs);
    else view.addDirectedEdgeWithKey(edge, source, target, attrs);
  });
  return view;
}

/** Normalizes a string-or-list option into a set, or null for "no filter". */
export function optionSet(value: string | readonly string[] | undefined): Set<string> | null {
  if (value === undefined) return null;
  const list = typeof value === 'string' ? [value] : [...value];
  return list.length === 0 ? null : new Set(list);
}
