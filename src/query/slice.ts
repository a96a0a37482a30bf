/**
 * A slice of a built graph for `zhkg export`: the part attested in some articles, the ego network of an
 * entity (the query library's egoNetwork), the nodes of some kinds — in that order, each optional. Nodes
 * and edges keep their attributes (weights, evidence, positions) as in the whole graph.
 */
import { subgraph } from 'graphology-operators';
import type { QueryGraph } from './attributes.js';
import { toStringList } from './attributes.js';
import { egoNetwork } from './ego.js';

export interface SliceOptions {
  /** Keep what these articles attest: the test gets an article's id and its source file's name. */
  articles?: (id: string, source: string) => boolean;
  /** The ego network of this entity (name or key) … */
  ego?: string;
  /** … to this many hops (default 1). */
  depth?: number;
  /** Keep only nodes of these kinds (ARTICLE included); the ego's centre always stays. */
  kinds?: string[];
}

/** The slice as a new graph; the input is not changed. */
export function sliceGraph(whole: QueryGraph, options: SliceOptions): QueryGraph {
  let graph = whole;
  if (options.articles) graph = byArticles(graph, options.articles);
  let centre: string | undefined;
  if (options.ego !== undefined) {
    graph = egoNetwork(graph, options.ego, options.depth ?? 1);
    centre = graph.getAttribute('ego') as string;
  }
  if (options.kinds) {
    const kinds = new Set(options.kinds);
    graph = subgraph(
      graph,
      (key: string, attrs: Record<string, unknown>) => key === centre || kinds.has(typeof attrs['kind'] === 'string' ? attrs['kind'] : ''),
    );
  }
  return graph === whole ? whole.copy() : graph;
}

/** Nodes and edges attested in the chosen articles; the graph's article table keeps only those. */
function byArticles(graph: QueryGraph, chosen: (id: string, source: string) => boolean): QueryGraph {
  const table: unknown = graph.getAttribute('articles');
  const rows = Array.isArray(table) ? (table as Array<Record<string, unknown>>) : [];
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const ids = new Set(rows.filter((r) => typeof r?.['id'] === 'string' && chosen(text(r['id']), text(r['source']))).map((r) => text(r['id'])));
  const attested = (attrs: Record<string, unknown>) => toStringList(attrs['articles']).some((a) => ids.has(a));
  const part = subgraph(graph, (_key: string, attrs: Record<string, unknown>) => attested(attrs));
  part.forEachEdge((edge, attrs) => {
    if (!attested(attrs)) part.dropEdge(edge);
  });
  part.setAttribute(
    'articles',
    rows.filter((r) => ids.has(r['id'] as string)),
  );
  return part;
}
