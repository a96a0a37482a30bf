/**
 * Turns any graphology graph (our graph.json, a GEXF from Gephi, someone else's JSON) into the shape the
 * viewer renders: every node has label/kind/x/y/size, every edge a relation, and the sigma-reserved
 * `type` attribute is set by us only. Pure: no DOM, so it is unit-tested in Node.
 */
import { MultiGraph } from 'graphology';
import type { Attributes } from 'graphology-types';
import { circular } from 'graphology-layout';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { isIsoDay } from './timeline.js';

export const KINDS = ['PERSON', 'ORGANIZATION', 'PLACE', 'PROGRAM', 'ARTICLE'] as const;
export const RELATIONS = ['role', 'located_in', 'member_of', 'part_of', 'runs', 'participates_in', 'authored', 'partner_of', 'co_occurs'] as const;
export const CO_OCCURS = 'co_occurs';

export const KIND_COLORS: Record<string, string> = {
  PERSON: '#e15759',
  ORGANIZATION: '#4e79a7',
  PLACE: '#59a14f',
  PROGRAM: '#f28e2b',
  ARTICLE: '#9c755f',
};
export const OTHER_COLOR = '#8c8c8c';
export const RELATION_COLORS: Record<string, string> = {
  role: '#d62728',
  located_in: '#2ca02c',
  member_of: '#1f77b4',
  part_of: '#17becf',
  runs: '#ff7f0e',
  participates_in: '#bcbd22',
  authored: '#8c564b',
  partner_of: '#9467bd',
  co_occurs: '#c8c8c8',
};
/** Tableau-like palette for communities, cycled. */
export const COMMUNITY_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#1b9e77',
  '#7570b3',
];

export interface EvidenceItem {
  article: string;
  sentence: string;
  spans: [number, number][];
  /** The article's date (ISO), when known. */
  date?: string;
}

export interface ArticleInfo {
  id: string;
  title: string;
  section: string;
  /** ISO publication date, when known. */
  date?: string;
  /** The article's web address: http/https only (anything else is dropped). */
  url?: string;
}

/** The ISO days of a `dates` attribute (array or GEXF list string), sorted and distinct. */
export function dateList(v: unknown): string[] {
  if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return [];
  return [...new Set(stringList(v).filter(isIsoDay))].sort();
}

/** Evidence in date order, undated last; stable for equal dates. */
function byDate(items: EvidenceItem[]): EvidenceItem[] {
  const k = (e: EvidenceItem) => e.date ?? '\uffff';
  return [...items].sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
}

/** An absolute http(s) URL, or null: a graph file's `url` never becomes a javascript: or data: link. */
export function webUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const u = new URL(value.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export interface NodeView extends Attributes {
  label: string;
  kind: string;
  aliases: string[];
  mentions: number;
  articles: string[];
  x: number;
  y: number;
  size: number;
  color: string;
  community: number | null;
  degree: number;
  pagerank: number | null;
  /** The entity's confidence (0–1), when the graph gives one. */
  confidence: number | null;
  /** Number of articles (known before the list itself, which a render graph keeps in its shards). */
  articleCount: number;
  evidence: EvidenceItem[];
  /** An article's web address (http/https only; anything else is dropped), or null. */
  url: string | null;
  /** ISO days the node is attested on (its dated articles); [] when undated. */
  dates: string[];
}

export interface EdgeView extends Attributes {
  relation: string;
  label: string;
  weight: number;
  articles: string[];
  articleCount: number;
  evidence: EvidenceItem[];
  /** ISO days the edge is attested on; [] when undated. */
  dates: string[];
  directed: boolean;
  /** sigma program name */
  type: string;
  curvature?: number;
  zIndex: number;
}

export type ViewGraph = MultiGraph<NodeView, EdgeView>;

export function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function num(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** Lists arrive as arrays (JSON) or as strings from GEXF: a JSON array, or items joined by | or ;. */
export function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter((s): s is string => s !== null && s !== '');
  if (typeof v !== 'string' || v.trim() === '') return [];
  const t = v.trim();
  if (t.startsWith('[')) {
    try {
      return stringList(JSON.parse(t));
    } catch {
      /* fall through: not JSON after all */
    }
  }
  return t
    .split(/[|;]/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function evidenceList(v: unknown): EvidenceItem[] {
  let raw = v;
  if (typeof raw === 'string' && raw.trim().startsWith('[')) {
    try {
      raw = JSON.parse(raw);
    } catch {
      raw = [];
    }
  }
  if (!Array.isArray(raw)) return [];
  const out: EvidenceItem[] = [];
  for (const e of raw) {
    if (!e || typeof e !== 'object') continue;
    const o = e as Record<string, unknown>;
    const sentence = str(o.sentence);
    if (sentence === null) continue;
    const spans = Array.isArray(o.spans)
      ? o.spans
          .filter((s): s is [number, number] => Array.isArray(s) && s.length >= 2 && Number.isInteger(s[0]) && Number.isInteger(s[1]))
          .map((s) => [s[0], s[1]] as [number, number])
      : [];
    const date = str(o.date);
    out.push({ article: str(o.article) ?? '', sentence, spans, ...(isIsoDay(date) ? { date } : {}) });
  }
  return out;
}

/** Evidence as a list, or a bare sentence (GEXF keeps only the first sentence; spans are found later). */
export function evidenceOrSentence(v: unknown, articles: unknown): EvidenceItem[] {
  const list = evidenceList(v);
  if (list.length > 0) return list;
  const sentence = str(v);
  if (sentence === null || sentence.trim() === '' || sentence.trim().startsWith('[')) return [];
  return [{ article: stringList(articles)[0] ?? '', sentence, spans: [] }];
}

export function readArticles(v: unknown): Map<string, ArticleInfo> {
  const m = new Map<string, ArticleInfo>();
  if (!Array.isArray(v)) return m;
  for (const a of v) {
    if (!a || typeof a !== 'object') continue;
    const o = a as Record<string, unknown>;
    const id = str(o.id);
    if (id === null) continue;
    const date = str(o.date);
    const url = webUrl(o.url);
    m.set(id, { id, title: str(o.title) ?? id, section: str(o.section) ?? '', ...(isIsoDay(date) ? { date } : {}), ...(url ? { url } : {}) });
  }
  return m;
}

export interface SourceGraphLike {
  forEachNode(cb: (key: string, attrs: Attributes) => void): void;
  forEachEdge(cb: (key: string, attrs: Attributes, source: string, target: string, sa: Attributes, ta: Attributes, undirected: boolean) => void): void;
  getAttributes(): Attributes;
  order: number;
  /**
   * A render graph (render-format.ts) keeps evidence and article lists in shards: it gives the number
   * of articles of each node and edge here, in the order forEachNode and forEachEdge give them, and its
   * nodes and edges have no `articles` attribute.
   */
  articleCounts?: { n: ArrayLike<number>; e: ArrayLike<number> };
}

/** What a node's or edge's panel shows beyond its render attributes (loaded from a shard for a render graph). */
export interface Details {
  evidence: EvidenceItem[];
  articles: string[];
  url: string | null;
}

/** Evidence in date order, undated evidence taking its article's date. */
export function datedEvidence(items: EvidenceItem[], articles: Map<string, ArticleInfo>): EvidenceItem[] {
  return byDate(
    items.map((e) => {
      const d = e.date ?? articles.get(e.article)?.date;
      return d && !e.date ? { ...e, date: d } : e;
    }),
  );
}

/** A node's (what 'n') or edge's ('e') details from its attributes as the file holds them. */
export function detailsOf(what: 'n' | 'e', a: Attributes, articles: Map<string, ArticleInfo>): Details {
  let evidence = what === 'e' ? evidenceList(a.evidenceList) : [];
  if (evidence.length === 0) evidence = evidenceOrSentence(a.evidence, a.articles);
  return { evidence: datedEvidence(evidence, articles), articles: stringList(a.articles), url: what === 'n' ? webUrl(a.url) : null };
}

/**
 * The graph's nodes and edges by number, as toViewGraph added them (its order): what edge-index.ts would
 * otherwise compute again from the graph (seedEdgeIndex).
 */
export interface ViewParts {
  nodeKeys: string[];
  nodeAt: Map<string, number>;
  keys: string[];
  attrs: EdgeView[];
  src: Int32Array;
  tgt: Int32Array;
  undirected: Uint8Array;
}

/** One empty list shared by every node and edge without aliases, articles, evidence or dates (never written to). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** `list` itself, or the shared empty list when it is empty (see NONE). */
function orNone<T>(list: T[]): T[] {
  return list.length === 0 ? NONE : list;
}

/**
 * graphology keeps each node's neighbours in plain objects keyed by the neighbour's key: filled one key at
 * a time, every node's object goes through hidden classes of its own (tens of thousands on a large
 * graph), which costs more than the rest of adding an edge. Objects in dictionary mode from the start
 * (the same plain objects to every reader: Object.prototype, `in`, `hasOwnProperty`, `for … in`) take the
 * keys as a hash table does. Internal fields of graphology 0.26 (MixedNodeData's in/out/undirected), read
 * by name; only for a graph with no edges yet.
 */
function dictionaryAdjacency(g: ViewGraph): void {
  if (g.size !== 0) return;
  const nodes = (g as unknown as { _nodes: Map<string, Record<'in' | 'out' | 'undirected', object>> })._nodes;
  const dict = () => Object.setPrototypeOf(Object.create(null), Object.prototype) as object;
  for (const d of nodes.values()) {
    if (typeof d.in !== 'object' || typeof d.out !== 'object' || typeof d.undirected !== 'object') return;
    d.in = dict();
    d.out = dict();
    d.undirected = dict();
  }
}

/** Copies a graph into the viewer's normalized multi graph. Never mutates the input. */
export function toViewGraph(src: SourceGraphLike): { graph: ViewGraph; articles: Map<string, ArticleInfo>; parts: ViewParts } {
  const g: ViewGraph = new MultiGraph<NodeView, EdgeView>({ type: 'mixed' });
  let missingPositions = 0;
  const nodeKeys: string[] = [];
  const nodeAttrs: NodeView[] = [];
  const nodeAt = new Map<string, number>();
  const counts = src.articleCounts;
  src.forEachNode((key, a) => {
    const x = num(a.x);
    const y = num(a.y);
    if (x === null || y === null) missingPositions++;
    // `type` is sigma's program selector: a GEXF or foreign JSON may use it for the kind.
    const kind = str(a.kind) ?? str(a.type) ?? '';
    const community = num(a.community ?? a.modularity_class);
    const articles = a.articles === undefined ? NONE : stringList(a.articles);
    const attrs: NodeView = {
      label: str(a.label) ?? key,
      kind,
      aliases: orNone(stringList(a.aliases)),
      mentions: num(a.mentions) ?? 0,
      articles: orNone(articles),
      x: x ?? 0,
      y: y ?? 0,
      size: num(a.size) ?? 0,
      color: str(a.color) ?? '',
      community: community === null ? null : Math.trunc(community),
      degree: 0,
      pagerank: num(a.pagerank),
      confidence: num(a.confidence),
      articleCount: counts ? (counts.n[nodeKeys.length] ?? 0) : articles.length,
      url: webUrl(a.url),
      evidence: a.evidence === undefined ? NONE : orNone(evidenceOrSentence(a.evidence, a.articles)),
      dates: orNone(dateList(a.dates)),
    };
    g.addNode(key, attrs);
    nodeAt.set(key, nodeKeys.length);
    nodeKeys.push(key);
    nodeAttrs.push(attrs);
  });
  dictionaryAdjacency(g);
  const keys: string[] = [];
  const attrsOf: EdgeView[] = [];
  const srcOf: number[] = [];
  const tgtOf: number[] = [];
  const undirectedOf: number[] = [];
  const degree = new Float64Array(nodeKeys.length);
  src.forEachEdge((key, a, source, target, _sa, _ta, undirectedInSource) => {
    // GEXF has one edge type per file for networkx's sake: zhkg's export marks the undirected ones.
    const undirected = undirectedInSource || a.undirected === true || a.undirected === 'true';
    const relation = str(a.relation) ?? str(a.kind) ?? str(a.type) ?? str(a.label) ?? 'edge';
    // (a render graph's edges have neither evidence nor articles: those are in its shards)
    let evidence: EvidenceItem[] = NONE;
    if (a.evidenceList !== undefined) evidence = evidenceList(a.evidenceList);
    if (evidence.length === 0 && a.evidence !== undefined) evidence = evidenceOrSentence(a.evidence, a.articles);
    const articles = a.articles === undefined ? NONE : stringList(a.articles);
    const attrs: EdgeView = {
      relation,
      label: str(a.label) ?? relation,
      weight: num(a.weight) ?? 1,
      articles: orNone(articles),
      articleCount: counts ? (counts.e[keys.length] ?? 0) : articles.length,
      evidence: orNone(evidence),
      dates: orNone(dateList(a.dates)),
      directed: !undirected,
      type: undirected ? 'line' : 'arrow',
      zIndex: relation === CO_OCCURS ? 0 : 1,
    };
    if (undirected) g.addUndirectedEdgeWithKey(key, source, target, attrs);
    else g.addDirectedEdgeWithKey(key, source, target, attrs);
    // (graphology refused anything it would not add: both ends are nodes of g)
    const s = nodeAt.get(source)!;
    const t = nodeAt.get(target)!;
    // a node's degree as graphology counts it: a self-loop twice
    degree[s]!++;
    degree[t]!++;
    keys.push(key);
    attrsOf.push(attrs);
    srcOf.push(s);
    tgtOf.push(t);
    undirectedOf.push(undirected ? 1 : 0);
  });
  // (the attribute objects are graphology's own: nothing listens to this new graph yet)
  nodeAttrs.forEach((a, i) => {
    a.degree = degree[i]!;
    // Nodes without any size get one from their degree, so hubs stand out in a foreign file too.
    if (!(a.size > 0)) a.size = 3 + 2 * Math.sqrt(a.degree);
  });
  if (missingPositions > 0) layOut(g, missingPositions === g.order);
  const parts: ViewParts = {
    nodeKeys,
    nodeAt,
    keys,
    attrs: attrsOf,
    src: Int32Array.from(srcOf),
    tgt: Int32Array.from(tgtOf),
    undirected: Uint8Array.from(undirectedOf),
  };
  curveParallelEdges(parts);
  const articles = readArticles(src.getAttributes().articles);
  // A GEXF has no article table: ARTICLE nodes give titles, dates and URLs.
  if (articles.size === 0) {
    src.forEachNode((key, a) => {
      if (str(a.kind) !== 'ARTICLE') return;
      const id = stringList(a.articles)[0] ?? key.replace(/^ARTICLE:/, '');
      const date = str(a.date);
      const url = webUrl(a.url);
      articles.set(id, { id, title: str(a.label) ?? id, section: '', ...(isIsoDay(date) ? { date } : {}), ...(url ? { url } : {}) });
    });
  }
  // Evidence without its own date takes its article's; then in date order.
  for (const a of nodeAttrs) if (a.evidence.length > 0) a.evidence = datedEvidence(a.evidence, articles);
  for (const a of attrsOf) if (a.evidence.length > 0) a.evidence = datedEvidence(a.evidence, articles);
  return { graph: g, articles, parts };
}

/** Positions for a file without them: circle, then a short deterministic ForceAtlas2. */
export function layOut(g: ViewGraph, all: boolean): void {
  if (all) {
    circular.assign(g, { scale: 100 });
    if (g.order > 1 && g.order <= 5000) {
      const settings = forceAtlas2.inferSettings(g);
      forceAtlas2.assign(g, { iterations: 100, settings: { ...settings, barnesHutOptimize: g.order > 2000 } });
    }
    return;
  }
  // Only some positions are missing: put those nodes on a ring around the rest.
  const missing = g.filterNodes((_n, a) => a.x === 0 && a.y === 0);
  missing.forEach((n, i) => {
    const t = (2 * Math.PI * i) / missing.length;
    g.mergeNodeAttributes(n, { x: 100 * Math.cos(t), y: 100 * Math.sin(t) });
  });
}

/**
 * Parallel edges (a typed relation beside a co_occurs) get distinct curvatures so both stay visible.
 * Offsets are centred (-1/2, +1/2 for two edges) and signed relative to one canonical direction of
 * the pair, so edges in opposite directions do not bend onto each other. (@sigma/edge-curve has an
 * indexer too, but importing it pulls WebGL into this pure module.)
 */
export const CURVATURE_STEP = 0.4;

function curveParallelEdges(p: ViewParts): void {
  // pairs of ends by number (the nodes' order): on 47 000 edges, string keys for the pairs cost ~0.4 s
  const order = p.nodeKeys.length;
  const first = new Map<number, number>();
  const groups = new Map<number, number[]>();
  const { src, tgt } = p;
  for (let e = 0; e < src.length; e++) {
    const i = src[e]!;
    const j = tgt[e]!;
    const k = i < j ? i * order + j : j * order + i;
    const one = first.get(k);
    if (one === undefined) first.set(k, e);
    else {
      const list = groups.get(k);
      if (list) list.push(e);
      else groups.set(k, [one, e]);
    }
  }
  for (const edges of groups.values()) {
    // typed relations first, then by key: the same graph always gets the same curves
    const keyOf = (e: number) => p.keys[e]!;
    edges.sort((x, y) => {
      const cx = p.attrs[x]!.relation === CO_OCCURS ? 1 : 0;
      const cy = p.attrs[y]!.relation === CO_OCCURS ? 1 : 0;
      return cx - cy || (keyOf(x) < keyOf(y) ? -1 : keyOf(x) > keyOf(y) ? 1 : 0);
    });
    const n = edges.length;
    edges.forEach((e, i) => {
      const offset = i - (n - 1) / 2;
      if (offset === 0) return; // the middle one of an odd group stays straight
      const s = p.nodeKeys[src[e]!]!;
      const t = p.nodeKeys[tgt[e]!]!;
      const sign = s < t ? 1 : -1;
      // (graphology's own attribute object: nothing listens to the new graph yet)
      const a = p.attrs[e]!;
      a.type = a.directed ? 'curvedArrow' : 'curved';
      a.curvature = sign * offset * CURVATURE_STEP;
    });
  }
}

/** Kinds present in the graph, known kinds in contract order first, with counts. */
export function kindCounts(g: ViewGraph, visible: (node: string, a: NodeView) => boolean = () => true): { kind: string; count: number; color: string }[] {
  const counts = new Map<string, number>();
  const colors = new Map<string, Map<string, number>>();
  g.forEachNode((n, a) => {
    counts.set(a.kind, (counts.get(a.kind) ?? 0) + (visible(n, a) ? 1 : 0));
    if (a.color) {
      const m = colors.get(a.kind) ?? new Map<string, number>();
      m.set(a.color, (m.get(a.color) ?? 0) + 1);
      colors.set(a.kind, m);
    }
  });
  return orderBy([...counts.keys()], KINDS as readonly string[]).map((kind) => ({
    kind,
    count: counts.get(kind) ?? 0,
    color: kindColor(kind, colors.get(kind)),
  }));
}

function kindColor(kind: string, seen: Map<string, number> | undefined): string {
  if (KIND_COLORS[kind]) return KIND_COLORS[kind];
  // Foreign file: use the colour most of its nodes carry.
  if (seen && seen.size > 0) return [...seen.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  return OTHER_COLOR;
}

/** Relations present, typed ones in contract order first, co_occurs last (it is secondary). */
export function relationCounts(
  g: ViewGraph,
  visible: (edge: string, a: EdgeView) => boolean = () => true,
): { relation: string; count: number; color: string }[] {
  const counts = new Map<string, number>();
  g.forEachEdge((e, a) => counts.set(a.relation, (counts.get(a.relation) ?? 0) + (visible(e, a) ? 1 : 0)));
  return relationLegend(counts.keys()).map((r) => ({ ...r, count: counts.get(r.relation) ?? 0 }));
}

/** The relations named, in the legend's order (relationCounts), with their colours. */
export function relationLegend(relations: Iterable<string>): { relation: string; color: string }[] {
  return orderBy([...relations], RELATIONS as readonly string[]).map((relation) => ({ relation, color: RELATION_COLORS[relation] ?? OTHER_COLOR }));
}

/** Known names in the given order, then unknown ones sorted; co_occurs always last. */
export function orderBy(names: string[], known: readonly string[]): string[] {
  const pos = (s: string): number => (s === CO_OCCURS ? 1e9 : known.includes(s) ? known.indexOf(s) : 1e6);
  return [...names].sort((a, b) => pos(a) - pos(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export function communityColor(c: number | null): string {
  if (c === null) return OTHER_COLOR;
  const n = COMMUNITY_COLORS.length;
  return COMMUNITY_COLORS[((c % n) + n) % n]!;
}
