/**
 * Graph assembly: entities, articles and relation facts → a graphology mixed multi graph (SPEC §3).
 * Parallel facts of the same relation, label and endpoints are merged into one edge whose `weight` counts
 * the supporting sentences; different relations between the same pair stay separate edges.
 */
import { MultiGraph } from 'graphology';
import type { Article, Entity, RelationFact, RelationType } from '../types.js';
import { makeEvidence } from '../text/evidence.js';
import { EvidencePool, type EvidenceRecord } from './evidence.js';

/** Relations drawn without direction. */
export const UNDIRECTED_RELATIONS: ReadonlySet<RelationType> = new Set(['co_occurs', 'partner_of']);

/** Supporting sentences kept per edge in the JSON export (the GEXF keeps the first). */
export const MAX_EDGE_EVIDENCE = 20;

export function articleKey(articleId: string): string {
  return `ARTICLE:${articleId}`;
}

/** A fact an edge keeps for its evidence: what `compareFacts` reads of it, and its evidence record. */
interface Kept {
  /** The fact's source is the edge's target (an undirected edge's ends are ordered). */
  flip: boolean;
  label: string;
  record: EvidenceRecord;
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
  /** The facts whose evidence the edge keeps, in compareFacts order (see keepFact). */
  kept: Kept[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Evidence in date order (undated last); the sort is stable, so same-date records keep text order. */
function sortEvidence(list: EvidenceRecord[], pool: EvidencePool): EvidenceRecord[] {
  if (!list.some((e) => pool.dateOf(e))) return list;
  const date = (e: EvidenceRecord) => pool.dateOf(e) ?? '\uffff';
  return [...list].sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0));
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

/** `compareFacts(f, k)` for a fact `f` of the edge `d` and a fact `k` it keeps (same relation). */
function compareKept(f: RelationFact, k: Kept, d: EdgeDraft, pool: EvidencePool): number {
  return (
    cmp(f.source, k.flip ? d.target : d.source) ||
    cmp(f.target, k.flip ? d.source : d.target) ||
    cmp(f.label, k.label) ||
    cmp(f.evidence.article, pool.articleOf(k.record)) ||
    cmp(f.evidence.sentence, pool.sentenceOf(k.record))
  );
}

/**
 * Adds `f` to the facts its edge `d` keeps: per (article, sentence) the first fact in `compareFacts` order,
 * and of those the MAX_EDGE_EVIDENCE first. Whatever order facts arrive in, the list ends as the builder's
 * walk over the sorted facts would leave it. Only a kept fact's evidence is encoded (EvidencePool).
 */
function keepFact(d: EdgeDraft, f: RelationFact, pool: EvidencePool): void {
  const list = d.kept;
  if (list.length >= MAX_EDGE_EVIDENCE && compareKept(f, list[list.length - 1]!, d, pool) >= 0) return;
  const twin = list.findIndex((k) => pool.articleOf(k.record) === f.evidence.article && pool.sentenceOf(k.record) === f.evidence.sentence);
  if (twin >= 0) {
    if (compareKept(f, list[twin]!, d, pool) >= 0) return;
    list.splice(twin, 1);
  }
  let at = list.length;
  while (at > 0 && compareKept(f, list[at - 1]!, d, pool) < 0) at--;
  list.splice(at, 0, { flip: f.source !== d.source, label: f.label, record: pool.record(f.evidence) });
  if (list.length > MAX_EDGE_EVIDENCE) list.pop();
}

/**
 * The graph, assembled from its parts as they come: articles one at a time (their texts are read here and
 * not kept), the resolved entities, then relation facts in any order, each folded into its edge at once
 * (weight, articles, the evidence the edge keeps), so the facts themselves never all exist. `finish` gives
 * the same graph as `buildGraph` over the same articles, entities and facts, whatever the order of the facts.
 * Evidence is held compact from the start (src/graph/evidence.ts): the graph's evidence attributes decode
 * it when read.
 */
export class GraphAssembler {
  private readonly pool = new EvidencePool();
  private readonly records: Array<Record<string, unknown>> = [];
  private readonly articleNodes: Array<{ key: string; head: Record<string, unknown>; title: EvidenceRecord; tail: Record<string, unknown> }> = [];
  private readonly dateOf = new Map<string, string>();
  private entities: Entity[] = [];
  private readonly nodes = new Set<string>();
  private readonly drafts = new Map<string, EdgeDraft>();

  /**
   * With `packEntities`, the entities given to `setEntities` have their `evidence` packed at once (an
   * accessor that decodes it, as the graph's): a build over a store holds each record once, compact.
   */
  constructor(private readonly options: { packEntities?: boolean } = {}) {}

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
    this.articleNodes.push({
      key,
      head: { label: a.title, kind: 'ARTICLE', aliases: [], mentions: 1, articles: [a.id] },
      title: this.pool.record(makeEvidence(a, [[0, Math.min(a.title.length, a.text.length)]])),
      tail: { source: a.source, ...articleMeta(a) },
    });
  }

  /** The resolved entities (sorted by key), before any fact. */
  setEntities(entities: Entity[]): void {
    this.entities = entities;
    for (const e of entities) {
      this.nodes.add(e.key);
      if (this.options.packEntities)
        this.pool.attach(
          e,
          'evidence',
          e.evidence.map((x) => this.pool.record(x)),
        );
    }
  }

  /** Folds one relation fact into its edge; facts whose ends are not nodes are dropped, as by `buildGraph`. */
  addFact(f: RelationFact): void {
    if (f.source === f.target || !this.nodes.has(f.source) || !this.nodes.has(f.target)) return;
    const { key, source, target, undirected } = edgeKeyOf(f);
    let d = this.drafts.get(key);
    if (!d) {
      d = { key, source, target, relation: f.relation, label: f.label, undirected, weight: 0, articles: new Set(), kept: [] };
      this.drafts.set(key, d);
    }
    d.weight++;
    d.articles.add(f.evidence.article);
    keepFact(d, f, this.pool);
  }

  /** The graph (once: the drafts are emptied as their edges are added, so both never exist whole). */
  finish(): MultiGraph {
    const pool = this.pool;
    const graph = new MultiGraph({ allowSelfLoops: false });
    graph.setAttribute('articles', this.records);
    const dateOf = this.dateOf;
    for (const { key, head, title, tail } of this.articleNodes) {
      const attrs = head;
      pool.attach(attrs, 'evidence', [title]);
      graph.addNode(key, Object.assign(attrs, tail, datesOf(head['articles'] as string[], dateOf)));
    }
    this.articleNodes.length = 0;
    for (const e of this.entities) {
      const attrs: Record<string, unknown> = {
        label: e.label,
        kind: e.kind,
        aliases: [...e.aliases],
        mentions: e.mentions,
        articles: [...e.articles].sort(cmp),
      };
      const records = pool.recordsOf(e) ?? e.evidence.map((x) => pool.record(x));
      pool.attach(attrs, 'evidence', sortEvidence(records, pool));
      graph.addNode(e.key, Object.assign(attrs, e.attributes ?? {}, datesOf(e.articles, dateOf)));
    }
    const drafts: Array<EdgeDraft | undefined> = [...this.drafts.values()].sort((a, b) => cmp(a.key, b.key));
    this.drafts.clear();
    for (let i = 0; i < drafts.length; i++) {
      const d = drafts[i]!;
      drafts[i] = undefined; // its kept facts can go once its edge is added
      // The edge's label is its first fact's (in compareFacts order), as in the builder's walk.
      const evidence = sortEvidence(
        d.kept.map((k) => k.record),
        pool,
      );
      const attrs: Record<string, unknown> = {
        relation: d.relation,
        label: d.kept[0]?.label ?? d.label,
        weight: d.weight,
        articles: [...d.articles].sort(cmp),
        evidence: evidence[0] ? pool.sentenceOf(evidence[0]) : '',
      };
      pool.attach(attrs, 'evidenceList', evidence);
      Object.assign(attrs, datesOf(d.articles, dateOf));
      if (d.undirected) graph.addUndirectedEdgeWithKey(d.key, d.source, d.target, attrs);
      else graph.addDirectedEdgeWithKey(d.key, d.source, d.target, attrs);
    }
    pool.seal();
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
