/**
 * The viewer's toViewGraph as it was before its large-graph shortcuts (viewer/src/model.ts at dbb9303: the
 * degrees, sizes and curves read back through graphology's own API, one attribute call at a time), kept
 * for the tests only: view-graph.test.ts checks that today's toViewGraph gives the same graph. The attribute
 * parsers (str, num, dateList, the evidence readers) and layOut are model.ts's own: they are not what changed.
 */
import { MultiGraph } from 'graphology';
import {
  CO_OCCURS,
  CURVATURE_STEP,
  dateList,
  datedEvidence,
  evidenceList,
  evidenceOrSentence,
  layOut,
  num,
  readArticles,
  str,
  stringList,
  webUrl,
  type ArticleInfo,
  type EdgeView,
  type NodeView,
  type SourceGraphLike,
  type ViewGraph,
} from '../../viewer/src/model.js';
import { isIsoDay } from '../../viewer/src/timeline.js';

/** A source graph, with the number of articles of a node or an edge by key (how the render graph gave it then). */
export type ReferenceSource = Omit<SourceGraphLike, 'articleCounts'> & { articleCount?: (what: 'n' | 'e', key: string) => number };

/** Copies a graph into the viewer's normalized multi graph. Never mutates the input. */
export function referenceViewGraph(src: ReferenceSource): { graph: ViewGraph; articles: Map<string, ArticleInfo> } {
  const g: ViewGraph = new MultiGraph<NodeView, EdgeView>({ type: 'mixed' });
  let missingPositions = 0;
  src.forEachNode((key, a) => {
    const x = num(a.x);
    const y = num(a.y);
    if (x === null || y === null) missingPositions++;
    // `type` is sigma's program selector: a GEXF or foreign JSON may use it for the kind.
    const kind = str(a.kind) ?? str(a.type) ?? '';
    const community = num(a.community ?? a.modularity_class);
    g.addNode(key, {
      label: str(a.label) ?? key,
      kind,
      aliases: stringList(a.aliases),
      mentions: num(a.mentions) ?? 0,
      articles: stringList(a.articles),
      x: x ?? 0,
      y: y ?? 0,
      size: num(a.size) ?? 0,
      color: str(a.color) ?? '',
      community: community === null ? null : Math.trunc(community),
      degree: 0,
      pagerank: num(a.pagerank),
      confidence: num(a.confidence),
      articleCount: src.articleCount ? src.articleCount('n', key) : stringList(a.articles).length,
      url: webUrl(a.url),
      evidence: evidenceOrSentence(a.evidence, a.articles),
      dates: dateList(a.dates),
    });
  });
  src.forEachEdge((key, a, source, target, _sa, _ta, undirectedInSource) => {
    // GEXF has one edge type per file for networkx's sake: zhkg's export marks the undirected ones.
    const undirected = undirectedInSource || a.undirected === true || a.undirected === 'true';
    const relation = str(a.relation) ?? str(a.kind) ?? str(a.type) ?? str(a.label) ?? 'edge';
    let evidence = evidenceList(a.evidenceList);
    if (evidence.length === 0) evidence = evidenceOrSentence(a.evidence, a.articles);
    const attrs: EdgeView = {
      relation,
      label: str(a.label) ?? relation,
      weight: num(a.weight) ?? 1,
      articles: stringList(a.articles),
      articleCount: src.articleCount ? src.articleCount('e', key) : stringList(a.articles).length,
      evidence,
      dates: dateList(a.dates),
      directed: !undirected,
      type: undirected ? 'line' : 'arrow',
      zIndex: relation === CO_OCCURS ? 0 : 1,
    };
    if (undirected) g.addUndirectedEdgeWithKey(key, source, target, attrs);
    else g.addDirectedEdgeWithKey(key, source, target, attrs);
  });

  g.forEachNode((n) => {
    g.setNodeAttribute(n, 'degree', g.degree(n));
  });
  // Nodes without any size get one from their degree, so hubs stand out in a foreign file too.
  g.forEachNode((n, a) => {
    if (!(a.size > 0)) g.setNodeAttribute(n, 'size', 3 + 2 * Math.sqrt(a.degree));
  });
  if (missingPositions > 0) layOut(g, missingPositions === g.order);
  curveParallelEdges(g);
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
  g.forEachNode((n, a) => {
    if (a.evidence.length > 0) g.setNodeAttribute(n, 'evidence', datedEvidence(a.evidence, articles));
  });
  g.forEachEdge((e, a) => {
    if (a.evidence.length > 0) g.setEdgeAttribute(e, 'evidence', datedEvidence(a.evidence, articles));
  });
  return { graph: g, articles };
}

/**
 * Parallel edges (a typed relation beside a co_occurs) get distinct curvatures so both stay visible.
 * Offsets are centred (-1/2, +1/2 for two edges) and signed relative to one canonical direction of
 * the pair, so edges in opposite directions do not bend onto each other. (@sigma/edge-curve has an
 * indexer too, but importing it pulls WebGL into this pure module.)
 */

function curveParallelEdges(g: ViewGraph): void {
  // pairs of ends by number (the nodes' order): on 47 000 edges, string keys for the pairs cost ~0.4 s
  const index = new Map<string, number>();
  g.forEachNode((n) => void index.set(n, index.size));
  const order = index.size;
  const first = new Map<number, string>();
  const groups = new Map<number, string[]>();
  g.forEachEdge((e, _a, s, t) => {
    const i = index.get(s)!;
    const j = index.get(t)!;
    const k = i < j ? i * order + j : j * order + i;
    const one = first.get(k);
    if (one === undefined) first.set(k, e);
    else {
      const list = groups.get(k);
      if (list) list.push(e);
      else groups.set(k, [one, e]);
    }
  });
  for (const edges of groups.values()) {
    if (edges.length < 2) continue;
    // typed relations first, then by key: the same graph always gets the same curves
    edges.sort((x, y) => {
      const cx = g.getEdgeAttribute(x, 'relation') === CO_OCCURS ? 1 : 0;
      const cy = g.getEdgeAttribute(y, 'relation') === CO_OCCURS ? 1 : 0;
      return cx - cy || (x < y ? -1 : x > y ? 1 : 0);
    });
    const n = edges.length;
    edges.forEach((e, i) => {
      const offset = i - (n - 1) / 2;
      if (offset === 0) return; // the middle one of an odd group stays straight
      const [s, t] = g.extremities(e);
      const sign = s < t ? 1 : -1;
      g.mergeEdgeAttributes(e, {
        type: g.getEdgeAttribute(e, 'directed') ? 'curvedArrow' : 'curved',
        curvature: sign * offset * CURVATURE_STEP,
      });
    });
  }
}
