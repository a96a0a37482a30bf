/**
 * Who holds a title, and where: every `role` edge whose label is the title (第一书记), with the
 * organization or place it is held at and that place's chain of containing places (苏吉嘎查 →
 * 格日勒敖都苏木 → 二连浩特市 → 锡林郭勒盟), followed through located_in and part_of edges.
 */
import type { QueryGraph } from './attributes.js';
import { compareEdges, compareStrings, edgeInfo, nodeKind, nodeLabel } from './attributes.js';
import type { PathNode } from './path.js';
import { periodView, type Period } from './period.js';

/** `from`/`to` (Period): only roles reported in that period. */
export interface HoldersOptions extends Period {
  /** 'exact' (default): the role label equals the title; 'substring': it contains it (书记). */
  match?: 'exact' | 'substring';
}

export interface Holder {
  /** Usually the PERSON holding the title. */
  holder: PathNode;
  /** The role label as stored (equals the title under exact matching). */
  title: string;
  /** The organization or place the title is held at. */
  at: PathNode;
  /** Containing places/organizations of `at`, nearest first. */
  within: PathNode[];
  evidence: string;
  articles: string[];
  edge: string;
}

const CONTAINMENT = new Set(['located_in', 'part_of']);
const MAX_CHAIN = 12;

export function holdersOf(whole: QueryGraph, title: string, options: HoldersOptions = {}): Holder[] {
  const graph = periodView(whole, options);
  const wanted = title.trim();
  if (wanted === '') throw new RangeError('title must not be empty');
  const match = options.match ?? 'exact';
  if (match !== 'exact' && match !== 'substring') throw new RangeError(`match must be exact or substring, got ${String(match)}`);
  const node = (key: string): PathNode => ({ key, label: nodeLabel(graph, key), kind: nodeKind(graph, key) });
  const out: Holder[] = [];
  const chains = new Map<string, PathNode[]>(); // many holders share a village
  const within = (key: string): PathNode[] => {
    let chain = chains.get(key);
    if (!chain) chains.set(key, (chain = containers(graph, key).map(node)));
    return chain;
  };
  graph.forEachEdge((edge, attrs, source, target) => {
    if (attrs.relation !== 'role') return;
    const label = String(attrs.label ?? '');
    if (match === 'exact' ? label !== wanted : !label.includes(wanted)) return;
    const info = edgeInfo(graph, edge);
    out.push({
      holder: node(source),
      title: label,
      at: node(target),
      within: [...within(target)],
      evidence: info.evidence,
      articles: info.articles,
      edge,
    });
  });
  return out.sort(
    (a, b) =>
      compareStrings(a.title, b.title) ||
      compareStrings(a.holder.label, b.holder.label) ||
      compareStrings(a.at.label, b.at.label) ||
      compareStrings(a.holder.key, b.holder.key) ||
      compareStrings(a.edge, b.edge),
  );
}

/** The chain of containers of `key`: at each step the best outgoing located_in/part_of edge. */
export function containers(graph: QueryGraph, key: string): string[] {
  const chain: string[] = [];
  const seen = new Set([key]);
  let current = key;
  while (chain.length < MAX_CHAIN) {
    const next = graph
      .outEdges(current)
      .map((e) => edgeInfo(graph, e))
      .filter((e) => CONTAINMENT.has(e.relation) && !seen.has(e.target))
      // located_in before part_of, then the usual edge order
      .sort((a, b) => compareStrings(a.relation, b.relation) || compareEdges(a, b))[0];
    if (!next) break;
    chain.push(next.target);
    seen.add(next.target);
    current = next.target;
  }
  return chain;
}
