/**
 * Graph assembly: entities, articles and relation facts → a graphology mixed multi graph (SPEC §3).
 * Parallel facts of the same relation, label and endpoints are merged into one edge whose `weight` counts
 * the supporting sentences; different relations between the same pair stay separate edges.
 */
import { MultiGraph } from 'graphology';
import type { Article, Entity, Evidence, RelationFact, RelationType } from '../types.js';
import { makeEvidence } from '../text/evidence.js';

/** Relations drawn without direction. */
export const UNDIRECTED_RELATIONS: ReadonlySet<RelationType> = new Set(['co_occurs', 'partner_of']);

/** Supporting sentences kept per edge in the JSON export (the GEXF keeps the first). */
export const MAX_EDGE_EVIDENCE = 20;

export function articleKey(articleId: string): string {
  return `ARTICLE:${articleId}`;
}

interface EdgeDraft {
  key: string;
  source: string;
  target: string;
  relation: RelationType;
  label: string;
  undirected: boolean;
  weight: number;
  articles: Set<string>;
  evidence: Evidence[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Evidence in date order (undated last); the sort is stable, so same-date records keep text order. */
function sortEvidence(list: Evidence[]): Evidence[] {
  if (!list.some((e) => e.date)) return list;
  return [...list].sort((a, b) => ((a.date ?? '\uffff') < (b.date ?? '\uffff') ? -1 : (a.date ?? '\uffff') > (b.date ?? '\uffff') ? 1 : 0));
}

/**
 * `dates` (the distinct ISO dates of the dated articles among `ids`, sorted), `first_seen` and
 * `last_seen`; nothing when none of the articles is dated.
 */
function datesOf(ids: Iterable<string>, dateOf: ReadonlyMap<string, string>): { dates?: string[]; first_seen?: string; last_seen?: string } {
  const set = new Set<string>();
  for (const id of ids) {
    const d = dateOf.get(id);
    if (d) set.add(d);
  }
  if (set.size === 0) return {};
  const dates = [...set].sort(cmp);
  return { dates, first_seen: dates[0]!, last_seen: dates[dates.length - 1]! };
}

export function buildGraph(entities: Entity[], articles: Article[], facts: RelationFact[]): MultiGraph {
  const graph = new MultiGraph({ allowSelfLoops: false });
  graph.setAttribute(
    'articles',
    articles.map((a) => ({
      id: a.id,
      title: a.title,
      section: a.section,
      source: a.source,
      authors: a.authors.map((x) => ({ name: x.name, role: x.role })),
      ...articleMeta(a),
    })),
  );
  const dateOf = new Map<string, string>();
  for (const a of articles) if (a.date) dateOf.set(a.id, a.date);
  for (const a of articles) {
    graph.addNode(articleKey(a.id), {
      label: a.title,
      kind: 'ARTICLE',
      aliases: [],
      mentions: 1,
      articles: [a.id],
      evidence: [makeEvidence(a, [[0, Math.min(a.title.length, a.text.length)]])],
      source: a.source,
      ...articleMeta(a),
      ...datesOf([a.id], dateOf),
    });
  }
  for (const e of entities) {
    graph.addNode(e.key, {
      label: e.label,
      kind: e.kind,
      aliases: [...e.aliases],
      mentions: e.mentions,
      articles: [...e.articles].sort(cmp),
      evidence: sortEvidence(e.evidence),
      ...(e.attributes ?? {}),
      ...datesOf(e.articles, dateOf),
    });
  }

  const drafts = new Map<string, EdgeDraft>();
  for (const f of facts) {
    if (f.source === f.target || !graph.hasNode(f.source) || !graph.hasNode(f.target)) continue;
    const undirected = UNDIRECTED_RELATIONS.has(f.relation);
    const [s, t] = undirected && f.target < f.source ? [f.target, f.source] : [f.source, f.target];
    const key = `${f.relation}:${s}${undirected ? '--' : '->'}${t}${f.relation === 'role' || f.relation === 'authored' ? `#${f.label}` : ''}`;
    let d = drafts.get(key);
    if (!d) {
      d = { key, source: s, target: t, relation: f.relation, label: f.label, undirected, weight: 0, articles: new Set(), evidence: [] };
      drafts.set(key, d);
    }
    d.weight++;
    d.articles.add(f.evidence.article);
    if (d.evidence.length < MAX_EDGE_EVIDENCE && !d.evidence.some((x) => x.article === f.evidence.article && x.sentence === f.evidence.sentence)) {
      d.evidence.push(f.evidence);
    }
  }
  for (const d of [...drafts.values()].sort((a, b) => cmp(a.key, b.key))) {
    const evidence = sortEvidence(d.evidence);
    const attrs = {
      relation: d.relation,
      label: d.label,
      weight: d.weight,
      articles: [...d.articles].sort(cmp),
      evidence: evidence[0]?.sentence ?? '',
      evidenceList: evidence,
      ...datesOf(d.articles, dateOf),
    };
    if (d.undirected) graph.addUndirectedEdgeWithKey(d.key, d.source, d.target, attrs);
    else graph.addDirectedEdgeWithKey(d.key, d.source, d.target, attrs);
  }
  return graph;
}

/**
 * Page, date, URL and publisher of an article, as node attributes (`page`, `date`, `date_source`, `url`,
 * `publisher`), when known.
 */
function articleMeta(a: Article): Record<string, string | number> {
  return {
    ...(a.page !== undefined ? { page: a.page } : {}),
    ...(a.date ? { date: a.date, date_source: a.dateSource ?? 'metadata' } : {}),
    ...(a.url ? { url: a.url } : {}),
    ...(a.publisher ? { publisher: a.publisher } : {}),
  };
}
