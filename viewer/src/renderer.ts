/**
 * Sigma and what it is given: the renderer is created per graph, the reducers (reducers.ts) read the view
 * state as of the last refresh, and `refresh` hands sigma only what changed when it can.
 *
 * A graph of more than LARGE_ITEMS nodes and edges is "large": sigma draws a focus or a path that leaves
 * at most 1/SUB_FRACTION of its nodes as a graph of only those (see refresh), filters and a selection on
 * the whole graph through the programs' visibility texture (see refreshMasked; a selection highlights
 * instead of fading every other node: see ReducerView.lightSpot), and its first frame without the edges
 * (see first-frame.ts).
 */
import Sigma from 'sigma';
import type { EdgeProgramType } from 'sigma/rendering';
import EdgeCurveProgram, { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import { MultiGraph } from 'graphology';
import { flatPrograms, flattened, setVisibility, touchVisibility, VISIBILITY_WIDTH } from './flat-programs.js';
import { park, repaintEdges, skipEmptyEdgeLabels, unpark, type Parked } from './sigma-state.js';
import type { ViewState } from './hash-state.js';
import type { GraphSize } from '../../src/viewer/page-size.js';
import type { EdgeView, NodeView, ViewGraph } from './model.js';
import type { Scope } from './scope.js';
import type { Look } from './look.js';
import { edgeIndexOf, extentOf, nodeMask, partOf, sameSet, type EdgeIndex, type ShownMasks } from './edge-index.js';
import { FONT, LABEL_SIZE, LABEL_WEIGHT, LabelChooser } from './label-choice.js';
import { edgeReducer, nodeReducer, type ReducerView } from './reducers.js';

/** Above this many edges, no edge picking layer (see create). */
const EDGE_PICKING_MAX = 5000;
const LARGE_ITEMS = 10_000;
const SUB_FRACTION = 4;

/** What the renderer reads of the application's state. */
export interface RenderHost {
  readonly graph: ViewGraph | null;
  readonly scope: Scope | null;
  readonly state: ViewState;
  readonly hovered: string | null;
  /** What the state shows, by number (null before the first scope pass). */
  readonly masks: ShownMasks | null;
}

/** What the reducers gave sigma for a large graph drawn whole (see refreshMasked). */
interface MaskedDrawn {
  /** colours, sizes: anything else changing means a full refresh */
  sig: string;
  /** per node number: 1 for a node whose label is drawn */
  labelled: Uint8Array;
  /** nodes and edges a selection, a focus or a path's ends mark (refreshed when it changes) */
  spotNodes: string[];
  spotEdges: string[];
}

/** What sigma's current graph was given (see refresh). */
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

type Ids = { of: unknown; nodes: Int32Array; edges: Int32Array; max: number };

/**
 * Whether a graph of this size is drawn with the sigma made while it loaded (Renderer.prepare): a large graph
 * (first frame without its edges) without edge picking.
 */
function adoptsPrepared(nodes: number, edges: number): boolean {
  return nodes + edges > LARGE_ITEMS && edges > EDGE_PICKING_MAX;
}

/**
 * An edge program that compiles and draws nothing: it stands for sigma's default line and arrow programs
 * while a large graph's first frame, which has no edges, is drawn (see Renderer.create). Sigma only calls
 * these on it (no edge is ever handed to it).
 */
class NoEdgeProgramImpl {
  reallocate(): void {}
  process(): void {}
  render(): void {}
  kill(): void {}
}
const NoEdgeProgram = NoEdgeProgramImpl as unknown as EdgeProgramType<NodeView, EdgeView>;

/** The edge programs sigma draws with (every one non-instanced: see flat-programs.ts). */
function edgeProgramSet(): Record<string, EdgeProgramType<NodeView, EdgeView>> {
  return {
    ...flatPrograms<NodeView, EdgeView>().edges,
    // (the curve programs read only x/y/size/color/curvature)
    curved: flattened(EdgeCurveProgram),
    curvedArrow: flattened(EdgeCurvedArrowProgram),
  };
}

export class Renderer implements ReducerView {
  sigma: Sigma<NodeView, EdgeView> | null = null;
  look: Look | null = null;
  focusSet: Set<string> | null = null;
  bright: string | null = null;
  lightSpot = false;
  /** More than LARGE_ITEMS nodes and edges. */
  large = false;
  /**
   * A large graph's first frame is drawn without its edges, which follow in the task after that frame
   * (first-frame.ts): sigma is given `nodesOnly` (the graph's nodes, the same attribute objects) meanwhile.
   */
  edgesLater = false;
  private nodesOnly: ViewGraph | null = null;
  /** A sigma made while the graph loaded (see prepare), with the element it draws into. */
  private prepared: { sigma: Sigma<NodeView, EdgeView>; container: HTMLElement } | null = null;
  /** The edge programs not registered yet (a large graph before its edges: see create). */
  private laterPrograms: Record<string, EdgeProgramType<NodeView, EdgeView>> | null = null;
  /** What sigma's current graph was last given, to hand it only what changed when nothing else did (see refresh). */
  private drawn: Drawn | null = null;
  /** What the reducers last gave sigma for a large graph drawn whole (see refreshMasked). */
  private maskedDrawn: MaskedDrawn | null = null;
  /** A large graph drawn whole: per node and edge number, 1 for drawn (shown, and for an edge, not set aside by a selection). */
  private drawnMask: { ix: EdgeIndex; nodes: Uint8Array; edges: Uint8Array } | null = null;
  /** Sigma's item ids of the graph's nodes and edges, by number, for one processing of it (see texels). */
  private ids: Ids | null = null;
  /** The small graph sigma draws when a large graph's view is narrowed (see refresh), with what it holds. */
  private sub: { graph: ViewGraph; nodes: Set<string>; edges: Set<string>; pos: number } | null = null;
  /** Sigma's state for the whole graph, set aside while it draws `sub`, with what it showed then. */
  private parked: { state: Parked; drawn: Drawn | null; masked: MaskedDrawn | null; ids: Ids | null; pos: number } | null = null;
  /** Bumped whenever node attributes (positions) change: what was set aside is stale then. */
  posVersion = 0;
  private labels = new LabelChooser();
  private labelFrame = 0;

  constructor(private readonly host: RenderHost) {}

  get graph(): ViewGraph | null {
    return this.host.graph;
  }
  get scope(): Scope | null {
    return this.host.scope;
  }
  get state(): ViewState {
    return this.host.state;
  }
  get labelSet(): Set<string> | null {
    return this.labels.labels;
  }

  /** Forgets the last graph (its sigma is killed): call before the host holds the new one. */
  reset(g: ViewGraph): void {
    this.sigma?.kill();
    this.sigma = null;
    this.drawn = null;
    this.maskedDrawn = null;
    this.drawnMask = null;
    this.ids = null;
    this.nodesOnly = null;
    this.large = g.order + g.size > LARGE_ITEMS;
    this.edgesLater = this.large && g.size > 0;
    this.sub = null;
    this.parked = null;
  }

  /**
   * Node positions changed (live layout, noverlap, restore): which labels fit, the graph's extent, and what
   * was set aside for the whole graph are stale.
   */
  moved(g: ViewGraph): void {
    this.posVersion++;
    // on the whole graph sigma follows the extent itself (as without a bbox); a small graph keeps the whole one's
    if (this.sigma?.getGraph() === g) this.sigma.setCustomBBox(null);
    this.scheduleLabels();
  }

  /** A sigma for `g`, drawing into `container` (every program non-instanced: see flat-programs.ts). */
  create(g: ViewGraph, look: Look, container: HTMLElement): Sigma<NodeView, EdgeView> {
    this.look = look;
    const edgePicking = g.size <= EDGE_PICKING_MAX;
    // A large graph's first frame has no edges (first-frame.ts): their six GL programs are compiled with
    // them, not before that frame (see ensureEdgePrograms); sigma's own line and arrow programs, which it
    // would otherwise build in their place, are held off by placeholders.
    this.laterPrograms = this.edgesLater ? edgeProgramSet() : null;
    // A sigma made while the graph loaded (prepare) serves a large graph without edge picking: made the same way.
    const ready = this.prepared;
    this.prepared = null;
    const adopted = ready && adoptsPrepared(g.order, g.size) && ready.container === container ? ready.sigma : null;
    if (ready && !adopted) ready.sigma.kill();
    const sigma = adopted ?? this.newSigma(container, edgePicking, g.size > 300);
    this.sigma = sigma;
    // The whole graph's extent frames the view (as sigma would compute it), so that the labels can be chosen
    // before sigma has seen a node, and a small graph drawn later is placed exactly as in the whole one.
    sigma.setCustomBBox(extentOf(g));
    // Sigma frames the view with that extent once it has processed its (empty) graph: processed here, not
    // drawn (a refresh would clear sigma's layers for an empty frame, tens of milliseconds in software GL);
    // the first refresh draws (and cancels the frame setCustomBBox scheduled).
    (sigma as unknown as { process(): void }).process();
    return sigma;
  }

  /**
   * Makes, while the page's graph loads, the sigma a large graph is drawn with (no edge picking, no edge
   * programs before its edges: see create): its WebGL contexts, canvases and node programs, which the
   * main thread mostly waits for (the GL process builds them), are made while the graph's script
   * streams in instead of after it is read. A small graph (or a large one with edge picking) makes its own,
   * so nothing is made when the graph's `size` (written into the page: src/viewer/page-size.ts) says it is
   * such a graph; an unknown size (a graph file served alone) makes it.
   */
  prepare(container: HTMLElement, size: GraphSize | null = null): void {
    if (this.sigma || this.prepared) return;
    if (size && !adoptsPrepared(size.nodes, size.edges)) return;
    this.prepared = { sigma: this.newSigma(container, false, true, true), container };
  }

  /** A sigma on an empty graph (every program non-instanced: see flat-programs.ts); `edgesLater`: no edge programs yet. */
  private newSigma(
    container: HTMLElement,
    edgePicking: boolean,
    hideEdgesOnMove: boolean,
    edgesLater = this.laterPrograms !== null,
  ): Sigma<NodeView, EdgeView> {
    const programs = flatPrograms<NodeView, EdgeView>();
    // Sigma starts on an empty graph and is handed the graph (or the part of it shown) by the first refresh,
    // once the labels are chosen: one pass over the graph before the first frame instead of two.
    const sigma = new Sigma<NodeView, EdgeView>(new MultiGraph<NodeView, EdgeView>(), container, {
      nodeProgramClasses: programs.nodes,
      edgeProgramClasses: edgesLater ? { line: NoEdgeProgram, arrow: NoEdgeProgram } : edgeProgramSet(),
      defaultEdgeType: 'line',
      renderEdgeLabels: true,
      // Edge picking draws every edge a second time (into sigma's picking buffer): on big graphs a click
      // finds its edge by geometry instead (edgeNear), and the frame costs software GL about half as much.
      enableEdgeEvents: edgePicking,
      hideEdgesOnMove,
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
      nodeReducer: (n, d) => nodeReducer(this, n, d),
      edgeReducer: (e, d) => edgeReducer(this, e, d),
    });
    skipEmptyEdgeLabels(sigma);
    // sigma numbers its items anew when it processes the graph: the visibility texture follows (refreshMasked)
    sigma.on('afterProcess', () => touchVisibility(sigma));
    return sigma;
  }

  /**
   * The edge programs held off for a large graph's first frame (see create), registered now: before sigma
   * is given any edge (the whole graph, or a focus's or a path's part of it). Sigma 3.0.3's
   * registerEdgeProgram, and its settings object updated to match (as setSetting would, without the full
   * refresh that setSetting schedules).
   */
  private ensureEdgePrograms(s: Sigma<NodeView, EdgeView>): void {
    const later = this.laterPrograms;
    if (!later) return;
    this.laterPrograms = null;
    // (create has given the sigma its placeholders: the set held off is the whole set)
    const internal = s as unknown as { registerEdgeProgram(key: string, program: EdgeProgramType<NodeView, EdgeView>): void };
    for (const [key, program] of Object.entries(later)) internal.registerEdgeProgram(key, program);
    const settings = s.getSettings();
    settings.edgeProgramClasses = { ...settings.edgeProgramClasses, ...later };
  }

  /** The graph's nodes alone, as sigma draws the first frame of a large graph (see edgesLater). */
  private nodesGraph(g: ViewGraph): ViewGraph {
    return (this.nodesOnly ??= partOf(edgeIndexOf(g), null, null));
  }

  /** The edges are drawn from now on (first-frame.ts): sigma is given the whole graph. */
  addEdges(): void {
    this.edgesLater = false;
    this.refresh();
    // sigma holds the whole graph now: the nodes-only copy is not needed again
    this.nodesOnly = null;
  }

  /** The masks of the current graph's scope pass, or null. */
  private get masks(): ShownMasks | null {
    const m = this.host.masks;
    return m && m.ix.graph === this.host.graph ? m : null;
  }

  /** The edges shown, as a set of keys. */
  private get shownEdges(): Set<string> {
    return this.masks?.edgeKeys ?? new Set();
  }

  scheduleLabels(): void {
    if (this.labelFrame) return;
    this.labelFrame = requestAnimationFrame(() => {
      this.labelFrame = 0;
      // labels and what they cover, through refresh: only the nodes whose label changed when nothing else did
      this.refresh();
    });
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
  refresh(): void {
    const s = this.sigma;
    const g = this.graph;
    const sc = this.scope;
    if (!s || !g || !sc) return;
    // (filters stay on the whole graph, drawn through the visibility texture: see refreshMasked)
    const narrow = this.large && (sc.focus !== null || sc.edges !== null) && sc.nodes.size * SUB_FRACTION <= g.order;
    // (sigma is given edges from here: the whole graph, or a focus's or a path's part of it)
    if (narrow || !this.edgesLater) this.ensureEdgePrograms(s);
    this.lightSpot = this.large && !narrow;
    // (brightNode reads lightSpot: computed once per refresh, then read as `bright`)
    this.bright = this.brightNode();
    this.focusSet = this.computeFocus();
    this.chooseLabels(s, g);
    let shown: ViewGraph = g;
    if (narrow) {
      const sub = this.sub;
      if (!sub || sub.pos !== this.posVersion || !sameSet(sub.nodes, sc.nodes) || !sameSet(sub.edges, this.shownEdges)) {
        const ix = edgeIndexOf(g);
        const m = this.masks;
        // (before the first scope pass: the nodes shown, no edges)
        const graph = partOf(ix, m ? m.nodes : nodeMask(ix, sc.nodes), m ? m.edges : null);
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
    if (last && now && last.sig === now.sig) this.refreshChanged(s, g, sc, shown, last, now);
    else s.refresh();
    this.drawn = now;
  }

  /** Sigma given only the nodes and edges whose display changed between `last` and `now` (see refresh). */
  private refreshChanged(s: Sigma<NodeView, EdgeView>, g: ViewGraph, sc: Scope, shown: ViewGraph, last: Drawn, now: Drawn): void {
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
    const ix = edgeIndexOf(g);
    if (last.edgeMask && now.edgeMask && last.edgeMask.length === ix.keys.length) {
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
    const ix = edgeIndexOf(g);
    // what sigma is given: the whole graph, or its nodes alone before the first frame's edges (edgesLater)
    const whole = this.edgesLater ? this.nodesGraph(g) : g;
    const m = this.masks;
    const shownNodes = m?.nodes ?? new Uint8Array(ix.nodeKeys.length).fill(1);
    const shownEdges = m?.edges ?? new Uint8Array(ix.keys.length).fill(1);
    const bright = this.bright !== null ? (ix.nodeAt.get(this.bright) ?? -1) : -1;
    let edges = shownEdges;
    if (bright >= 0) {
      edges = new Uint8Array(shownEdges.length);
      const { src, tgt } = ix;
      for (let i = 0; i < edges.length; i++) if (shownEdges[i] === 1 && (src[i] === bright || tgt[i] === bright)) edges[i] = 1;
    }
    this.drawnMask = { ix, nodes: shownNodes, edges };
    setVisibility(s, () => this.texels(s));
    // labelled nodes by number (the reducer: shown, and chosen or all)
    const labelled = new Uint8Array(ix.nodeKeys.length);
    const labelSet = this.labelSet;
    if (labelSet === null) labelled.set(shownNodes);
    else
      for (const n of labelSet) {
        const i = ix.nodeAt.get(n);
        if (i !== undefined && shownNodes[i] === 1) labelled[i] = 1;
      }
    const spotNodes = [...(this.focusSet ?? []), ...this.marked(sc)];
    if (this.bright !== null) spotNodes.push(this.bright);
    const spotEdges: string[] = [];
    if (this.bright !== null && g.hasNode(this.bright)) g.forEachEdge(this.bright, (e) => void spotEdges.push(e));
    if (this.state.edge !== null) spotEdges.push(this.state.edge);
    const now: MaskedDrawn = { sig: this.sig(g), labelled, spotNodes, spotEdges };
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

  /** Whether `m` is about the whole graph sigma holds now (or its nodes alone, before the edges). */
  private holdsWhole(m: { ix: EdgeIndex } | null): m is { ix: EdgeIndex; nodes: Uint8Array; edges: Uint8Array } {
    const g = this.graph;
    const sg = this.sigma?.getGraph();
    return !!g && !!m && (sg === g || sg === this.nodesOnly) && m.ix.graph === g;
  }

  /** The visibility texture's bytes (by sigma's item id: 255 drawn, 0 not) from the masks of refreshMasked. */
  private texels(s: Sigma<NodeView, EdgeView>): Uint8Array | null {
    const m = this.drawnMask;
    if (!this.holdsWhole(m)) return null;
    const ix = m.ix;
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
    if (!g || !sc || this.focusSet || this.state.edge || this.host.hovered) return null;
    return {
      sig: this.sig(g),
      nodes: sc.nodes,
      edges: this.shownEdges,
      edgeMask: this.masks?.edges ?? null,
      labels: this.labelSet,
      spotNodes: this.marked(sc),
    };
  }

  /** What the reducers' colours and sizes depend on besides each item (see Drawn.sig). */
  private sig(g: ViewGraph): string {
    return JSON.stringify([this.state.colorBy, this.state.sizeBy, g.order]);
  }

  /** The nodes a focus or a path's ends mark (highlighted, labelled). */
  private marked(sc: Scope): string[] {
    const out: string[] = [];
    for (const n of [sc.focus, this.state.pathFrom, this.state.pathTo]) if (n !== null) out.push(n);
    return out;
  }

  visibleEdge(edge: string): boolean {
    return this.masks?.hasEdge(edge) ?? false;
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
    if (!this.holdsWhole(m)) return true;
    const i = what === 'node' ? m.ix.nodeAt.get(key) : m.ix.edgeAt.get(key);
    return i !== undefined && (what === 'node' ? m.nodes : m.edges)[i] === 1;
  }

  /** Nodes to keep bright: the bright node and its visible neighbours, or the selected edge's ends. */
  private computeFocus(): Set<string> | null {
    const g = this.graph;
    if (!g) return null;
    const focus = this.bright;
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
    if (this.host.hovered && !this.lightSpot) return this.host.hovered;
    // A path shows its hops: selecting one of its nodes does not hide the others.
    if (this.scope?.edges && this.state.node !== null && this.scope.nodes.has(this.state.node)) return null;
    return this.state.node !== null && this.state.node === this.scope?.focus ? null : this.state.node;
  }

  /** Chooses the labels to draw for the current camera, filters and focus (label-choice.ts). */
  private chooseLabels(s: Sigma<NodeView, EdgeView>, g: ViewGraph): void {
    const look = this.look;
    if (!look) return;
    this.labels.choose({
      sigma: s,
      graph: g,
      state: this.state,
      scope: this.scope,
      shownNodes: this.masks?.nodes ?? null,
      // (a highlighted neighbourhood on a large graph keeps the other labels: its own are forced by the reducer)
      focus: this.lightSpot ? null : this.focusSet,
      // (a selection on a large graph drawn whole forces its own label and its neighbours': the rest stays)
      focusNode: (this.lightSpot ? null : this.bright) ?? this.scope?.focus,
      large: this.large,
      posVersion: this.posVersion,
      nodeSize: (a) => look.nodeSize(a, this.state.sizeBy),
    });
  }
}
