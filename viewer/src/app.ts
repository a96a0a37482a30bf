/**
 * The viewer application: owns the view state, the sigma renderer and the DOM controls, and keeps the
 * URL hash in sync. Rendering decisions (fading, hiding, colours, sizes) live in the sigma reducers, so
 * the graph data itself is never modified by interaction.
 */
import Sigma from 'sigma';
import type { NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import type { EdgeProgramType } from 'sigma/rendering';
import EdgeCurveProgram, { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import { MultiGraph } from 'graphology';
import { flatPrograms, flattened, setVisibility, touchVisibility, VISIBILITY_WIDTH } from './flat-programs.js';
import { park, repaintEdges, skipEmptyEdgeLabels, unpark, type Parked } from './sigma-state.js';
import { matrixFromCamera } from 'sigma/utils';
import { byId, clear, el } from './dom.js';
import { formatHash, parseHash, type ViewState } from './hash-state.js';
import { translate } from './i18n.js';
import { GraphFormatError, graphFromText } from './load.js';
import type { ShardLoader } from './evidence.js';
import {
  CO_OCCURS,
  OTHER_COLOR,
  RELATION_COLORS,
  communityColor,
  kindCounts,
  relationCounts,
  toViewGraph,
  detailsOf,
  type ArticleInfo,
  type Details,
  type EdgeView,
  type NodeView,
  type SourceGraphLike,
  type ViewGraph,
} from './model.js';
import { edgePanel, nodePanel, type PanelContext } from './panel.js';
import { nearestEdge, type EdgeGeometry } from './hit.js';
import { markPieces } from './marks.js';
import { pickLabels, type LabelCandidate } from './labels.js';
import { buildSearchIndex, search, type SearchEntry, type SearchHit } from './search.js';
import { binDates, type Bin } from './timeline.js';
import { inPeriod, overlaps, type Period } from '../../src/query/attested.js';
import { computeScope, nodePasses, warmPathView, type Scope } from './scope.js';
import { RANGE_KEYS, type RangeKey } from './hash-state.js';
import { pathPanel, focusBar, type BenchContext } from './bench-ui.js';
import { LiveLayout } from './layout.js';
import { MINIMAP_MIN_NODES, Minimap } from './minimap.js';
import { subgraphGexf, subgraphJson, viewPng, visibleSubgraph } from './export-view.js';
import { COLUMNS, NUMERIC, searchRows, sortRows, tableRows, toCsv, type Row, type TableKind } from './table.js';

const TABLE_ROWS = 500;
/** Above this many edges, no edge picking layer (see setGraph). */
const EDGE_PICKING_MAX = 5000;
/**
 * A graph of more nodes and edges than this is "large": sigma draws a focus or a path that leaves at most
 * 1/SUB_FRACTION of its nodes as a graph of only those (see refresh), filters and a selection on the whole
 * graph through the programs' visibility texture (see refreshMasked; a selection highlights instead of
 * fading every other node: see lightSpot), and its first frame without the edges (see addEdgesLater).
 */
const LARGE_ITEMS = 10_000;
const SUB_FRACTION = 4;

const MIN_NODE_SIZE = 2.5;
const MAX_NODE_SIZE = 14;
export const FADED_NODE = '#e6e6e9';
const FADED_EDGE = '#ececef';
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
const LABEL_SIZE = 13;
const SMALL_NEIGHBOURHOOD = 15;
const LABEL_WEIGHT = '500';
/**
 * Label density steps (slider 0–4): free space around each label, smallest labelled node; null = all.
 * Steps 0 and 1 also keep labels off other nodes' discs.
 */
const LABEL_STEPS: ({ padding: number; minRadius: number } | null)[] = [
  { padding: 14, minRadius: 5 },
  { padding: 5, minRadius: 0 },
  { padding: 1, minRadius: 0 },
  { padding: -4, minRadius: 0 },
  null,
];

declare global {
  interface Window {
    __zhkg?: App;
  }
}

/** A name with the typed query marked (when it appears verbatim), as text nodes and <mark>. */
function highlighted(cls: string, text: string, query: string): HTMLElement {
  const q = query.trim();
  const at = q === '' ? -1 : text.indexOf(q);
  const span = el('span', { class: cls });
  for (const p of markPieces(text, at < 0 ? [] : [[at, at + q.length]])) span.append(p.mark ? el('mark', {}, p.text) : document.createTextNode(p.text));
  return span;
}

/** A graph's edges as numbers (App.edgeIndex). */
interface EdgeIndex {
  graph: ViewGraph;
  /** node key -> number (the graph's node order), and back */
  nodeAt: Map<string, number>;
  nodeKeys: string[];
  /** scratch: 1 for a node shown */
  nodeShown: Uint8Array;
  /** relations in the legend's order, with their colours */
  relations: string[];
  legend: { relation: string; color: string }[];
  /** edge key -> number (the graph's edge order) */
  edgeAt: Map<string, number>;
  /** per edge (the graph's edge order): key, attributes, ends, relation number */
  keys: string[];
  attrs: EdgeView[];
  src: Int32Array;
  tgt: Int32Array;
  rel: Uint16Array;
  /** 1 for an undirected edge */
  undirected: Uint8Array;
}

/** What the reducers gave sigma for a large graph drawn whole (see App.refreshMasked). */
interface MaskedDrawn {
  /** colours, sizes: anything else changing means a full refresh */
  sig: string;
  /** per node number: 1 for a node whose label is drawn */
  labelled: Uint8Array;
  /** nodes and edges a selection, a focus or a path's ends mark (refreshed when it changes) */
  spotNodes: string[];
  spotEdges: string[];
}

/** What sigma's current graph was given (see App.refresh). */
interface Drawn {
  /** colours, sizes: anything else changing means a full refresh */
  sig: string;
  nodes: Set<string>;
  edges: Set<string>;
  /** `edges` by edge number (EdgeIndex order) */
  edgeMask: Uint8Array | null;
  labels: Set<string> | null;
  /** nodes marked by a focus or a path's ends (highlighted, labelled: refreshed when it changes) */
  spotNodes: string[];
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** The extent of the nodes' positions, as sigma computes it for a graph (its `graphExtent`). */
function extentOf(g: ViewGraph): { x: [number, number]; y: [number, number] } {
  if (g.order === 0) return { x: [0, 1], y: [0, 1] };
  let x0 = Infinity,
    x1 = -Infinity,
    y0 = Infinity,
    y1 = -Infinity;
  g.forEachNode((_n, a) => {
    if (a.x < x0) x0 = a.x;
    if (a.x > x1) x1 = a.x;
    if (a.y < y0) y0 = a.y;
    if (a.y > y1) y1 = a.y;
  });
  return { x: [x0, x1], y: [y0, y1] };
}

/**
 * The nodes and edges given, as a graph of their own, in the whole graph's order (sigma draws in that
 * order: the same picture as the whole graph with the rest hidden). Attributes are the same objects.
 */
function subgraphOf(g: ViewGraph, nodes: Set<string>, edges: Set<string>): ViewGraph {
  const sub: ViewGraph = new MultiGraph<NodeView, EdgeView>({ type: 'mixed' });
  g.forEachNode((n, a) => {
    if (nodes.has(n)) sub.addNode(n, a);
  });
  g.forEachEdge((e, a, s, t, _sa, _ta, undirected) => {
    if (!edges.has(e)) return;
    if (undirected) sub.addUndirectedEdgeWithKey(e, s, t, a);
    else sub.addDirectedEdgeWithKey(e, s, t, a);
  });
  return sub;
}

export class App {
  graph: ViewGraph | null = null;
  /** The graph as loaded (its own attributes, for exports). */
  source: SourceGraphLike | null = null;
  /** Where the details of a render graph's nodes and edges are (null: the graph holds them). */
  shards: ShardLoader | null = null;
  private detailCache = new Map<string, Details>();
  private detailErrors = new Map<string, string>();
  private detailWanted: ['n' | 'e', string][] = [];
  articles = new Map<string, ArticleInfo>();
  sigma: Sigma<NodeView, EdgeView> | null = null;
  state: ViewState = parseHash(location.hash);
  hovered: string | null = null;
  private index: SearchEntry[] = [];
  private hits: SearchHit[] = [];
  private active = -1;
  private kindColors = new Map<string, string>();
  private maxMetric = { size: 1, degree: 1, pagerank: 1 };
  private focusSet: Set<string> | null = null;
  /** What the filters, focus and path leave shown (recomputed on every state change, not on hover). */
  scope: Scope | null = null;
  /** The edges shown (both ends shown, relation and time range pass, or on the path), by edge number (EdgeIndex order): 1 for an edge shown. One pass per state change. */
  private shownMask: Uint8Array | null = null;
  /** The same as a set of keys, built when asked for (see shownEdges). */
  private shownSet: Set<string> | null = null;
  /** The nodes shown, by node number (EdgeIndex order). */
  private nodeMask: Uint8Array | null = null;
  /** A large graph drawn whole: per node and edge number, 1 for drawn (shown, and for an edge, not set aside by a selection). */
  private drawnMask: { nodes: Uint8Array; edges: Uint8Array } | null = null;
  /** What the reducers last gave sigma for a large graph drawn whole (see refreshMasked). */
  private maskedDrawn: MaskedDrawn | null = null;
  /**
   * A large graph's first frame is drawn without its edges, which follow in the task after that frame
   * (addEdgesLater): sigma is given `nodesOnly` (the graph's nodes, the same attribute objects) meanwhile.
   */
  private edgesLater = false;
  private nodesOnly: ViewGraph | null = null;
  /** Sigma's item ids of the graph's nodes and edges, by number, for one processing of it (see texels). */
  private ids: { of: unknown; nodes: Int32Array; edges: Int32Array; max: number } | null = null;
  /** Per relation, the edges the legend counts (ends shown, in the time range or on the path; a hidden relation counts what it would add). */
  private relationCounted = new Map<string, number>();
  /** The graph's edges as numbers (see edgeIndex). */
  private edgeIx: EdgeIndex | null = null;
  /** What sigma's current graph was last given, to hand it only what changed when nothing else did (see refresh). */
  private drawn: Drawn | null = null;
  /** More than LARGE_ITEMS nodes and edges (see refresh). */
  private large = false;
  /**
   * Large graph drawn whole: a selection highlights its node, labels its neighbours and draws only its own
   * edges, without recolouring the 16 000 other nodes (fading them all is what made it cost).
   */
  private lightSpot = false;
  /** brightNode() as of the last refresh (the edge reducer reads it 47 000 times). */
  private bright: string | null = null;
  /** The small graph sigma draws when a large graph's view is narrowed (see refresh), with what it holds. */
  private sub: { graph: ViewGraph; nodes: Set<string>; edges: Set<string>; pos: number } | null = null;
  /** Sigma's state for the whole graph, set aside while it draws `sub`, with what it showed then. */
  private parked: { state: Parked; drawn: Drawn | null; masked: MaskedDrawn | null; ids: App['ids']; pos: number } | null = null;
  /** Bumped whenever node attributes (positions) change: what was set aside is stale then. */
  private posVersion = 0;
  /** nodes whose label is drawn when nothing is focused; null: all */
  private labelSet: Set<string> | null = null;
  private labelFrame = 0;
  /** The inputs of the last label choice and its result (see computeLabels). */
  private labelMemo: { key: string; scope: Scope | null; focus: Set<string> | null; labels: Set<string> } | null = null;
  /**
   * Every labelled node in pickLabels' order (priority: size, then degree; ties by key), with what its label
   * candidate needs but the camera: kept while sizes and positions stay (see computeLabels).
   */
  private labelOrder: {
    graph: ViewGraph;
    key: string;
    nodes: string[];
    /** node numbers (EdgeIndex order) */
    at: Int32Array;
    x: Float64Array;
    y: Float64Array;
    size: Float64Array;
    width: Float64Array;
    maxSize: number;
    maxWidth: number;
  } | null = null;
  private widths = new Map<string, number>();
  /** a large graph's labels' characters' widths, by code point (see labelWidth) */
  private charWidths = new Map<number, number>();
  private measure: CanvasRenderingContext2D | null = null;
  /** Timeline bins of the loaded graph's article dates ([] when it has none). */
  bins: Bin[] = [];
  private articleDates: string[] = [];

  constructor() {
    this.wireStaticControls();
    this.applyLocale();
    window.addEventListener('hashchange', () => {
      if (location.hash === formatHash(this.state)) return;
      this.state = parseHash(location.hash);
      this.applyState();
    });
  }

  t = (key: string, vars?: Record<string, string | number>): string => translate(this.state.lang, key, vars);

  // ---------- graph ----------

  /** Milliseconds spent in each phase of the last setGraph (read by the bench). */
  timings: Record<string, number> = {};

  setGraph(src: SourceGraphLike, shards: ShardLoader | null = null): void {
    const timings: Record<string, number> = {};
    let last = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      timings[name] = (timings[name] ?? 0) + now - last;
      last = now;
    };
    const { graph, articles } = toViewGraph(src);
    lap('toViewGraph');
    this.sigma?.kill();
    this.layout?.kill();
    this.layout = new LiveLayout(graph);
    this.source = src;
    this.shards = shards;
    this.detailCache = new Map();
    this.detailErrors = new Map();
    this.detailWanted = [];
    this.drawn = null;
    this.maskedDrawn = null;
    this.drawnMask = null;
    this.ids = null;
    this.nodeMask = null;
    this.shownMask = null;
    this.shownSet = null;
    this.nodesOnly = null;
    this.edgesLater = graph.order + graph.size > LARGE_ITEMS && graph.size > 0;
    this.sub = null;
    this.parked = null;
    this.large = graph.order + graph.size > LARGE_ITEMS;
    // Moving nodes (live layout, noverlap, restore) changes which labels fit, the graph's extent, and
    // makes what was set aside for the whole graph stale.
    const moved = () => {
      this.posVersion++;
      // on the whole graph sigma follows the extent itself (as without a bbox); a small graph keeps the whole one's
      if (this.sigma?.getGraph() === graph) this.sigma.setCustomBBox(null);
      this.scheduleLabels();
    };
    graph.on('eachNodeAttributesUpdated', moved);
    graph.on('nodeAttributesUpdated', moved);
    this.graph = graph;
    this.articles = articles;
    this.hovered = null;
    this.index = buildSearchIndex(graph.mapNodes((key, a) => ({ key, label: a.label, aliases: a.aliases, weight: a.degree })));
    this.kindColors = new Map(kindCounts(graph).map((k) => [k.kind, k.color]));
    this.maxMetric = { size: 1e-9, degree: 1e-9, pagerank: 1e-9 };
    graph.forEachNode((_n, a) => {
      this.maxMetric.size = Math.max(this.maxMetric.size, a.size);
      this.maxMetric.degree = Math.max(this.maxMetric.degree, a.degree);
      this.maxMetric.pagerank = Math.max(this.maxMetric.pagerank, a.pagerank ?? 0);
    });
    // What is shown, before the first frame (the reducers read it).
    this.scope = computeScope(graph, this.state);
    lap('index+scope');
    // Every program non-instanced (flat-programs.ts: software GL pays per instance, hidden ones included).
    const programs = flatPrograms<NodeView, EdgeView>();
    // Sigma starts on an empty graph and is handed the graph (or the part of it shown) by the first refresh
    // below, once the labels are chosen: one pass over the graph before the first frame instead of two.
    this.sigma = new Sigma<NodeView, EdgeView>(new MultiGraph<NodeView, EdgeView>(), byId('graph'), {
      nodeProgramClasses: programs.nodes,
      // The curve programs are typed for plain Attributes; they only read x/y/size/color/curvature.
      edgeProgramClasses: {
        ...programs.edges,
        curved: flattened(EdgeCurveProgram) as unknown as EdgeProgramType<NodeView, EdgeView>,
        curvedArrow: flattened(EdgeCurvedArrowProgram) as unknown as EdgeProgramType<NodeView, EdgeView>,
      },
      defaultEdgeType: 'line',
      renderEdgeLabels: true,
      // Edge picking draws every edge a second time (into sigma's picking buffer): on big graphs a click
      // finds its edge by geometry instead (edgeNear), and the frame costs software GL about half as much.
      enableEdgeEvents: graph.size <= EDGE_PICKING_MAX,
      hideEdgesOnMove: graph.size > 300,
      zIndex: true,
      labelFont: FONT,
      edgeLabelFont: FONT,
      labelSize: LABEL_SIZE,
      edgeLabelSize: 11,
      labelWeight: LABEL_WEIGHT,
      // Sigma's label grid is off: labels are chosen by pickLabels() and forced through the reducer.
      labelDensity: 0,
      labelRenderedSizeThreshold: 0,
      minCameraRatio: 0.02,
      maxCameraRatio: 20,
      nodeReducer: (n, d) => this.nodeReducer(n, d),
      edgeReducer: (e, d) => this.edgeReducer(e, d),
    });
    // The whole graph's extent frames the view (as sigma would compute it), so that the labels can be chosen
    // before sigma has seen a node, and a small graph drawn later is placed exactly as in the whole one.
    this.sigma.setCustomBBox(extentOf(graph));
    skipEmptyEdgeLabels(this.sigma);
    // sigma numbers its items anew when it processes the graph: the visibility texture follows (refreshMasked)
    const sigma = this.sigma;
    sigma.on('afterProcess', () => touchVisibility(sigma));
    this.sigma.refresh();
    lap('sigma');
    this.wireSigma(this.sigma);
    this.setupMinimap(this.sigma, graph);
    lap('minimap');
    this.articleDates = [...this.articles.values()].flatMap((a) => (a.date ? [a.date] : []));
    this.bins = binDates(this.articleDates).bins;
    this.buildCommunities();
    this.applyState();
    // A shared URL names a focus or a path (frame it), or a node or an edge (centre it).
    if (this.scope && (this.scope.focus !== null || this.scope.path)) this.fitView();
    else if (this.state.node) this.centerOn([this.state.node]);
    else if (this.state.edge) this.centerOn(graph.extremities(this.state.edge), false);
    lap('state');
    this.timings = timings;
    document.body.dataset.ready = String(Number(document.body.dataset.ready ?? '0') + 1);
    document.body.dataset.edges = this.edgesLater ? 'later' : 'drawn';
    if (this.edgesLater) this.addEdgesLater(graph);
    this.warmFocus(graph);
  }

  /**
   * The edges of a large graph, after its first frame: in the task after that frame is painted (a timer set
   * in the frame's animation callback), sigma is given the whole graph and draws it again with its edges.
   * Sigma's processing of 47 000 edges (about a second) and software GL's drawing of them (seconds) are no
   * longer part of the first frame. `timings.edges` (read by the bench) is that task's time;
   * `body[data-edges]` says `later`, then `drawn`.
   */
  private addEdgesLater(graph: ViewGraph): void {
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (this.graph !== graph || !this.edgesLater) return;
        const t = performance.now();
        this.edgesLater = false;
        this.refresh();
        // sigma holds the whole graph now: the nodes-only copy is not needed again
        this.nodesOnly = null;
        this.timings.edges = performance.now() - t;
        document.body.dataset.edges = 'drawn';
      }, 0),
    );
  }

  /** The graph's nodes alone, as sigma draws the first frame of a large graph (see edgesLater). */
  private nodesGraph(g: ViewGraph): ViewGraph {
    if (this.nodesOnly) return this.nodesOnly;
    const nodes: ViewGraph = new MultiGraph<NodeView, EdgeView>({ type: 'mixed' });
    g.forEachNode((n, a) => void nodes.addNode(n, a));
    return (this.nodesOnly = nodes);
  }

  /**
   * A first focus walks an undirected copy of the graph (the query library's view, built once per graph
   * and relation set): on 47 000 edges that copy takes about 0.4 s, so it is built when the page is
   * idle after its first frame instead of when the user first asks for a focus; then, as a task of its own,
   * the view a first path walks (stated relations only). The times go into `timings.warmFocus` and
   * `timings.warmPath` (read by the bench).
   */
  private warmFocus(graph: ViewGraph): void {
    const first = graph.order > 0 ? graph.nodes()[0]! : null;
    if (first === null) return;
    const run = () => {
      if (this.graph !== graph) return;
      const t = performance.now();
      computeScope(graph, { ...this.state, focus: [first], pathFrom: null, pathTo: null });
      this.timings.warmFocus = performance.now() - t;
      // then, in a task of its own, the view a first path walks
      later(() => {
        if (this.graph !== graph) return;
        const t = performance.now();
        warmPathView(graph, first);
        this.timings.warmPath = performance.now() - t;
      });
    };
    const later = (f: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 2000 }) : setTimeout(f, 0));
    later(run);
  }

  openText(name: string, text: string): void {
    let src: SourceGraphLike;
    try {
      src = graphFromText(text);
    } catch (err) {
      const reason = err instanceof GraphFormatError ? this.t(`error.${err.message}`) : err instanceof Error ? err.message : String(err);
      this.showMessage(this.t('error.read', { name, reason }));
      return;
    }
    this.hideMessage();
    this.state = {
      ...this.state,
      node: null,
      edge: null,
      hiddenKinds: [],
      hiddenRelations: [],
      from: null,
      to: null,
      focus: [],
      pathFrom: null,
      pathTo: null,
      community: null,
      ranges: parseHash('').ranges,
    };
    this.setGraph(src);
  }

  showMessage(text: string): void {
    const m = byId('message');
    m.textContent = text;
    m.hidden = false;
  }

  hideMessage(): void {
    byId('message').hidden = true;
  }

  // ---------- state ----------

  private commit(): void {
    this.updateScope();
    this.writeHash();
    this.refresh();
  }

  /** A selection changes neither what is shown nor the counts: the URL, the table's marked row and sigma follow. */
  private commitSelection(): void {
    if (!this.scope) return this.commit();
    this.writeHash();
    if (this.table.open) this.renderTable();
    this.refresh();
  }

  /**
   * The graph's edges as numbers, built once per graph: the pass over 47 000 edges that every filter makes
   * (which are shown, the legend's counts) reads typed arrays instead of graphology's iterator and string sets.
   */
  private edgeIndex(g: ViewGraph): EdgeIndex {
    if (this.edgeIx?.graph === g) return this.edgeIx;
    const nodeAt = new Map<string, number>();
    g.forEachNode((n) => void nodeAt.set(n, nodeAt.size));
    const legend = relationCounts(g);
    const relations = legend.map((r) => r.relation);
    const relAt = new Map(relations.map((r, i) => [r, i]));
    const keys: string[] = [];
    const edgeAt = new Map<string, number>();
    const attrs: EdgeView[] = [];
    const src = new Int32Array(g.size);
    const tgt = new Int32Array(g.size);
    const rel = new Uint16Array(g.size);
    const undirected = new Uint8Array(g.size);
    g.forEachEdge((e, a, s, t, _sa, _ta, und) => {
      const i = keys.length;
      keys.push(e);
      edgeAt.set(e, i);
      attrs.push(a);
      src[i] = nodeAt.get(s)!;
      tgt[i] = nodeAt.get(t)!;
      rel[i] = relAt.get(a.relation)!;
      undirected[i] = und ? 1 : 0;
    });
    return (this.edgeIx = {
      graph: g,
      nodeAt,
      nodeKeys: [...nodeAt.keys()],
      nodeShown: new Uint8Array(g.order),
      relations,
      legend,
      edgeAt,
      keys,
      attrs,
      src,
      tgt,
      rel,
      undirected,
    });
  }

  /** Recomputes what is shown and everything that follows it (counts, status, path panel, focus bar). */
  private updateScope(): void {
    const g = this.graph;
    if (!g) return;
    const t0 = performance.now();
    const sc = (this.scope = computeScope(g, this.state));
    // One pass over the edges: those the legend counts (ends shown, in the time range or on the path; a
    // hidden relation counts what it would add) and those shown.
    const period = this.period();
    const ix = this.edgeIndex(g);
    // node shown, by number
    const on = ix.nodeShown;
    on.fill(0);
    for (const n of sc.nodes) {
      const i = ix.nodeAt.get(n);
      if (i !== undefined) on[i] = 1;
    }
    const hiddenRel = new Uint8Array(ix.relations.length);
    for (const r of this.state.hiddenRelations) {
      const i = ix.relations.indexOf(r);
      if (i >= 0) hiddenRel[i] = 1;
    }
    const counts = new Array<number>(ix.relations.length).fill(0);
    const mask = new Uint8Array(ix.keys.length);
    let edges = 0;
    const { src, tgt, rel, keys, attrs } = ix;
    for (let i = 0; i < keys.length; i++) {
      if (on[src[i]!] === 0 || on[tgt[i]!] === 0) continue;
      if (sc.edges ? !sc.edges.has(keys[i]!) : period !== null && !attrs[i]!.dates.some((d) => inPeriod(d, period))) continue;
      counts[rel[i]!]!++;
      if (sc.edges || hiddenRel[rel[i]!] === 0) {
        mask[i] = 1;
        edges++;
      }
    }
    this.shownMask = mask;
    this.shownSet = null;
    this.nodeMask = new Uint8Array(on);
    this.relationCounted = new Map(ix.relations.map((r, i) => [r, counts[i]!]));
    this.scopeMs = performance.now() - t0;
    const nodes = sc.nodes.size;
    const status = byId('status');
    status.textContent =
      nodes === g.order && edges === g.size ? this.t('status.graph', { nodes, edges }) : this.t('status.shown', { nodes, edges, total: g.order });
    status.dataset.nodes = String(nodes);
    status.dataset.edges = String(edges);
    this.buildFilters();
    byId('focus-bar').replaceChildren(...focusBar(this.benchContext(), this.state, this.scope));
    byId('focus-bar').hidden = this.state.focus.length === 0;
    this.renderPath();
    this.renderTable();
    this.renderLayoutControls();
    // the map's dots in the next frame: 16 000 of them need not hold up the answer
    this.minimap?.scheduleRedraw();
    document.body.dataset.scope = String(Number(document.body.dataset.scope ?? '0') + 1);
  }
  /** The edges shown, as a set of keys (built from the mask when first asked for after a state change). */
  private get shownEdges(): Set<string> {
    if (this.shownSet) return this.shownSet;
    const set = new Set<string>();
    const mask = this.shownMask;
    const ix = this.edgeIx;
    if (mask && ix && ix.graph === this.graph) for (let i = 0; i < mask.length; i++) if (mask[i] === 1) set.add(ix.keys[i]!);
    return (this.shownSet = set);
  }

  private renderPath(): void {
    const pathBox = byId('path');
    if (!this.scope) return;
    pathBox.replaceChildren(...pathPanel(this.benchContext(), this.state, this.scope));
    pathBox.hidden = !this.state.pathFrom && !this.state.pathTo;
    pathBox.dataset.details = pathBox.querySelector('.loading') ? 'loading' : 'ready';
  }

  // ---------- details (evidence, articles) ----------

  /**
   * A node's or edge's evidence, articles and URL: from the graph, or for a render graph from its shard —
   * null while that is loading (the panel and the path box are drawn again when it arrives), a string
   * when it cannot be read.
   */
  details(what: 'n' | 'e', key: string): Details | null | string {
    const g = this.graph;
    if (!g) return null;
    if (!this.shards) {
      const a = what === 'n' ? g.getNodeAttributes(key) : g.getEdgeAttributes(key);
      return { evidence: a.evidence, articles: a.articles, url: what === 'n' ? (a as NodeView).url : null };
    }
    const id = `${what}\u0000${key}`;
    const hit = this.detailCache.get(id);
    if (hit) return hit;
    const rest = this.shards.get(what, key);
    if (rest !== undefined) {
      const d = detailsOf(what, rest ?? {}, this.articles);
      this.detailCache.set(id, d);
      return d;
    }
    const err = this.detailErrors.get(id);
    if (err !== undefined) return err;
    if (this.detailWanted.length === 0) queueMicrotask(() => this.fetchWanted());
    this.detailWanted.push([what, key]);
    return null;
  }

  private fetchWanted(): void {
    const shards = this.shards;
    const wanted = this.detailWanted;
    this.detailWanted = [];
    if (!shards || wanted.length === 0) return;
    const redraw = () => {
      if (this.shards !== shards) return; // another graph meanwhile
      this.renderPanel();
      this.renderPath();
    };
    shards.fetch(wanted).then(redraw, (err: unknown) => {
      const reason = err instanceof Error ? err.message : String(err);
      for (const [what, key] of wanted) if (shards.get(what, key) === undefined) this.detailErrors.set(`${what}\u0000${key}`, reason);
      redraw();
    });
  }

  // ---------- data table ----------

  /** The table's state, kept in the URL (state.table; closed: null). */
  get table(): { open: boolean; kind: TableKind; col: number; desc: boolean; query: string } {
    const t = this.state.table;
    const kind: TableKind = t?.kind ?? 'nodes';
    const at = t?.sort ? COLUMNS[kind].indexOf(t.sort) : -1;
    return { open: t !== null, kind, col: at >= 0 ? at : kind === 'nodes' ? 2 : 4, desc: at >= 0 ? t!.desc : true, query: t?.query ?? '' };
  }

  set table(v: { open: boolean; kind: TableKind; col: number; desc: boolean; query: string }) {
    this.state = { ...this.state, table: v.open ? { kind: v.kind, sort: COLUMNS[v.kind][v.col] ?? null, desc: v.desc, query: v.query } : null };
    this.writeHash();
  }

  /** The URL follows the state (without recomputing the view: for changes that do not touch it). */
  private writeHash(): void {
    const hash = formatHash(this.state);
    if (hash !== location.hash) history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash);
  }
  /** The rows the table shows now (searched and sorted), all of them: the CSV exports these. */
  tableShown: Row[] = [];

  private renderTable(): void {
    const box = byId('table');
    box.hidden = !this.table.open;
    box.parentElement!.classList.toggle('table-open', this.table.open);
    byId('table-toggle').setAttribute('aria-pressed', String(this.table.open));
    const g = this.graph;
    if (!this.table.open || !g || !this.scope) return;
    const { kind, col, desc, query } = this.table;
    const search = byId<HTMLInputElement>('table-search');
    if (search.value !== query) search.value = query;
    for (const b of document.querySelectorAll<HTMLElement>('#table-head .tab')) b.setAttribute('aria-pressed', String(b.dataset.table === kind));
    const cols = COLUMNS[kind];
    const head = byId('table-grid').querySelector('thead tr')!;
    head.replaceChildren(
      ...cols.map((c, i) => {
        const th = el('th', { class: NUMERIC.has(c) ? 'num' : '', attrs: { 'data-col': String(i), scope: 'col' } }, this.t(`table.col.${c}`));
        if (i === col) th.setAttribute('aria-sort', desc ? 'descending' : 'ascending');
        th.addEventListener('click', () => {
          this.table = { ...this.table, col: i, desc: i === col ? !desc : NUMERIC.has(c) };
          this.renderTable();
        });
        return th;
      }),
    );
    const all = tableRows(g, kind, this.scope, this.state);
    this.tableShown = sortRows(searchRows(all, query), col, desc);
    const selected = kind === 'nodes' ? this.state.node : this.state.edge;
    const body = byId('table-grid').querySelector('tbody')!;
    body.replaceChildren(
      ...this.tableShown.slice(0, TABLE_ROWS).map((r) => {
        const tr = el(
          'tr',
          { class: r.key === selected ? 'selected' : '', attrs: { 'data-key': r.key } },
          ...r.cells.map((c, i) =>
            el(
              'td',
              { class: NUMERIC.has(cols[i]!) ? 'num' : '' },
              kind === 'nodes' && i === 1 ? this.t(`kind.${c}`) : kind === 'edges' && i === 0 ? this.t(`relation.${c}`) : String(c),
            ),
          ),
        );
        tr.addEventListener('click', () => (kind === 'nodes' ? this.selectNode(r.key, true) : this.selectEdge(r.key)));
        return tr;
      }),
    );
    const more = this.tableShown.length - TABLE_ROWS;
    const foot = byId('table-grid').querySelector('tfoot') ?? byId('table-grid').appendChild(el('tfoot', {}));
    foot.replaceChildren(...(more > 0 ? [el('tr', {}, el('td', { attrs: { colspan: String(cols.length) } }, this.t('table.more', { n: more })))] : []));
    byId('table-count').textContent = this.t('table.count', { shown: this.tableShown.length, total: all.length });
    byId('table').dataset.rows = String(this.tableShown.length);
  }

  /** The visible rows as CSV (what the table shows, searched and sorted; not only the first rows drawn). */
  tableCsv(): string {
    return toCsv(COLUMNS[this.table.kind], this.tableShown);
  }

  private wireTable(): void {
    byId('table-toggle').addEventListener('click', () => {
      this.table = { ...this.table, open: !this.table.open };
      this.renderTable();
    });
    byId('table-close').addEventListener('click', () => {
      this.table = { ...this.table, open: false };
      this.renderTable();
    });
    for (const b of document.querySelectorAll<HTMLElement>('#table-head .tab')) {
      b.addEventListener('click', () => {
        const kind: TableKind = b.dataset.table === 'edges' ? 'edges' : 'nodes';
        if (kind !== this.table.kind) this.table = { ...this.table, kind, col: kind === 'nodes' ? 2 : 4, desc: true };
        this.renderTable();
      });
    }
    const search = byId<HTMLInputElement>('table-search');
    search.addEventListener('input', () => {
      this.table = { ...this.table, query: search.value };
      this.renderTable();
    });
    byId('table-csv').addEventListener('click', () => {
      this.download(`zhkg-${this.table.kind}.csv`, new Blob([this.tableCsv()], { type: 'text/csv;charset=utf-8' }));
    });
  }

  // ---------- live layout ----------

  layout: LiveLayout | null = null;

  private renderLayoutControls(): void {
    const status = this.layout?.status ?? 'built';
    byId('layout-controls').dataset.layout = status;
    byId('layout-run').textContent = this.t(status === 'running' ? 'layout.stop' : 'layout.start');
    byId<HTMLButtonElement>('layout-restore').disabled = status === 'built';
  }

  private wireLayout(): void {
    byId('layout-run').addEventListener('click', () => {
      const l = this.layout;
      if (!l) return;
      if (l.running) l.stop();
      else l.start();
      this.renderLayoutControls();
    });
    byId('layout-noverlap').addEventListener('click', () => {
      const s = this.sigma;
      const g = this.graph;
      if (!s || !g || !this.layout) return;
      const a = s.viewportToGraph({ x: 0, y: 0 });
      const b = s.viewportToGraph({ x: 100, y: 0 });
      const unitsPerPixel = Math.hypot(b.x - a.x, b.y - a.y) / 100;
      this.layout.separate((n) => s.scaleSize(this.nodeSize(g.getNodeAttributes(n))), unitsPerPixel);
      this.renderLayoutControls();
    });
    byId('layout-restore').addEventListener('click', () => {
      this.layout?.restore();
      this.renderLayoutControls();
    });
  }

  // ---------- exports ----------

  /** Keys of the nodes and edges in view (what the renderer draws, hover aside). */
  visibleKeys(): { nodes: Set<string>; edges: Set<string> } {
    const g = this.graph;
    const sc = this.scope;
    const edges = new Set<string>();
    if (!g || !sc) return { nodes: new Set(), edges };
    for (const e of this.shownEdges) edges.add(e);
    return { nodes: new Set(sc.nodes), edges };
  }

  /**
   * The visible subgraph in the CLI's formats, with every attribute the graph file has for those nodes and
   * edges (a render graph's details are loaded from their shards first): what `zhkg export` would write.
   */
  async exportView(format: 'gexf' | 'json'): Promise<string> {
    const g = this.graph;
    const src = this.source;
    if (!g || !src) throw new Error('no graph');
    const { nodes, edges } = this.visibleKeys();
    const shards = this.shards;
    let rest: ((what: 'n' | 'e', key: string) => Record<string, unknown> | null) | undefined;
    if (shards) {
      await shards.fetch([...[...nodes].map((n) => ['n', n] as ['n', string]), ...[...edges].map((e) => ['e', e] as ['e', string])]);
      rest = (what, key) => shards.get(what, key) ?? null;
    }
    const sub = visibleSubgraph(src, g, nodes, edges, rest);
    return format === 'gexf' ? subgraphGexf(sub) : subgraphJson(sub);
  }

  viewPng(): Promise<Blob> {
    if (!this.sigma) return Promise.reject(new Error('no graph'));
    return viewPng(this.sigma);
  }

  private download(name: string, blob: Blob): void {
    const a = el('a', { attrs: { href: URL.createObjectURL(blob), download: name } });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.getAttribute('href')!), 10_000);
  }

  private wireExports(): void {
    const fail = (err: unknown) => this.showMessage(this.t('error.export', { reason: err instanceof Error ? err.message : String(err) }));
    byId('export-png').addEventListener('click', () => {
      this.viewPng().then((b) => this.download('zhkg-view.png', b), fail);
    });
    for (const format of ['gexf', 'json'] as const) {
      byId(`export-${format}`).addEventListener('click', () => {
        this.exportView(format).then(
          (text) => this.download(`zhkg-view.${format}`, new Blob([text], { type: format === 'gexf' ? 'application/xml' : 'application/json' })),
          fail,
        );
      });
    }
  }

  // ---------- minimap ----------

  minimap: Minimap | null = null;

  private setupMinimap(s: Sigma<NodeView, EdgeView>, g: ViewGraph): void {
    const canvas = byId<HTMLCanvasElement>('minimap');
    canvas.hidden = g.order <= MINIMAP_MIN_NODES;
    // A fresh canvas per graph: the old map's listeners go with the old one.
    const fresh = canvas.cloneNode() as HTMLCanvasElement;
    canvas.replaceWith(fresh);
    this.minimap = null;
    if (fresh.hidden) return;
    const map = new Minimap(fresh, {
      points: () => {
        const pts: { x: number; y: number; color: string }[] = [];
        g.forEachNode((n, a) => {
          if (this.scope?.nodes.has(n) ?? true) pts.push({ x: a.x, y: a.y, color: this.nodeColor(a) });
        });
        return pts;
      },
      viewport: () => {
        const { width, height } = s.getDimensions();
        const a = s.viewportToGraph({ x: 0, y: 0 });
        const b = s.viewportToGraph({ x: width, y: height });
        return { x0: a.x, y0: a.y, x1: b.x, y1: b.y };
      },
      moveTo: (x, y) => {
        const f = s.viewportToFramedGraph(s.graphToViewport({ x, y }));
        s.getCamera().setState({ x: f.x, y: f.y });
      },
    });
    this.minimap = map;
    s.getCamera().on('updated', () => map.schedule());
    s.on('resize', () => map.schedule());
    let frame = 0;
    // Dots follow moved nodes (live layout) at most once a frame.
    g.on('eachNodeAttributesUpdated', () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        map.redraw();
      });
    });
  }

  /** Time the last scope computation took (ms): read by the bench. */
  scopeMs = 0;

  private benchContext(): BenchContext {
    return {
      ...this.panelContext(),
      focusTrail: (i: number) => this.focusTrail(i),
      setDepth: (d: number) => this.update({ depth: Math.max(1, Math.min(3, d)) }),
      clearPath: () => this.update({ pathFrom: null, pathTo: null }),
      swapPath: () => this.update({ pathFrom: this.state.pathTo, pathTo: this.state.pathFrom }),
    };
  }

  /** Merges `patch` into the state and brings the view in line. */
  update(patch: Partial<ViewState>): void {
    this.state = { ...this.state, ...patch };
    this.commit();
    this.renderPanel();
  }

  /** Shows only the ego network of `node` (added to the breadcrumb trail). */
  focusOn(node: string): void {
    const trail = this.state.focus.filter((k) => k !== node);
    this.update({ focus: [...trail, node], pathFrom: null, pathTo: null, node });
    this.fitView();
  }

  /** Breadcrumb: -1 = the whole graph, else back to the i-th focus of the trail. */
  focusTrail(i: number): void {
    this.update({ focus: i < 0 ? [] : this.state.focus.slice(0, i + 1) });
    this.fitView();
  }

  /** Sets one end of the path (the other end is kept); the focus is left for the path. */
  setPathEnd(end: 'from' | 'to', node: string): void {
    this.update(end === 'from' ? { pathFrom: node, focus: [] } : { pathTo: node, focus: [] });
    if (this.scope?.path) this.fitView();
  }

  /** Brings controls, panel and renderer in line with `state` (after a load or a hash edit). */
  private applyState(): void {
    const g = this.graph;
    if (g) {
      if (this.state.node && !g.hasNode(this.state.node)) this.state.node = null;
      if (this.state.edge && !g.hasEdge(this.state.edge)) this.state.edge = null;
      this.state.focus = this.state.focus.filter((k) => g.hasNode(k));
      if (this.state.pathFrom && !g.hasNode(this.state.pathFrom)) this.state.pathFrom = null;
      if (this.state.pathTo && !g.hasNode(this.state.pathTo)) this.state.pathTo = null;
    }
    byId<HTMLSelectElement>('community-filter').value = this.state.community === null ? '' : String(this.state.community);
    for (const k of RANGE_KEYS) {
      byId<HTMLInputElement>(`${k}-min`).value = this.state.ranges[k].min === null ? '' : String(this.state.ranges[k].min);
      byId<HTMLInputElement>(`${k}-max`).value = this.state.ranges[k].max === null ? '' : String(this.state.ranges[k].max);
    }
    for (const r of document.querySelectorAll<HTMLInputElement>('input[name="color-by"]')) r.checked = r.value === this.state.colorBy;
    byId<HTMLSelectElement>('size-by').value = this.state.sizeBy;
    byId<HTMLInputElement>('label-density').value = String(this.state.labels);
    this.applyLocale();
    this.renderTimeline();
    this.renderPanel();
    this.commit();
  }

  /** The selected time range as the query library's Period (the same rule as `--from`/`--to`), or null. */
  private period(): Period | null {
    const { from, to } = this.state;
    if (from === null && to === null) return null;
    // Called for every node and edge on every frame: one object per range.
    const p = this.periodMemo;
    if (p && p.from === (from ?? undefined) && p.to === (to ?? undefined)) return p;
    return (this.periodMemo = { ...(from !== null ? { from } : {}), ...(to !== null ? { to } : {}) });
  }
  private periodMemo: Period | null = null;

  /** Shows only what is attested in [from, to] (null, null: everything); goes into the URL. */
  setRange(from: string | null, to: string | null): void {
    this.state = { ...this.state, from, to };
    this.buildFilters();
    this.renderTimeline();
    this.commit();
  }

  selectNode(node: string | null, center = false): void {
    this.state = { ...this.state, node, edge: null };
    this.renderPanel();
    this.commitSelection();
    if (node && center) this.centerOn([node]);
  }

  selectEdge(edge: string | null): void {
    const g = this.graph;
    this.state = { ...this.state, edge, node: null };
    this.renderPanel();
    this.commitSelection();
    if (edge && g) this.centerOn([g.source(edge), g.target(edge)], false);
  }

  /** The camera framing `nodes` (the nodes in view when narrowed by focus, path or filters), with a margin. */
  fitTo(nodes: Iterable<string>, animate = true): void {
    const s = this.sigma;
    if (!s) return;
    const { width, height } = s.getDimensions();
    let x0 = Infinity,
      y0 = Infinity,
      x1 = -Infinity,
      y1 = -Infinity;
    for (const n of nodes) {
      const d = s.getNodeDisplayData(n);
      if (!d) continue;
      const v = s.framedGraphToViewport(d);
      x0 = Math.min(x0, v.x);
      y0 = Math.min(y0, v.y);
      x1 = Math.max(x1, v.x);
      y1 = Math.max(y1, v.y);
    }
    if (!Number.isFinite(x0) || width <= 0 || height <= 0) return;
    const cam = s.getCamera();
    const centre = s.viewportToFramedGraph({ x: (x0 + x1) / 2, y: (y0 + y1) / 2 });
    const ratio = Math.max(0.02, Math.min(cam.ratio, cam.ratio * 1.6 * Math.max((x1 - x0) / width, (y1 - y0) / height, 0.15)));
    const state = { x: centre.x, y: centre.y, ratio };
    if (animate) void cam.animate(state, { duration: 300 });
    else cam.setState(state);
  }

  /** Whole graph, or what is in view when focus, path or filters narrow it. */
  private fitView(): void {
    const s = this.sigma;
    const g = this.graph;
    if (!s || !g || !this.scope || this.scope.nodes.size === g.order) {
      void s?.getCamera().animatedReset({ duration: 300 });
      return;
    }
    // from the whole-graph frame, so that zooming in further is always possible
    s.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    this.fitTo(this.scope.nodes, false);
  }

  private centerOn(nodes: string[], zoom = true): void {
    const s = this.sigma;
    if (!s) return;
    const pts = nodes.map((n) => s.getNodeDisplayData(n)).filter((d): d is NodeDisplayData => d !== undefined);
    if (pts.length === 0) return;
    const x = pts.reduce((a, p) => a + p.x, 0) / pts.length;
    const y = pts.reduce((a, p) => a + p.y, 0) / pts.length;
    const cam = s.getCamera();
    void cam.animate({ x, y, ratio: zoom ? Math.min(cam.ratio, 0.6) : cam.ratio }, { duration: 300 });
  }

  /**
   * Brings sigma in line: reducers run again and sigma redraws. When only what is shown and which labels
   * are drawn changed (filters, focus, path, camera) — no fading around a hovered or selected node, no
   * colour or size change — sigma gets just the nodes and edges whose display changed (a partial refresh:
   * no re-indexing of the whole graph, which is what costs on 16 000 nodes).
   *
   * On a large graph, a focus or a path that leaves at most 1/SUB_FRACTION of the nodes is drawn as a graph
   * of only those nodes and edges (sigma processes and draws a few hundred items, not 63 000 of which most
   * are hidden); the whole graph's processed state is set aside meanwhile and put back when the view widens
   * again (sigma-state.ts), so leaving a focus costs only the items whose display changed since. Anything
   * else on a large graph (filters, however narrow, a selection) stays on the whole graph, drawn through
   * the visibility texture (refreshMasked).
   */
  private refresh(): void {
    const s = this.sigma;
    const g = this.graph;
    const sc = this.scope;
    if (!s || !g || !sc) return;
    // (filters stay on the whole graph, drawn through the visibility texture: see refreshMasked)
    const narrow = this.large && (sc.focus !== null || sc.edges !== null) && sc.nodes.size * SUB_FRACTION <= g.order;
    this.lightSpot = this.large && !narrow;
    this.focusSet = this.computeFocus();
    this.bright = this.brightNode();
    this.computeLabels();
    let shown: ViewGraph = g;
    if (narrow) {
      const sub = this.sub;
      if (!sub || sub.pos !== this.posVersion || !sameSet(sub.nodes, sc.nodes) || !sameSet(sub.edges, this.shownEdges)) {
        const graph = this.subgraph(g, sc);
        this.sub = { graph, nodes: sc.nodes, edges: this.shownEdges, pos: this.posVersion };
        if (s.getGraph() === g) this.parked = { state: park(s), drawn: this.drawn, masked: this.maskedDrawn, ids: this.ids, pos: this.posVersion };
        setVisibility(s, null);
        s.setCustomBBox(extentOf(g));
        s.setGraph(graph); // sigma's full refresh of the small graph
        this.drawn = this.drawnNow();
        return;
      }
      shown = sub.graph;
    } else if (s.getGraph() !== (this.edgesLater ? this.nodesGraph(g) : g)) {
      const parked = this.parked;
      this.parked = null;
      this.sub = null;
      if (parked && parked.pos === this.posVersion && !this.edgesLater) {
        unpark(s, parked.state);
        this.drawn = parked.drawn;
        this.maskedDrawn = parked.masked;
        this.ids = parked.ids;
      } else if (this.lightSpot) {
        this.refreshMasked(s, g, sc, true);
        return;
      } else {
        s.setGraph(g);
        this.drawn = this.drawnNow();
        return;
      }
    }
    if (this.lightSpot) {
      this.refreshMasked(s, g, sc, false);
      return;
    }
    const now = this.drawnNow();
    const last = this.drawn;
    if (last && now && last.sig === now.sig) {
      const nodes = new Set<string>();
      const labels = now.labels;
      const lastLabels = last.labels;
      shown.forEachNode((n) => {
        if (sc.nodes.has(n) !== last.nodes.has(n) || (labels === null || labels.has(n)) !== (lastLabels === null || lastLabels.has(n))) nodes.add(n);
      });
      // Edges shown or hidden by a filter (there is no selection before or now, see drawnNow: nothing else of
      // theirs changes): only their `hidden` flag is set on sigma's data (repaintEdges), no reducer runs.
      const flips: string[] = [];
      const sources: string[] = [];
      const targets: string[] = [];
      const hide: boolean[] = [];
      const flip = (e: string, s: string, t: string, hidden: boolean) => {
        flips.push(e);
        sources.push(s);
        targets.push(t);
        hide.push(hidden);
      };
      const ix = this.edgeIx;
      if (last.edgeMask && now.edgeMask && ix?.graph === g && last.edgeMask.length === ix.keys.length) {
        // by number: one pass over two byte arrays instead of two over sets of 47 000 strings
        const a = last.edgeMask;
        const b = now.edgeMask;
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) flip(ix.keys[i]!, ix.nodeKeys[ix.src[i]!]!, ix.nodeKeys[ix.tgt[i]!]!, b[i] === 0);
      } else {
        const ends = (e: string) => g.extremities(e);
        for (const e of now.edges) if (!last.edges.has(e)) flip(e, ...ends(e), false);
        for (const e of last.edges) if (!now.edges.has(e)) flip(e, ...ends(e), true);
      }
      // what a focus or a path's ends mark (highlighted, labelled), before and now
      for (const n of [...last.spotNodes, ...now.spotNodes]) if (shown.hasNode(n)) nodes.add(n);
      const partialGraph = { nodes: [...nodes], edges: [] };
      if (flips.length === 0) s.refresh({ partialGraph, skipIndexation: true });
      else {
        // the nodes first (the edges' buffers read their ends' display data), then the flipped edges, then the frame
        s.refresh({ partialGraph, skipIndexation: true, schedule: true });
        repaintEdges(s, flips, sources, targets, hide);
        (s as unknown as { render(): void }).render();
      }
    } else s.refresh();
    this.drawn = now;
  }

  /**
   * What is shown, as a graph of its own (subgraphOf), from the masks of updateScope: a pass over typed
   * arrays in the graph's order instead of graphology's iterators over 47 000 edges.
   */
  private subgraph(g: ViewGraph, sc: Scope): ViewGraph {
    const ix = this.edgeIndex(g);
    const nodes = this.nodeMask;
    const edges = this.shownMask;
    if (!nodes || !edges || nodes.length !== ix.nodeKeys.length || edges.length !== ix.keys.length) return subgraphOf(g, sc.nodes, this.shownEdges);
    const sub: ViewGraph = new MultiGraph<NodeView, EdgeView>({ type: 'mixed' });
    for (let i = 0; i < nodes.length; i++) if (nodes[i] === 1) sub.addNode(ix.nodeKeys[i]!, g.getNodeAttributes(ix.nodeKeys[i]!));
    for (let i = 0; i < edges.length; i++) {
      if (edges[i] === 0) continue;
      const [key, s, t, a] = [ix.keys[i]!, ix.nodeKeys[ix.src[i]!]!, ix.nodeKeys[ix.tgt[i]!]!, ix.attrs[i]!];
      if (ix.undirected[i] === 1) sub.addUndirectedEdgeWithKey(key, s, t, a);
      else sub.addDirectedEdgeWithKey(key, s, t, a);
    }
    return sub;
  }

  /**
   * A large graph drawn whole. What the filters and a selection leave out is not hidden in sigma's data:
   * the programs read which items to draw from a texture (a byte per item, flat-programs.ts), written from
   * the masks computed here — the nodes shown, and the edges shown that, when a node is selected, touch it
   * (the others are set aside to keep the frame cheap in software GL). So a filter or a selection costs a pass
   * over typed arrays and a 63 kB texture, not a rewrite of 47 000 edges' buffers; sigma is handed only the
   * nodes whose label changed and what a selection, a focus or a path's ends mark (their labels,
   * highlights), and draws the frame in the same task. `fresh`: sigma's graph is not the whole one yet.
   */
  private refreshMasked(s: Sigma<NodeView, EdgeView>, g: ViewGraph, sc: Scope, fresh: boolean): void {
    const ix = this.edgeIndex(g);
    // what sigma is given: the whole graph, or its nodes alone before the first frame's edges (edgesLater)
    const whole = this.edgesLater ? this.nodesGraph(g) : g;
    const shownNodes = this.nodeMask ?? new Uint8Array(ix.nodeKeys.length).fill(1);
    const shownEdges = this.shownMask ?? new Uint8Array(ix.keys.length).fill(1);
    const bright = this.bright !== null ? (ix.nodeAt.get(this.bright) ?? -1) : -1;
    let edges = shownEdges;
    if (bright >= 0) {
      edges = new Uint8Array(shownEdges.length);
      const { src, tgt } = ix;
      for (let i = 0; i < edges.length; i++) if (shownEdges[i] === 1 && (src[i] === bright || tgt[i] === bright)) edges[i] = 1;
    }
    this.drawnMask = { nodes: shownNodes, edges };
    setVisibility(s, () => this.texels(s));
    // labelled nodes by number (the reducer: shown, and chosen or all)
    const labelled = new Uint8Array(ix.nodeKeys.length);
    if (this.labelSet === null) labelled.set(shownNodes);
    else
      for (const n of this.labelSet) {
        const i = ix.nodeAt.get(n);
        if (i !== undefined && shownNodes[i] === 1) labelled[i] = 1;
      }
    const spotNodes = [...(this.focusSet ?? [])];
    for (const n of [sc.focus, this.state.pathFrom, this.state.pathTo, this.bright]) if (n !== null) spotNodes.push(n);
    const spotEdges: string[] = [];
    if (this.bright !== null && g.hasNode(this.bright)) g.forEachEdge(this.bright, (e) => void spotEdges.push(e));
    if (this.state.edge !== null) spotEdges.push(this.state.edge);
    const now: MaskedDrawn = { sig: JSON.stringify([this.state.colorBy, this.state.sizeBy, g.order]), labelled, spotNodes, spotEdges };
    const last = this.maskedDrawn;
    this.maskedDrawn = now;
    if (fresh) {
      s.setGraph(whole);
      return;
    }
    if (!last || last.sig !== now.sig || last.labelled.length !== labelled.length) {
      s.refresh();
      return;
    }
    const nodes = new Set<string>();
    const was = last.labelled;
    for (let i = 0; i < labelled.length; i++) if (labelled[i] !== was[i]) nodes.add(ix.nodeKeys[i]!);
    for (const n of last.spotNodes) nodes.add(n);
    for (const n of spotNodes) nodes.add(n);
    const partialGraph = {
      nodes: [...nodes].filter((n) => whole.hasNode(n)),
      edges: [...new Set([...last.spotEdges, ...spotEdges])].filter((e) => whole.hasEdge(e)),
    };
    // (the frame is drawn now: the texture follows the masks set above at its first program)
    s.refresh({ partialGraph, skipIndexation: true });
  }

  /** The visibility texture's bytes (by sigma's item id: 255 drawn, 0 not) from the masks of refreshMasked. */
  private texels(s: Sigma<NodeView, EdgeView>): Uint8Array | null {
    const g = this.graph;
    const m = this.drawnMask;
    const ix = this.edgeIx;
    const sg = s.getGraph();
    if (!g || !m || (sg !== g && sg !== this.nodesOnly) || ix?.graph !== g) return null;
    const internals = s as unknown as { nodeIndices: Record<string, number>; edgeIndices: Record<string, number> };
    // sigma numbers its items when it processes the graph (nodes, then edges, in z order): looked up once per numbering
    let ids = this.ids;
    if (!ids || ids.of !== internals.nodeIndices) {
      const nodes = new Int32Array(ix.nodeKeys.length);
      const edges = new Int32Array(ix.keys.length);
      let max = 0;
      for (let i = 0; i < nodes.length; i++) max = Math.max(max, (nodes[i] = internals.nodeIndices[ix.nodeKeys[i]!] ?? 0));
      for (let i = 0; i < edges.length; i++) max = Math.max(max, (edges[i] = internals.edgeIndices[ix.keys[i]!] ?? 0));
      ids = this.ids = { of: internals.nodeIndices, nodes, edges, max };
    }
    const texels = new Uint8Array(Math.ceil((ids.max + 1) / VISIBILITY_WIDTH) * VISIBILITY_WIDTH);
    // id 0: sigma's hover layer (the hovered and highlighted nodes, drawn on top) gives every node that id
    texels[0] = 255;
    for (let i = 0; i < ids.nodes.length; i++) if (m.nodes[i] === 1) texels[ids.nodes[i]!] = 255;
    for (let i = 0; i < ids.edges.length; i++) if (m.edges[i] === 1) texels[ids.edges[i]!] = 255;
    return texels;
  }

  /**
   * What the reducers show now, for the next refresh to compare with; null when the display depends on
   * more than that (fading around a hovered or selected node or a selected edge). Only called for a graph
   * not drawn through the visibility texture (refreshMasked keeps its own record).
   */
  private drawnNow(): Drawn | null {
    const g = this.graph;
    const sc = this.scope;
    if (!g || !sc || this.focusSet || this.state.edge || this.hovered) return null;
    const spotNodes: string[] = [];
    for (const n of [sc.focus, this.state.pathFrom, this.state.pathTo]) if (n !== null) spotNodes.push(n);
    return {
      sig: JSON.stringify([this.state.colorBy, this.state.sizeBy, g.order]),
      nodes: sc.nodes,
      edges: this.shownEdges,
      edgeMask: this.shownMask,
      labels: this.labelSet,
      spotNodes,
    };
  }

  // ---------- reducers ----------

  private visibleEdge(edge: string): boolean {
    const ix = this.edgeIx;
    const i = ix?.graph === this.graph ? ix.edgeAt.get(edge) : undefined;
    return i !== undefined && this.shownMask?.[i] === 1;
  }

  /**
   * Whether sigma draws a node or an edge now: not hidden in its display data and, on a large graph drawn
   * whole (where the filters and a selection decide it through the programs' visibility texture), drawn.
   */
  isDrawn(what: 'node' | 'edge', key: string): boolean {
    const s = this.sigma;
    const d = s ? (what === 'node' ? s.getNodeDisplayData(key) : s.getEdgeDisplayData(key)) : undefined;
    if (!d || d.hidden) return false;
    const m = this.drawnMask;
    const ix = this.edgeIx;
    const sg = s!.getGraph();
    if (!m || (sg !== this.graph && sg !== this.nodesOnly) || ix?.graph !== this.graph) return true;
    const i = what === 'node' ? ix.nodeAt.get(key) : ix.edgeAt.get(key);
    return i !== undefined && (what === 'node' ? m.nodes : m.edges)[i] === 1;
  }

  /** Nodes to keep bright: the focused node and its visible neighbours, or the selected edge's ends. */
  private computeFocus(): Set<string> | null {
    const g = this.graph;
    if (!g) return null;
    const focus = this.brightNode();
    if (focus && g.hasNode(focus)) {
      const set = new Set([focus]);
      g.forEachEdge(focus, (e, _a, s, t) => {
        if (this.visibleEdge(e)) set.add(s === focus ? t : s);
      });
      return set;
    }
    if (this.state.edge && g.hasEdge(this.state.edge)) return new Set(g.extremities(this.state.edge));
    return null;
  }

  /**
   * The node whose neighbours stay bright: the hovered one, else the selected one — unless it is the centre
   * of the focus (its whole ego network is what the user asked to see) or on the path shown.
   */
  private brightNode(): string | null {
    // (a large graph drawn whole leaves hovering to sigma: the node and its label in the hover layer)
    if (this.hovered && !this.lightSpot) return this.hovered;
    // A path shows its hops: selecting one of its nodes does not hide the others.
    if (this.scope?.edges && this.state.node !== null && this.scope.nodes.has(this.state.node)) return null;
    return this.state.node !== null && this.state.node === this.scope?.focus ? null : this.state.node;
  }

  nodeColor(a: NodeView): string {
    if (this.state.colorBy === 'community') return communityColor(a.community);
    return this.kindColors.get(a.kind) ?? (a.color || OTHER_COLOR);
  }

  private nodeSize(a: NodeView): number {
    const by = this.state.sizeBy;
    // Stored sizes are kept in proportion but capped: big hubs would otherwise cover their neighbours.
    if (by === 'size') return Math.max(MIN_NODE_SIZE, a.size * Math.min(1, MAX_NODE_SIZE / this.maxMetric.size));
    const v = by === 'degree' ? a.degree : (a.pagerank ?? 0);
    return MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt(v / this.maxMetric[by]);
  }

  private nodeReducer(node: string, a: NodeView): Partial<NodeDisplayData> {
    // `a` is sigma's own copy of the attributes: set the display fields on it (no second copy per node).
    const res = a as unknown as Partial<NodeDisplayData>;
    res.color = this.nodeColor(a);
    res.size = this.nodeSize(a);
    if (!this.scope?.nodes.has(node)) {
      // a large graph drawn whole: drawn or not through the visibility texture (refreshMasked), and no label
      if (this.lightSpot) {
        res.label = '';
        return res;
      }
      res.hidden = true;
    } else if (node === this.scope.focus || node === this.state.pathFrom || node === this.state.pathTo) res.highlighted = true;
    const focus = this.focusSet;
    const labelled = this.labelSet === null || this.labelSet.has(node) || (this.lightSpot && focus?.has(node));
    if (labelled) res.forceLabel = true;
    else res.label = '';
    if (focus && this.lightSpot) {
      // large graph drawn whole: the selected node highlighted, its neighbours labelled, no node fades
      if (node === this.brightNode()) res.highlighted = true;
    } else if (focus) {
      if (focus.has(node)) {
        res.zIndex = 2;
        if (node === this.brightNode()) res.highlighted = true;
      } else {
        res.color = FADED_NODE;
        res.label = '';
        res.zIndex = 0;
      }
    }
    return res;
  }

  private edgeReducer(edge: string, a: EdgeView): Partial<EdgeDisplayData> {
    const g = this.graph!;
    const co = a.relation === CO_OCCURS;
    // `a` is sigma's own copy of the attributes (see nodeReducer).
    const res = a as unknown as Partial<EdgeDisplayData>;
    res.label = null;
    res.color = RELATION_COLORS[a.relation] ?? OTHER_COLOR;
    res.size = (co ? 0.6 : 1.6) + (co ? 0.4 : 0.6) * Math.log2(1 + a.weight);
    res.zIndex = co ? 0 : 1;
    // (a large graph drawn whole: what is left out is not drawn through the visibility texture, see refreshMasked)
    if (!this.visibleEdge(edge)) {
      if (!this.lightSpot) res.hidden = true;
      return res;
    }
    const focus = this.bright;
    if (focus !== null && g.hasNode(focus)) {
      if (g.source(edge) !== focus && g.target(edge) !== focus) {
        if (!this.lightSpot) res.hidden = true;
      } else {
        // Relation labels only where they stay readable: a small neighbourhood, typed relations.
        if (!co && (this.focusSet?.size ?? 0) <= SMALL_NEIGHBOURHOOD) {
          res.label = a.label;
          res.forceLabel = true;
        }
        if (!this.lightSpot) res.zIndex = 2;
      }
    } else if (this.state.edge) {
      if (edge === this.state.edge) {
        res.label = a.label;
        res.forceLabel = true;
        res.size = (res.size ?? 1) * 2;
        res.zIndex = 2;
      } else if (!this.lightSpot) res.color = FADED_EDGE;
    }
    return res;
  }

  // ---------- sigma events ----------

  private wireSigma(s: Sigma<NodeView, EdgeView>): void {
    const container = byId('graph');
    // (a large graph drawn whole: sigma draws the hovered node and its label itself, nothing else changes)
    s.on('enterNode', ({ node }) => {
      this.hovered = node;
      container.style.cursor = 'pointer';
      if (!this.lightSpot) this.refresh();
    });
    s.on('leaveNode', () => {
      this.hovered = null;
      container.style.cursor = '';
      if (!this.lightSpot) this.refresh();
    });
    s.on('enterEdge', () => (container.style.cursor = 'pointer'));
    s.on('leaveEdge', () => (container.style.cursor = ''));
    s.getCamera().on('updated', () => this.scheduleLabels());
    s.on('resize', () => this.scheduleLabels());
    s.on('clickNode', ({ node }) => this.selectNode(node));
    s.on('clickEdge', ({ edge }) => this.selectEdge(edge));
    s.on('clickStage', ({ event }) => {
      const edge = this.edgeNear(event.x, event.y);
      if (edge) this.selectEdge(edge);
      else if (this.state.node || this.state.edge) this.selectNode(null);
    });
  }

  /** A drawn edge within a few pixels of a click the picking buffer missed (thin edges), or null. */
  private edgeNear(x: number, y: number): string | null {
    const s = this.sigma;
    const g = this.graph;
    if (!s || !g) return null;
    const geoms: EdgeGeometry[] = [];
    g.forEachEdge((e, a, src, tgt) => {
      if (!this.isDrawn('edge', e)) return;
      const p = s.graphToViewport({ x: g.getNodeAttribute(src, 'x'), y: g.getNodeAttribute(src, 'y') });
      const q = s.graphToViewport({ x: g.getNodeAttribute(tgt, 'x'), y: g.getNodeAttribute(tgt, 'y') });
      geoms.push({ key: e, sx: p.x, sy: p.y, tx: q.x, ty: q.y, curvature: a.curvature ?? 0 });
    });
    return nearestEdge(geoms, x, y, 5);
  }

  // ---------- DOM controls ----------

  private panelContext(): PanelContext {
    return {
      graph: this.graph!,
      articles: this.articles,
      t: this.t,
      kindColor: (k) => this.kindColors.get(k) ?? OTHER_COLOR,
      details: (what, key) => this.details(what, key),
      selectNode: (n) => this.selectNode(n, true),
      selectEdge: (e) => this.selectEdge(e),
      close: () => this.selectNode(null),
      focusOn: (n) => this.focusOn(n),
      setPathEnd: (end, n) => this.setPathEnd(end, n),
    };
  }

  private renderPanel(): void {
    const panel = byId('panel');
    const g = this.graph;
    let content: Node[];
    if (g && this.state.node && g.hasNode(this.state.node)) content = nodePanel(this.panelContext(), this.state.node);
    else if (g && this.state.edge && g.hasEdge(this.state.edge)) content = edgePanel(this.panelContext(), this.state.edge);
    else content = [el('p', { class: 'hint' }, this.t('panel.empty'))];
    panel.replaceChildren(...content);
    panel.dataset.node = this.state.node ?? '';
    panel.dataset.edge = this.state.edge ?? '';
    panel.dataset.details = panel.querySelector('.loading') ? 'loading' : 'ready';
    // The shard's script is requested now, before the caller redraws the graph, so that its download
    // overlaps that work rather than waiting for the task to end.
    if (this.detailWanted.length > 0) this.fetchWanted();
  }

  /** The community choices of the loaded graph, largest first, with their sizes. */
  private buildCommunities(): void {
    const sel = byId<HTMLSelectElement>('community-filter');
    const sizes = new Map<number, number>();
    this.graph?.forEachNode((_n, a) => {
      if (a.community !== null) sizes.set(a.community, (sizes.get(a.community) ?? 0) + 1);
    });
    const opts = [...sizes].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c, n]) => el('option', { attrs: { value: String(c) } }, `${c} (${n})`));
    sel.replaceChildren(sel.options[0]!, ...opts);
    sel.disabled = sizes.size === 0;
    sel.value = this.state.community === null ? '' : String(this.state.community);
  }

  private buildFilters(): void {
    const g = this.graph;
    const legend = byId('legend');
    const rels = byId('relations');
    clear(legend);
    clear(rels);
    if (!g) return;
    // Counts follow the other filters, the focus and the path (a hidden kind or relation counts what it would add).
    const sc = this.scope;
    const period = this.period();
    const narrowed = !!sc && (sc.focus !== null || sc.edges !== null);
    const nodeCounted = (n: string, a: NodeView) =>
      !sc || sc.nodes.has(n) || (!narrowed && this.state.hiddenKinds.includes(a.kind) && nodePasses(a, this.state, period, true));
    const counted = this.relationCounted;
    for (const { kind, count, color } of kindCounts(g, nodeCounted)) {
      legend.append(this.toggle('kind', kind, this.t(`kind.${kind}`), count, color, !this.state.hiddenKinds.includes(kind), false));
    }
    for (const { relation, color } of this.edgeIndex(g).legend) {
      const count = counted.get(relation) ?? 0;
      rels.append(this.toggle('relation', relation, this.t(`relation.${relation}`), count, color, !this.state.hiddenRelations.includes(relation), true));
    }
  }

  private toggle(what: 'kind' | 'relation', value: string, text: string, count: number, color: string, checked: boolean, line: boolean): HTMLElement {
    const box = el('input', { attrs: { type: 'checkbox', 'data-toggle': what, value } });
    box.checked = checked;
    box.addEventListener('change', () => {
      const key = what === 'kind' ? 'hiddenKinds' : 'hiddenRelations';
      const cur = new Set(this.state[key]);
      if (box.checked) cur.delete(value);
      else cur.add(value);
      this.state = { ...this.state, [key]: [...cur].sort() };
      this.commit();
    });
    const sw = el('span', { class: line ? 'swatch line' : 'swatch' });
    sw.style.background = color;
    return el('li', {}, el('label', {}, box, sw, el('span', {}, text), el('span', { class: 'count' }, String(count))));
  }

  /** The bar along the bottom: articles per day or month, the selected range, its label. */
  private renderTimeline(): void {
    const box = byId('timeline');
    const main = box.parentElement!;
    const bars = byId('tl-bars');
    const bins = this.bins;
    box.hidden = bins.length === 0;
    main.classList.toggle('has-timeline', bins.length > 0);
    if (bins.length === 0) {
      clear(bars);
      return;
    }
    const { from, to } = this.state;
    const period = this.period();
    const ranged = period !== null;
    if (bars.childElementCount !== bins.length || bars.dataset.first !== bins[0]!.start) {
      const max = Math.max(...bins.map((b) => b.count), 1);
      bars.replaceChildren(
        ...bins.map((b, i) => {
          const bar = el('div', { class: 'bar' });
          bar.style.height = b.count === 0 ? '2px' : `${Math.max(8, Math.round((100 * b.count) / max))}%`;
          return el(
            'div',
            {
              class: b.count === 0 ? 'bin empty' : 'bin',
              title: `${b.label}: ${b.count}`,
              attrs: { 'data-index': String(i), 'data-start': b.start, 'data-end': b.end, 'data-count': String(b.count) },
            },
            bar,
          );
        }),
      );
      bars.dataset.first = bins[0]!.start;
      byId('tl-first').textContent = bins[0]!.label;
      byId('tl-last').textContent = bins[bins.length - 1]!.label;
    }
    bars.classList.toggle('ranged', ranged);
    for (const node of bars.children) {
      const b = node as HTMLElement;
      b.classList.toggle('in', period !== null && overlaps([b.dataset.start!, b.dataset.end!], period));
    }
    const articles = period === null ? this.articleDates.length : this.articleDates.filter((d) => inPeriod(d, period)).length;
    byId('tl-info').textContent = ranged
      ? this.t('timeline.range', { from: from ?? bins[0]!.start, to: to ?? bins[bins.length - 1]!.end, articles })
      : this.t('timeline.all', { articles });
    byId('tl-clear').hidden = !ranged;
    byId('timeline').dataset.from = from ?? '';
    byId('timeline').dataset.to = to ?? '';
  }

  /** Drag (or click) across the bars selects a range of bins. */
  private wireTimeline(): void {
    const bars = byId('tl-bars');
    let anchor: number | null = null;
    const indexAt = (ev: PointerEvent): number | null => {
      const n = this.bins.length;
      if (n === 0) return null;
      const r = bars.getBoundingClientRect();
      if (r.width <= 0) return null;
      return Math.max(0, Math.min(n - 1, Math.floor(((ev.clientX - r.left) / r.width) * n)));
    };
    const preview = (a: number, b: number) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      bars.classList.add('ranged');
      for (const node of bars.children) {
        const i = Number((node as HTMLElement).dataset.index);
        node.classList.toggle('in', i >= lo && i <= hi);
      }
    };
    bars.addEventListener('pointerdown', (ev) => {
      anchor = indexAt(ev);
      if (anchor === null) return;
      bars.setPointerCapture?.(ev.pointerId);
      preview(anchor, anchor);
      ev.preventDefault();
    });
    bars.addEventListener('pointermove', (ev) => {
      if (anchor === null) return;
      const i = indexAt(ev);
      if (i !== null) preview(anchor, i);
    });
    const finish = (ev: PointerEvent) => {
      if (anchor === null) return;
      const i = indexAt(ev) ?? anchor;
      const [lo, hi] = anchor <= i ? [anchor, i] : [i, anchor];
      anchor = null;
      this.setRange(this.bins[lo]!.start, this.bins[hi]!.end);
    };
    bars.addEventListener('pointerup', finish);
    bars.addEventListener('pointercancel', () => {
      anchor = null;
      this.renderTimeline();
    });
    byId('tl-clear').addEventListener('click', () => this.setRange(null, null));
  }

  private labelWidth(label: string): number {
    let w = this.widths.get(label);
    if (w === undefined) {
      // A large graph's labels are measured character by character (a few thousand distinct characters,
      // not 16 000 strings: measuring every label took about 0.5 s of the first frame); a label's width is
      // then the sum of its characters' advances, which is what the text gets without kerning.
      if (this.large && label.length > 1) {
        w = 0;
        for (let i = 0; i < label.length; i++) {
          const c = label.codePointAt(i)!;
          if (c > 0xffff) i++;
          let cw = this.charWidths.get(c);
          if (cw === undefined) this.charWidths.set(c, (cw = this.labelWidth(String.fromCodePoint(c))));
          w += cw;
        }
      } else {
        this.measure ??= document.createElement('canvas').getContext('2d');
        if (this.measure) {
          this.measure.font = `${LABEL_WEIGHT} ${LABEL_SIZE}px ${FONT}`;
          w = this.measure.measureText(label).width;
        } else w = label.length * LABEL_SIZE;
      }
      this.widths.set(label, w);
    }
    return w;
  }

  /** Chooses the labels to draw for the current camera, filters and focus (see labels.ts). */
  private computeLabels(): void {
    const s = this.sigma;
    const g = this.graph;
    if (!s || !g) return;
    const step = LABEL_STEPS[this.state.labels] ?? null;
    // (a highlighted neighbourhood on a large graph keeps the other labels: its own are forced by the reducer)
    const focus = this.lightSpot ? null : this.focusSet;
    // A small focused neighbourhood shows every label: it is what the user asked to read.
    if ((step === null && !focus) || (focus && focus.size <= SMALL_NEIGHBOURHOOD)) {
      this.labelSet = null;
      return;
    }
    // (a selection on a large graph drawn whole forces its own label and its neighbours': the rest stays)
    const focusNode = (this.lightSpot ? null : this.brightNode()) ?? this.scope?.focus;
    const { width, height } = s.getDimensions();
    // The same inputs choose the same labels: a selection on a large graph (or a refresh that changed
    // nothing here) does not place 16 000 candidates again.
    const cam = s.getCamera().getState();
    const key = JSON.stringify([cam.x, cam.y, cam.ratio, cam.angle, width, height, this.state.labels, this.state.sizeBy, this.posVersion, focusNode]);
    const memo = this.labelMemo;
    if (
      memo &&
      memo.key === key &&
      memo.focus === focus &&
      (memo.scope === this.scope || sameSet(memo.scope?.nodes ?? new Set(), this.scope?.nodes ?? new Set()))
    ) {
      memo.scope = this.scope;
      this.labelSet = memo.labels;
      return;
    }
    const sc = this.scope;
    const order = this.labelOrderOf(g);
    const shownNodes = this.nodeMask;
    // The camera's matrix as of now (sigma's own is the one of its last frame: before the first frame, an
    // empty graph's, which is never computed). Graph to viewport is affine: three points give it.
    const matrix = matrixFromCamera(cam, { width, height }, s.getGraphDimensions(), s.getStagePadding());
    const o = s.graphToViewport({ x: 0, y: 0 }, { matrix });
    const ex = s.graphToViewport({ x: 1, y: 0 }, { matrix });
    const ey = s.graphToViewport({ x: 0, y: 1 }, { matrix });
    const [xx, xy, yx, yy] = [ex.x - o.x, ex.y - o.y, ey.x - o.x, ey.y - o.y];
    const scale = s.scaleSize(1);
    // A node far enough off screen can neither have its label drawn nor be in the way of one that is
    // (pickLabels only places labels whose box touches the viewport): it is not a candidate.
    const mx = order.maxWidth + 2 * order.maxSize * scale + 2 * LABEL_SIZE + 20;
    const my = 2 * order.maxSize * scale + 2 * LABEL_SIZE + 20;
    const cands: LabelCandidate[] = [];
    const consider = (i: number) => {
      const n = order.nodes[i]!;
      const shown = shownNodes && order.at[i]! >= 0 ? shownNodes[order.at[i]!] === 1 : !!sc?.nodes.has(n);
      if (!shown || (focus && !focus.has(n))) return;
      const gx = order.x[i]!;
      const gy = order.y[i]!;
      const x = o.x + gx * xx + gy * yx;
      const y = o.y + gx * xy + gy * yy;
      if (x < -mx || x > width + mx || y < -my || y > height + my) return;
      cands.push({ key: n, x, y, r: order.size[i]! * scale, width: order.width[i]!, priority: -cands.length });
    };
    // the focused node first (its priority wins), then the kept order: already pickLabels' order
    const first = focusNode != null ? order.nodes.indexOf(focusNode) : -1;
    if (first >= 0) consider(first);
    for (let i = 0; i < order.nodes.length; i++) if (i !== first) consider(i);
    const opts = focus ? { padding: 0, minRadius: 0 } : step!;
    this.labelSet = pickLabels(cands, {
      fontSize: LABEL_SIZE,
      padding: opts.padding,
      minRadius: opts.minRadius,
      viewport: { width, height },
      avoidNodes: !focus && this.state.labels <= 1,
      sorted: true,
    });
    this.labelMemo = { key, scope: this.scope, focus, labels: this.labelSet };
  }

  /** The labelled nodes in pickLabels' order for the current sizes and positions (see labelOrder). */
  private labelOrderOf(g: ViewGraph): NonNullable<App['labelOrder']> {
    const key = JSON.stringify([this.state.sizeBy, this.posVersion]);
    const kept = this.labelOrder;
    if (kept && kept.graph === g && kept.key === key) return kept;
    const ix = this.edgeIndex(g);
    const list: { n: string; a: NodeView; size: number; priority: number }[] = [];
    g.forEachNode((n, a) => {
      if (!a.label) return;
      const size = this.nodeSize(a);
      list.push({ n, a, size, priority: size * 1e6 + a.degree });
    });
    list.sort((a, b) => b.priority - a.priority || (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
    const len = list.length;
    const order = {
      graph: g,
      key,
      nodes: list.map((c) => c.n),
      at: new Int32Array(len),
      x: new Float64Array(len),
      y: new Float64Array(len),
      size: new Float64Array(len),
      width: new Float64Array(len),
      maxSize: 0,
      maxWidth: 0,
    };
    list.forEach((c, i) => {
      order.at[i] = ix.nodeAt.get(c.n) ?? -1;
      order.x[i] = c.a.x;
      order.y[i] = c.a.y;
      order.size[i] = c.size;
      order.width[i] = this.labelWidth(c.a.label);
      order.maxSize = Math.max(order.maxSize, c.size);
      order.maxWidth = Math.max(order.maxWidth, order.width[i]);
    });
    return (this.labelOrder = order);
  }

  private scheduleLabels(): void {
    if (this.labelFrame) return;
    this.labelFrame = requestAnimationFrame(() => {
      this.labelFrame = 0;
      // labels and what they cover, through refresh: only the nodes whose label changed when nothing else did
      this.refresh();
    });
  }

  applyLocale(): void {
    document.documentElement.lang = this.state.lang === 'zh' ? 'zh-CN' : 'en';
    for (const n of document.querySelectorAll<HTMLElement>('[data-i18n]')) n.textContent = this.t(n.dataset.i18n!);
    for (const n of document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) n.placeholder = this.t(n.dataset.i18nPlaceholder!);
    for (const n of document.querySelectorAll<HTMLElement>('[data-i18n-title]')) n.title = this.t(n.dataset.i18nTitle!);
    for (const n of document.querySelectorAll<HTMLElement>('[data-i18n-aria]')) n.setAttribute('aria-label', this.t(n.dataset.i18nAria!));
    document.title = `${this.t('title')} · zhkg`;
    if (this.graph) this.renderTimeline();
  }

  private wireStaticControls(): void {
    this.wireTimeline();
    this.wireLayout();
    this.wireExports();
    this.wireTable();
    for (const input of document.querySelectorAll<HTMLInputElement>('#ranges input[data-range]')) {
      input.addEventListener('change', () => {
        const key = input.dataset.range as RangeKey;
        const bound = input.dataset.bound === 'max' ? 'max' : 'min';
        const v = input.value.trim() === '' || !Number.isFinite(Number(input.value)) ? null : Number(input.value);
        this.update({ ranges: { ...this.state.ranges, [key]: { ...this.state.ranges[key], [bound]: v } } });
      });
    }
    const community = byId<HTMLSelectElement>('community-filter');
    community.addEventListener('change', () => this.update({ community: community.value === '' ? null : Number(community.value) }));
    byId('filters-reset').addEventListener('click', () => {
      const d = parseHash('');
      this.update({ hiddenKinds: [], hiddenRelations: [], ranges: d.ranges, community: null, from: null, to: null });
      this.applyState();
    });
    const input = byId<HTMLInputElement>('search');
    input.addEventListener('input', () => this.updateSuggestions(input.value));
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        if (this.hits.length === 0) return;
        const step = ev.key === 'ArrowDown' ? 1 : -1;
        this.active = (this.active + step + this.hits.length) % this.hits.length;
        this.renderSuggestions();
      } else if (ev.key === 'Enter') {
        const hit = this.hits[this.active >= 0 ? this.active : 0];
        if (hit) this.pick(hit);
      } else if (ev.key === 'Escape') this.closeSuggestions();
    });
    input.addEventListener('blur', () => setTimeout(() => this.closeSuggestions(), 150));
    // Escape outside the search box closes the panel and clears the selection.
    window.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && document.activeElement !== input && (this.state.node || this.state.edge)) this.selectNode(null);
    });

    byId('zoom-in').addEventListener('click', () => void this.sigma?.getCamera().animatedZoom({ duration: 200 }));
    byId('zoom-out').addEventListener('click', () => void this.sigma?.getCamera().animatedUnzoom({ duration: 200 }));
    byId('zoom-fit').addEventListener('click', () => this.fitView());

    for (const r of document.querySelectorAll<HTMLInputElement>('input[name="color-by"]')) {
      r.addEventListener('change', () => {
        if (r.checked) {
          this.state = { ...this.state, colorBy: r.value === 'community' ? 'community' : 'kind' };
          this.commit();
        }
      });
    }
    const size = byId<HTMLSelectElement>('size-by');
    size.addEventListener('change', () => {
      const v = size.value;
      this.state = { ...this.state, sizeBy: v === 'degree' || v === 'pagerank' ? v : 'size' };
      this.commit();
    });
    const density = byId<HTMLInputElement>('label-density');
    density.addEventListener('input', () => {
      this.state = { ...this.state, labels: Math.max(0, Math.min(4, Math.round(Number(density.value)))) };
      this.commit();
    });
    byId('lang-switch').addEventListener('click', () => {
      this.state = { ...this.state, lang: this.state.lang === 'zh' ? 'en' : 'zh' };
      this.applyLocale();
      this.buildFilters();
      this.renderPanel();
      this.commit();
    });

    const file = byId<HTMLInputElement>('file-input');
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) void this.openFile(f);
      file.value = '';
    });
    const overlay = byId('drop-overlay');
    let depth = 0;
    window.addEventListener('dragenter', (ev) => {
      ev.preventDefault();
      depth++;
      overlay.hidden = false;
    });
    window.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) overlay.hidden = true;
    });
    window.addEventListener('dragover', (ev) => ev.preventDefault());
    window.addEventListener('drop', (ev) => {
      ev.preventDefault();
      depth = 0;
      overlay.hidden = true;
      const f = ev.dataTransfer?.files?.[0];
      if (f) void this.openFile(f);
    });
  }

  async openFile(f: File): Promise<void> {
    let text: string;
    try {
      text = await f.text();
    } catch (err) {
      this.showMessage(this.t('error.read', { name: f.name, reason: err instanceof Error ? err.message : String(err) }));
      return;
    }
    this.openText(f.name, text);
  }

  // ---------- search ----------

  private updateSuggestions(q: string): void {
    this.hits = search(this.index, q, 12);
    this.active = this.hits.length > 0 ? 0 : -1;
    this.renderSuggestions(q.trim() !== '');
  }

  private renderSuggestions(open = true): void {
    const list = byId('suggestions');
    const input = byId<HTMLInputElement>('search');
    clear(list);
    if (!open || !this.graph) return this.closeSuggestions();
    if (this.hits.length === 0) list.append(el('li', { class: 'empty', attrs: { role: 'option', 'aria-disabled': 'true' } }, this.t('search.none')));
    this.hits.forEach((hit, i) => {
      const kind = this.graph!.getNodeAttribute(hit.node, 'kind');
      const badge = el('span', { class: 'kind' }, this.t(`kind.${kind}`));
      badge.style.background = this.kindColors.get(kind) ?? OTHER_COLOR;
      const li = el(
        'li',
        { attrs: { role: 'option', 'aria-selected': String(i === this.active), 'data-node': hit.node } },
        highlighted('label', hit.label, byId<HTMLInputElement>('search').value),
        badge,
        hit.alias
          ? el('span', { class: 'alias' }, `${this.t('search.alias')}: `, highlighted('alias-text', hit.alias, byId<HTMLInputElement>('search').value))
          : null,
      );
      // mousedown, not click: it fires before the input's blur closes the list.
      li.addEventListener('mousedown', (ev) => {
        ev.preventDefault();
        this.pick(hit);
      });
      list.append(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  private closeSuggestions(): void {
    byId('suggestions').hidden = true;
    byId('search').setAttribute('aria-expanded', 'false');
  }

  private pick(hit: SearchHit): void {
    byId<HTMLInputElement>('search').value = hit.label;
    this.closeSuggestions();
    if (this.state.hiddenKinds.includes(this.graph?.getNodeAttribute(hit.node, 'kind') ?? '')) {
      this.state = { ...this.state, hiddenKinds: this.state.hiddenKinds.filter((k) => k !== this.graph!.getNodeAttribute(hit.node, 'kind')) };
      this.buildFilters();
    }
    this.selectNode(hit.node, true);
  }
}
