/**
 * Search over node labels and aliases by substring. Chinese names have no word boundaries, so a
 * token index (built for English) would miss 嘎查 inside 苏吉嘎查党支部; a plain substring scan over a
 * few thousand short strings is fast enough and matches what users type.
 */

export interface SearchEntry {
  node: string;
  /** the label or alias as written */
  text: string;
  /** normalized form used for matching */
  norm: string;
  isAlias: boolean;
  /** tie-breaker: more connected nodes first */
  weight: number;
}

export interface SearchHit {
  node: string;
  label: string;
  /** the alias that matched, when the label itself did not */
  alias: string | null;
  score: number;
}

export interface SearchableNode {
  key: string;
  label: string;
  aliases: readonly string[];
  weight: number;
}

/** NFKC folds full-width forms; spaces are dropped because PDF damage puts them inside words. */
export function normalizeQuery(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

export function buildSearchIndex(nodes: Iterable<SearchableNode>): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const n of nodes) {
    const seen = new Set<string>();
    const add = (text: string, isAlias: boolean): void => {
      const norm = normalizeQuery(text);
      if (norm === '' || seen.has(norm)) return;
      seen.add(norm);
      entries.push({ node: n.key, text, norm, isAlias, weight: n.weight });
    };
    add(n.label, false);
    for (const a of n.aliases) add(a, true);
  }
  return entries;
}

/** Lower is better: exact, then prefix, then inner substring; a label beats an alias. */
function rank(entry: SearchEntry, q: string): number {
  const at = entry.norm.indexOf(q);
  if (at < 0) return -1;
  const place = entry.norm === q ? 0 : at === 0 ? 1 : 2;
  return place * 2 + (entry.isAlias ? 1 : 0);
}

export function search(index: readonly SearchEntry[], query: string, limit = 10): SearchHit[] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`search: limit must be a positive integer, got ${limit}`);
  const q = normalizeQuery(query);
  if (q === '') return [];
  const best = new Map<string, { entry: SearchEntry; r: number }>();
  const labels = new Map<string, string>();
  for (const e of index) {
    if (!e.isAlias) labels.set(e.node, e.text);
    const r = rank(e, q);
    if (r < 0) continue;
    const prev = best.get(e.node);
    if (!prev || r < prev.r) best.set(e.node, { entry: e, r });
  }
  const hits = [...best.values()].sort(
    (a, b) =>
      a.r - b.r ||
      b.entry.weight - a.entry.weight ||
      a.entry.norm.length - b.entry.norm.length ||
      (a.entry.node < b.entry.node ? -1 : a.entry.node > b.entry.node ? 1 : 0),
  );
  return hits.slice(0, limit).map(({ entry, r }) => ({
    node: entry.node,
    label: labels.get(entry.node) ?? entry.text,
    alias: entry.isAlias ? entry.text : null,
    score: r,
  }));
}
