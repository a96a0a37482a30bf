/**
 * Edge-filtered views of a graph, so that the standard graphology algorithms (traversal, shortest
 * path) can run on "only these relations" without reimplementing them.
 */
import { toUndirected } from 'graphology-operators';
import type { Attributes } from 'graphology-types';
import type { QueryGraph } from './attributes.js';

/** A copy with all nodes and only the edges for which `keep` is true (same keys and attributes). */
export function filterEdges(graph: QueryGraph, keep: (edge: string, attrs: Attributes) => boolean): QueryGraph {
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

// Views are as large as the graph and copying one costs ~0.2 s at 40k edges, so a script asking many
// questions of one graph would pay that on every call. They are cached per graph and dropped on any
// structural or attribute change (graphology events: period views also read node attributes and the
// graph's article table). In-place mutation of an attribute object
// emits no event: call graph.setEdgeAttribute/replaceEdgeAttributes instead.
const caches = new WeakMap<QueryGraph, Map<string, QueryGraph>>();
const INVALIDATING_EVENTS = [
  'nodeAdded',
  'edgeAdded',
  'nodeDropped',
  'edgeDropped',
  'cleared',
  'edgesCleared',
  'edgeAttributesUpdated',
  'eachEdgeAttributesUpdated',
  'nodeAttributesUpdated',
  'eachNodeAttributesUpdated',
  'attributesUpdated',
] as const;

/** The view `id` of `graph`, built by `build` on first use and kept until the graph changes. */
export function cachedView(graph: QueryGraph, id: string, build: () => QueryGraph): QueryGraph {
  let cache = caches.get(graph);
  if (!cache) {
    const fresh = new Map<string, QueryGraph>();
    for (const event of INVALIDATING_EVENTS) graph.on(event, () => fresh.clear());
    caches.set(graph, fresh);
    cache = fresh;
  }
  let view = cache.get(id);
  if (!view) {
    view = build();
    cache.set(id, view);
  }
  return view;
}

/** Which edges a view keeps: relations in `only` (when given) and not equal to `except`. */
export interface EdgeSpec {
  only?: ReadonlySet<string> | null;
  except?: string;
}

/** The graph restricted to the edges of `spec`, optionally as an undirected graph; cached. */
export function edgeView(graph: QueryGraph, spec: EdgeSpec, undirected: boolean): QueryGraph {
  const only = spec.only ?? null;
  const except = spec.except;
  const filtering = only !== null || except !== undefined;
  if (!filtering && !undirected) return graph;
  const id = `only=${only ? [...only].sort().join(',') : '*'}|except=${except ?? ''}`;
  const filtered = filtering
    ? cachedView(graph, id, () =>
        filterEdges(graph, (_e, a) => {
          const relation = String(a.relation ?? '');
          return (!only || only.has(relation)) && relation !== except;
        }),
      )
    : graph;
  return undirected ? cachedView(graph, `${id}|undirected`, () => toUndirected(filtered)) : filtered;
}
