/**
 * Graph assembly: entities, articles and relation facts → a graphology mixed multi graph (SPEC §3).
 * Parallel facts of the same relation, label and endpoints are merged into one edge whose `weight` counts
 * the supporting sentences; different relations between the same pair stay separate edges.
 */
import { MultiGraph } from 'graphology';
import type { Article, Entity, Evidence, RelationFact, RelationType } from '../types.js';
import { makeEvidence } from '../text/evidence.js';
import { compareFacts } from '../util/facts.js';

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
  /** The facts whose evidence the edge keeps, in compareFacts order (see keepFact). */
  facts: RelationFact[];
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
  const g = new GraphAssembler();
  for (const a of articles) g.addArticle(a);
  g.setEntities(entities);
  for (const f of facts) g.addFact(f);
  return g.finish();
}

/** The graph builder's edge key: relation, endpoints (ordered for undirected relations), label of roles and bylines. */
export function edgeKeyOf(f: RelationFact): { key: string; source: string; target: string; undirected: boolean } {
  const undirected = UNDIRECTED_RELATIONS.has(f.relation);
  const [source, target] = undirected && f.target < f.source ? [f.target, f.source] : [f.source, f.target];
  const key = `${f.relation}:${source}${undirected ? '--' : '->'}${target}${f.relation === 'role' || f.relation === 'authored' ? `#${f.label}` : ''}`;
  return { key, source, target, undirected };
}

const samePair = (a: RelationFact, b: RelationFact) => a.evidence.article === b.evidence.article && a.evidence.sentence === b.evidence.sentence;

/**
 * Adds `f` to an edge's kept facts: per (article, sentence) the first fact in `compareFacts` order, and of
 * those the MAX_EDGE_EVIDENCE first. Whatever order facts arrive in, the list ends as the builder's walk
 * over the sorted facts would leave it. Returns false when `f` is not kept.
 */
function keepFact(list: RelationFact[], f: RelationFact): boolean {
  if (list.length >= MAX_EDGE_EVIDENCE && compareFacts(f, list[list.length - 1]!) >= 0) return false;
  const twin = list.findIndex((x) => samePair(x, f));
  if (twin >= 0) {
    if (compareFacts(f, list[twin]!) >= 0) return false;
    list.splice(twin, 1);
  }
  let at = list.length;
  while (at > 0 && compareFacts(f, list[at - 1]!) < 0) at--;
  list.splice(at, 0, f);
  if (list.length > MAX_EDGE_EVIDENCE) list.pop();
  return true;
}

/**
 * The graph, assembled from its parts as they come: articles one at a time (their texts are read here and
 * not kept), the resolved entities, then relation facts in any order, each folded into its edge at once
 * (weight, articles, the evidence the edge keeps), so the facts themselves never all exist. `finish` gives
 * the same graph as `buildGraph` over the same articles, entities and facts, whatever the order of the facts.
 */
export class GraphAssembler {
  private readonly records: Array<Record<string, unknown>> = [];
  private readonly articleNodes: Array<[string, Record<string, unknown>]> = [];
  private readonly dateOf = new Map<string, string>();
  private entities: Entity[] = [];
  private readonly nodes = new Set<string>();
  private readonly drafts = new Map<string, EdgeDraft>();

  /** Adds an article (in corpus order): its record in the graph's `articles` and its ARTICLE node. */
  addArticle(a: Article): void {
    this.records.push({
      id: a.id,
      title: a.title,
      section: a.section,
      source: a.source,
      authors: a.authors.map((x) => ({ name: x.name, role: x.role })),
      ...articleMeta(a),
    });
    if (a.date) this.dateOf.set(a.id, a.date);
    const key = articleKey(a.id);
    this.nodes.add(key);
    this.articleNodes.push([
      key,
      {
        label: a.title,
        kind: 'ARTICLE',
        aliases: [],
        mentions: 1,
        articles: [a.id],
        evidence: [makeEvidence(a, [[0, Math.min(a.title.length, a.text.length)]])],
        source: a.source,
        ...articleMeta(a),
      },
    ]);
  }

  /** The resolved entities (sorted by key), before any fact. */
  setEntities(entities: Entity[]): void {
    this.entities = entities;
    for (const e of entities) this.nodes.add(e.key);
  }

  /** Folds one relation fact into its edge; facts whose ends are not nodes are dropped, as by `buildGraph`. */
  addFact(f: RelationFact): void {
    if (f.source === f.target || !this.nodes.has(f.source) || !this.nodes.has(f.target)) return;
    const { key, source, target, undirected } = edgeKeyOf(f);
    let d = this.drafts.get(key);
    if (!d) {
      d = { key, source, target, relation: f.relation, label: f.label, undirected, weight: 0, articles: new Set(), evidence: [], facts: [] };
      this.drafts.set(key, d);
    }
    d.weight++;
    d.articles.add(f.evidence.article);
    keepFact(d.facts, f);
  }

  /** The graph (once: the drafts are emptied as their edges are added, so both never exist whole). */
  finish(): MultiGraph {
    const graph = new MultiGraph({ allowSelfLoops: false });
    graph.setAttribute('articles', this.records);
    const dateOf = this.dateOf;
    for (const [key, attrs] of this.articleNodes) graph.addNode(key, { ...attrs, ...datesOf(attrs['articles'] as string[], dateOf) });
    this.articleNodes.length = 0;
    for (const e of this.entities) {
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
    const drafts: Array<EdgeDraft | undefined> = [...this.drafts.values()].sort((a, b) => cmp(a.key, b.key));
    this.drafts.clear();
    for (let i = 0; i < drafts.length; i++) {
      const d = drafts[i]!;
      drafts[i] = undefined; // its facts can go once its edge is added
      // The edge's label is its first fact's (in compareFacts order), as in the builder's walk.
      const evidence = sortEvidence(d.facts.map((f) => f.evidence));
      const attrs = {
        relation: d.relation,
        label: d.facts[0]?.label ?? d.label,
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
