/**
 * Graph assembly: entities, articles and relation facts → a graphology mixed multi graph (SPEC §3).
 * Parallel facts of the same relation, label and endpoints are merged into one edge whose `weight` counts
 * the supporting sentences; different relations between the same pair stay separate edges.
 */
import { MultiGraph } from 'graphology';
import type { Article, Entity, Evidence, RelationFact, RelationType } from '../types.js';
import { evidenceSentence, makeEvidence, spanEvidence } from '../text/evidence.js';
import { EvidencePool, type Context, type EvidenceRecord } from './evidence.js';

/** Relations drawn without direction. */
export const UNDIRECTED_RELATIONS: ReadonlySet<RelationType> = new Set(['co_occurs', 'partner_of']);

/** Supporting sentences kept per edge in the JSON export (the GEXF keeps the first). */
export const MAX_EDGE_EVIDENCE = 20;

export function articleKey(articleId: string): string {
  return `ARTICLE:${articleId}`;
}

/**
 * Edges as folded (`GraphAssembler.foldedEdges`): every string once in `strings`, the drafts one after another
 * as indices and counts in `drafts` (key, source, target, relation, label, undirected, weight, articles, then
 * the facts kept with their evidence), evidence records of another shape than makeEvidence's in `raw`.
 */
export interface FoldedEdges {
  strings: string[];
  /** Article fields of evidence: article, source, has a page, page, date (-1 none), as indices into `strings`. */
  contexts: Int32Array;
  drafts: Int32Array;
  raw: Evidence[];
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
export function edgeKeyOf(f: Pick<RelationFact, 'relation' | 'source' | 'target' | 'label'>): {
  key: string;
  source: string;
  target: string;
  undirected: boolean;
} {
  const undirected = UNDIRECTED_RELATIONS.has(f.relation);
  const [source, target] = undirected && f.target < f.source ? [f.target, f.source] : [f.source, f.target];
  const key = `${f.relation}:${source}${undirected ? '--' : '->'}${target}${f.relation === 'role' || f.relation === 'authored' ? `#${f.label}` : ''}`;
  return { key, source, target, undirected };
}

/**
 * A fact being folded: what `compareFacts` reads of it, and its evidence — given (`addFact`), or made from its
 * article and spans only if its edge keeps it (`addSpanFact`: most facts of a large corpus are not kept).
 */
interface Candidate {
  source: string;
  target: string;
  label: string;
  article: string;
  sentence: string;
  evidence: Evidence | undefined;
  of: Article | undefined;
  /** Span offsets, `count` pairs from `from` (when `evidence` is undefined). */
  spans: ArrayLike<number>;
  from: number;
  count: number;
}

/** The candidate's evidence record: as given, or `makeEvidence` of its article and spans. */
function evidenceOf(c: Candidate): Evidence {
  return c.evidence ?? spanEvidence(c.of!, c.spans, c.from, c.count);
}

/** `compareFacts(f, k)` for a fact `f` of the edge `d` and a fact `k` it keeps (same relation). */
function compareKept(f: Candidate, k: Kept, d: EdgeDraft, pool: EvidencePool): number {
  return (
    cmp(f.source, k.flip ? d.target : d.source) ||
    cmp(f.target, k.flip ? d.source : d.target) ||
    cmp(f.label, k.label) ||
    cmp(f.article, pool.articleOf(k.record)) ||
    cmp(f.sentence, pool.sentenceOf(k.record))
  );
}

/**
 * Adds `f` to the facts its edge `d` keeps: per (article, sentence) the first fact in `compareFacts` order,
 * and of those the MAX_EDGE_EVIDENCE first. Whatever order facts arrive in, the list ends as the builder's
 * walk over the sorted facts would leave it. Only a kept fact's evidence is made and encoded (EvidencePool).
 */
function keepFact(d: EdgeDraft, f: Candidate, pool: EvidencePool): void {
  const list = d.kept;
  if (list.length >= MAX_EDGE_EVIDENCE && compareKept(f, list[list.length - 1]!, d, pool) >= 0) return;
  let twin = -1;
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!.record;
    if (pool.articleOf(r) === f.article && pool.sentenceOf(r) === f.sentence) {
      twin = i;
      break;
    }
  }
  if (twin >= 0) {
    if (compareKept(f, list[twin]!, d, pool) >= 0) return;
    list.splice(twin, 1);
  }
  let at = list.length;
  while (at > 0 && compareKept(f, list[at - 1]!, d, pool) < 0) at--;
  list.splice(at, 0, { flip: f.source !== d.source, label: f.label, record: pool.record(evidenceOf(f)) });
  if (list.length > MAX_EDGE_EVIDENCE) list.pop();
}

/** What the graph needs of an article (`articleParts`): its record, its ARTICLE node and its date. */
export interface ArticleParts {
  record: Record<string, unknown>;
  key: string;
  head: Record<string, unknown>;
  /** The evidence of the ARTICLE node: its title. */
  title: Evidence;
  tail: Record<string, unknown>;
  date?: string;
}

/** The parts of an article that its record and ARTICLE node are made of (its text read, not kept). */
export function articleParts(a: Article): ArticleParts {
  return {
    record: {
      id: a.id,
      title: a.title,
      section: a.section,
      source: a.source,
      authors: a.authors.map((x) => ({ name: x.name, role: x.role })),
      ...articleMeta(a),
    },
    key: articleKey(a.id),
    head: { label: a.title, kind: 'ARTICLE', aliases: [], mentions: 1, articles: [a.id] },
    title: makeEvidence(a, [[0, Math.min(a.title.length, a.text.length)]]),
    tail: { source: a.source, ...articleMeta(a) },
    ...(a.date ? { date: a.date } : {}),
  };
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
   * The drafts by relation, then source, target and label (role and authored) as given: found without making
   * the edge key's string for every fact. A miss makes the key and looks it up in `drafts`, so two facts
   * share a draft exactly when their keys are equal.
   */
  private readonly index = new Map<string, Map<string, Map<string, EdgeDraft | Map<string, EdgeDraft>>>>();
  /** The fact being folded (one object, refilled for each fact). */
  private readonly candidate: Candidate = {
    source: '',
    target: '',
    label: '',
    article: '',
    sentence: '',
    evidence: undefined,
    of: undefined,
    spans: [],
    from: 0,
    count: 0,
  };

  /**
   * With `packEntities`, the entities given to `setEntities` have their `evidence` packed at once (an
   * accessor that decodes it, as the graph's): a build over a store holds each record once, compact.
   */
  constructor(private readonly options: { packEntities?: boolean } = {}) {}

  /**
   * Adds an article: its record in the graph's `articles` and its ARTICLE node, at its position `at` in corpus
   * order (articles may then come in any order; every position up to the last must be given), or after the
   * articles added so far.
   */
  addArticle(a: Article, at: number = this.records.length): void {
    this.addArticleParts(articleParts(a), at);
  }

  /** Adds an article from its parts (`articleParts`, or `articlePartsAt` of another assembler), as `addArticle` does. */
  addArticleParts(parts: ArticleParts, at: number = this.records.length): void {
    const { record, key, head, title, tail, date } = parts;
    this.records[at] = record;
    if (date !== undefined) this.dateOf.set(record['id'] as string, date);
    this.nodes.add(key);
    this.articleNodes[at] = { key, head, title: this.pool.record(title), tail };
  }

  /** The parts of the article added at position `at` (its text is not kept: what the graph needs of it), before `finish`. */
  articlePartsAt(at: number): ArticleParts {
    const node = this.articleNodes[at];
    const record = this.records[at];
    if (!node || !record) throw new RangeError(`GraphAssembler.articlePartsAt: no article at position ${at}`);
    const date = this.dateOf.get(record['id'] as string);
    return { record, key: node.key, head: node.head, title: this.pool.evidence(node.title), tail: node.tail, ...(date !== undefined ? { date } : {}) };
  }

  /**
   * The edges folded so far, as they are (before `finish`): a later build that folds the same facts and more
   * gives them to `restoreEdges` instead of folding those facts again.
   */
  foldedEdges(): FoldedEdges {
    const table = new Map<string, number>();
    const strings: string[] = [];
    const at = (x: string): number => {
      let i = table.get(x);
      if (i === undefined) table.set(x, (i = strings.push(x) - 1));
      return i;
    };
    const contextIds = new Map<Readonly<Context>, number>();
    const contexts: number[] = [];
    const contextAt = (c: Readonly<Context>): number => {
      let i = contextIds.get(c);
      if (i === undefined) {
        contextIds.set(c, (i = contextIds.size));
        contexts.push(at(c.article), at(c.source), c.page !== undefined ? 1 : 0, c.page ?? 0, c.date !== undefined ? at(c.date) : -1);
      }
      return i;
    };
    // Sized first, then written: the list is the largest thing a build keeps (~6M numbers at 50 MB).
    let size = 0;
    for (const d of this.drafts.values()) {
      size += 9 + d.articles.size;
      for (const k of d.kept) size += Array.isArray(k.record) ? 3 + k.record.length : 4;
    }
    const out = new Int32Array(size);
    let n = 0;
    const raw: Evidence[] = [];
    for (const d of this.drafts.values()) {
      out[n++] = at(d.key);
      out[n++] = at(d.source);
      out[n++] = at(d.target);
      out[n++] = at(d.relation);
      out[n++] = at(d.label);
      out[n++] = d.undirected ? 1 : 0;
      out[n++] = d.weight;
      out[n++] = d.articles.size;
      for (const a of d.articles) out[n++] = at(a);
      out[n++] = d.kept.length;
      for (const k of d.kept) {
        out[n++] = k.flip ? 1 : 0;
        out[n++] = at(k.label);
        const r = k.record;
        if (!Array.isArray(r)) {
          out[n++] = -1;
          out[n++] = raw.push(r) - 1;
          continue;
        }
        // A compact record: its sentence and article fields as indices, then its offsets as they are.
        out[n++] = r.length - 2;
        out[n++] = at(this.pool.sentenceOf(r));
        out[n++] = contextAt(this.pool.contextOf(r));
        for (let i = 2; i < r.length; i++) out[n++] = r[i]!;
      }
    }
    return { strings, contexts: Int32Array.from(contexts), drafts: out, raw };
  }

  /**
   * Edges another assembler folded (`foldedEdges`), as if their facts were folded here; before any fact, after the
   * nodes are known. False, and nothing restored, when an edge's end is not a node here.
   */
  restoreEdges(saved: FoldedEdges): boolean {
    if (this.drafts.size > 0) throw new Error('GraphAssembler.restoreEdges: edges were folded already');
    const { strings, contexts: c, drafts: p, raw } = saved;
    const contexts: Context[] = [];
    for (let i = 0; i < c.length; i += 5) {
      // In makeEvidence's key order.
      const context: Context = { article: strings[c[i]!]!, source: strings[c[i + 1]!]! };
      if (c[i + 2] === 1) context.page = c[i + 3]!;
      if (c[i + 4]! >= 0) context.date = strings[c[i + 4]!]!;
      contexts.push(context);
    }
    const restored: EdgeDraft[] = [];
    for (let i = 0; i < p.length;) {
      const key = strings[p[i]!]!;
      const d: EdgeDraft = {
        key,
        source: strings[p[i + 1]!]!,
        target: strings[p[i + 2]!]!,
        relation: strings[p[i + 3]!]! as RelationType,
        label: strings[p[i + 4]!]!,
        undirected: p[i + 5] === 1,
        weight: p[i + 6]!,
        articles: new Set(),
        kept: [],
      };
      i += 7;
      for (let n = p[i++]!; n > 0; n--) d.articles.add(strings[p[i++]!]!);
      for (let n = p[i++]!; n > 0; n--) {
        const flip = p[i] === 1;
        const label = strings[p[i + 1]!]!;
        const size = p[i + 2]!;
        if (size < 0) {
          d.kept.push({ flip, label, record: this.pool.record(raw[p[i + 3]!]!) });
          i += 4;
          continue;
        }
        const from = i + 5;
        d.kept.push({ flip, label, record: this.pool.recordFrom(strings[p[i + 3]!]!, contexts[p[i + 4]!]!, p, from, from + size) });
        i = from + size;
      }
      if (!this.nodes.has(d.source) || !this.nodes.has(d.target)) return false;
      restored.push(d);
    }
    for (const d of restored) this.drafts.set(d.key, d);
    return true;
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
    const c = this.candidate;
    c.evidence = f.evidence;
    c.of = undefined;
    this.fold(f.relation, f.source, f.target, f.label, f.evidence.article, f.evidence.sentence);
  }

  /**
   * Folds the fact `{ relation, source, target, label, evidence: makeEvidence(article, spans) }`, its spans
   * given as `count` pairs of offsets in `spans` from `from`: as `addFact` of that fact, but its evidence
   * is made only if its edge keeps it.
   */
  addSpanFact(
    relation: RelationType,
    source: string,
    target: string,
    label: string,
    article: Article,
    spans: ArrayLike<number>,
    from: number,
    count: number,
  ): void {
    const c = this.candidate;
    c.evidence = undefined;
    c.of = article;
    c.spans = spans;
    c.from = from;
    c.count = count;
    this.fold(relation, source, target, label, article.id, evidenceSentence(article, count > 0 ? spans[from] : undefined));
  }

  private fold(relation: RelationType, fs: string, ft: string, label: string, article: string, sentence: string): void {
    if (fs === ft || !this.nodes.has(fs) || !this.nodes.has(ft)) return;
    const d = this.draftOf(relation, fs, ft, label);
    d.weight++;
    d.articles.add(article);
    const c = this.candidate;
    c.source = fs;
    c.target = ft;
    c.label = label;
    c.article = article;
    c.sentence = sentence;
    keepFact(d, c, this.pool);
  }

  /** The draft of the edge of a fact (see `index`). */
  private draftOf(relation: RelationType, fs: string, ft: string, label: string): EdgeDraft {
    let bySource = this.index.get(relation);
    if (!bySource) this.index.set(relation, (bySource = new Map<string, Map<string, EdgeDraft | Map<string, EdgeDraft>>>()));
    let byTarget = bySource.get(fs);
    if (!byTarget) bySource.set(fs, (byTarget = new Map<string, EdgeDraft | Map<string, EdgeDraft>>()));
    const labelled = relation === 'role' || relation === 'authored';
    let at = byTarget.get(ft);
    let byLabel: Map<string, EdgeDraft> | undefined;
    if (labelled) {
      if (!at) byTarget.set(ft, (at = new Map<string, EdgeDraft>()));
      byLabel = at as Map<string, EdgeDraft>;
      at = byLabel.get(label);
    }
    if (at) return at as EdgeDraft;
    const { key, source, target, undirected } = edgeKeyOf({ relation, source: fs, target: ft, label });
    let d = this.drafts.get(key);
    if (!d) {
      d = { key, source, target, relation, label, undirected, weight: 0, articles: new Set(), kept: [] };
      this.drafts.set(key, d);
    }
    if (byLabel) byLabel.set(label, d);
    else byTarget.set(ft, d);
    return d;
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
    this.index.clear();
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
