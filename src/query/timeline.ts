/**
 * An entity's relations in date order: one entry per dated report (evidence record) of each of its
 * edges — who held which title where, and when it was reported — with the sentence and the article.
 * Typed relations only by default (co-occurrence on request). A graph read from GEXF keeps only each
 * edge's first sentence and its `dates`: then one entry per date, with that sentence.
 */
import type { QueryGraph } from './attributes.js';
import { articleTable, CO_OCCURS, compareStrings, edgeInfo, nodeKind, nodeLabel, toStringList } from './attributes.js';
import { resolveEntity } from './find.js';
import type { PathNode } from './path.js';
import { periodView, type Period } from './period.js';

export interface TimelineOptions extends Period {
  /** Include co_occurs edges (default false). */
  coOccurs?: boolean;
  /** Only these relations. */
  relation?: string | readonly string[];
}

export interface TimelineEntry {
  /** ISO date of the report; null when the article has no date (listed last). */
  date: string | null;
  relation: string;
  /** The relation's label (for a role: the title). */
  label: string;
  /** 'out' when the entity is the edge's source (金宝 → 苏吉嘎查), 'in' when its target, 'undirected'. */
  direction: 'out' | 'in' | 'undirected';
  /** The other end of the edge. */
  other: PathNode;
  /** The supporting sentence ('' when none is stored). */
  evidence: string;
  /** The article that reported it, when known: id, title and URL from the graph's article table. */
  article?: { id: string; title?: string; url?: string };
  edge: string;
}

/** The timeline of `nameOrKey` (label, alias or key), oldest first, within the period when given. */
export function timeline(whole: QueryGraph, nameOrKey: string, options: TimelineOptions = {}): TimelineEntry[] {
  const graph = periodView(whole, options);
  const key = resolveEntity(graph, nameOrKey);
  const relations = options.relation === undefined ? null : new Set(typeof options.relation === 'string' ? [options.relation] : options.relation);
  const articles = articleTable(whole);
  const out: TimelineEntry[] = [];
  const seen = new Set<string>();
  graph.forEachEdge(key, (edge, attrs, source, target, _sa, _ta, undirected) => {
    const info = edgeInfo(graph, edge);
    if (!options.coOccurs && info.relation === CO_OCCURS) return;
    if (relations && !relations.has(info.relation)) return;
    const otherKey = source === key ? target : source;
    const base = {
      relation: info.relation,
      label: info.label,
      direction: undirected ? ('undirected' as const) : source === key ? ('out' as const) : ('in' as const),
      other: { key: otherKey, label: nodeLabel(graph, otherKey), kind: nodeKind(graph, otherKey) },
      edge,
    };
    const articleRef = (id: string | undefined) => {
      if (!id) return {};
      const row = articles.get(id);
      return { article: { id, ...(row?.title ? { title: row.title } : {}), ...(row?.url ? { url: row.url } : {}) } };
    };
    const list = Array.isArray(attrs.evidenceList) ? (attrs.evidenceList as Array<Record<string, unknown>>) : [];
    if (list.length > 0) {
      for (const ev of list) {
        const id = typeof ev.article === 'string' ? ev.article : undefined;
        const date = typeof ev.date === 'string' ? ev.date : (id && articles.get(id)?.date) || null;
        const sentence = typeof ev.sentence === 'string' ? ev.sentence : '';
        const dedupe = `${edge}\u0000${id ?? ''}\u0000${sentence}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        out.push({ date, ...base, evidence: sentence, ...articleRef(id) });
      }
      return;
    }
    // No full evidence (a GEXF): one entry per attested date, with the edge's first sentence and the
    // first of its articles of that date.
    const dates = toStringList(attrs.dates);
    const ids = info.articles;
    if (dates.length === 0) {
      out.push({ date: null, ...base, evidence: info.evidence, ...articleRef(ids[0]) });
      return;
    }
    for (const date of dates) {
      const id = ids.find((a) => articles.get(a)?.date === date);
      out.push({ date, ...base, evidence: info.evidence, ...articleRef(id) });
    }
  });
  return out.sort(
    (a, b) =>
      (a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) ||
      compareStrings(a.date ?? '', b.date ?? '') ||
      Number(a.relation === CO_OCCURS) - Number(b.relation === CO_OCCURS) ||
      compareStrings(a.relation, b.relation) ||
      compareStrings(a.label, b.label) ||
      compareStrings(a.other.label, b.other.label) ||
      compareStrings(a.article?.id ?? '', b.article?.id ?? '') ||
      compareStrings(a.edge, b.edge),
  );
}

/** A plain-text table of a timeline: date, relation (title), the other end, sentence, article. */
export function formatTimeline(label: string, entries: readonly TimelineEntry[]): string {
  const lines: string[] = [];
  for (const e of entries) {
    const rel = e.label && e.label !== e.relation ? `${e.relation}:${e.label}` : e.relation;
    const other = `${e.other.label} [${e.other.kind || '?'}]`;
    const pair = e.direction === 'in' ? `${other} → ${label}` : e.direction === 'out' ? `${label} → ${other}` : `${label} — ${other}`;
    const article = e.article ? `  (${e.article.title ?? e.article.id}${e.article.url ? ` ${e.article.url}` : ''})` : '';
    lines.push(`${e.date ?? '(undated)'}  ${rel}  ${pair}`);
    if (e.evidence) lines.push(`    “${e.evidence}”${article}`);
    else if (article) lines.push(`   ${article}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
