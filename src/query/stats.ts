/**
 * Summary figures of a graph: counts per node kind and per relation, the most frequent role titles,
 * and the top entities by degree or PageRank (stored attributes when present, else computed with
 * graphology-metrics).
 */
import pagerank from 'graphology-metrics/centrality/pagerank.js';
import { toSimple } from 'graphology-operators';
import type { QueryGraph } from './attributes.js';
import { compareStrings, nodeKind, nodeLabel, numberAttr } from './attributes.js';
import { periodView, type Period } from './period.js';

/** `from`/`to` (Period): figures of what is attested in that period. */
export interface StatsOptions extends Period {
  /** How many top entities to list (default 10). */
  top?: number;
  /** Rank by 'degree' (default) or 'pagerank'. */
  by?: 'degree' | 'pagerank';
  /** Leave ARTICLE nodes out of the ranking (default true: they are documents, not entities). */
  entitiesOnly?: boolean;
}

export interface RankedEntity {
  key: string;
  label: string;
  kind: string;
  degree: number;
  pagerank: number;
}

export interface GraphStats {
  nodes: number;
  edges: number;
  /** [kind, count], most frequent first. */
  kinds: Array<[string, number]>;
  /** [relation, count], most frequent first. */
  relations: Array<[string, number]>;
  /** [role title, count], most frequent first. */
  titles: Array<[string, number]>;
  by: 'degree' | 'pagerank';
  top: RankedEntity[];
}

export function graphStats(whole: QueryGraph, options: StatsOptions = {}): GraphStats {
  const graph = periodView(whole, options);
  const topN = options.top ?? 10;
  if (!Number.isInteger(topN) || topN < 0) throw new RangeError(`top must be a non-negative integer, got ${topN}`);
  const by = options.by ?? 'degree';
  if (by !== 'degree' && by !== 'pagerank') throw new RangeError(`by must be degree or pagerank, got ${String(by)}`);
  const entitiesOnly = options.entitiesOnly ?? true;

  const kinds = new Map<string, number>();
  graph.forEachNode((key) => bump(kinds, nodeKind(graph, key) || '(none)'));
  const relations = new Map<string, number>();
  const titles = new Map<string, number>();
  graph.forEachEdge((_e, a) => {
    bump(relations, String(a.relation ?? '') || '(none)');
    if (a.relation === 'role' && a.label) bump(titles, String(a.label));
  });

  const ranks = pagerankScores(graph);
  const ranked: RankedEntity[] = [];
  graph.forEachNode((key, attrs) => {
    const kind = nodeKind(graph, key);
    if (entitiesOnly && kind === 'ARTICLE') return;
    ranked.push({
      key,
      label: nodeLabel(graph, key),
      kind,
      degree: numberAttr(attrs, 'degree') ?? graph.degree(key),
      pagerank: ranks[key] ?? 0,
    });
  });
  ranked.sort(
    (a, b) =>
      (by === 'degree' ? b.degree - a.degree || b.pagerank - a.pagerank : b.pagerank - a.pagerank || b.degree - a.degree) ||
      compareStrings(a.label, b.label) ||
      compareStrings(a.key, b.key),
  );
  return {
    nodes: graph.order,
    edges: graph.size,
    kinds: sorted(kinds),
    relations: sorted(relations),
    titles: sorted(titles),
    by,
    top: ranked.slice(0, topN),
  };
}

/** Stored `pagerank` attributes when every node has one; otherwise PageRank of the simple graph. */
function pagerankScores(graph: QueryGraph): Record<string, number> {
  const stored: Record<string, number> = {};
  let complete = true;
  graph.forEachNode((key, attrs) => {
    const v = numberAttr(attrs, 'pagerank');
    if (v === undefined) complete = false;
    else stored[key] = v;
  });
  if (complete || graph.order === 0) return stored;
  // Parallel edges (role + co_occurs between the same pair) would count a link twice.
  return pagerank(toSimple(graph), { getEdgeWeight: null });
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sorted(map: Map<string, number>): Array<[string, number]> {
  return [...map].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]));
}
