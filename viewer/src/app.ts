/**
 * The viewer application: owns the view state and keeps the URL hash, the DOM controls and the renderer in
 * line with it. Each concern is a module of its own (the renderer and its reducers, labels, table, filters,
 * timeline, search, exports, layout, camera, controls); this class holds the state and coordinates them.
 * Rendering decisions (fading, hiding, colours, sizes) live in the sigma reducers (reducers.ts), so the
 * graph data itself is never modified by interaction.
 */
import type Sigma from 'sigma';
import { byId, el } from './dom.js';
import { parseHash, type ViewState } from './hash-state.js';
import { translate } from './i18n.js';
import { GraphFormatError, graphFromText } from './load.js';
import type { ShardLoader } from './evidence.js';
import { OTHER_COLOR, toViewGraph, type ArticleInfo, type Details, type EdgeView, type NodeView, type SourceGraphLike, type ViewGraph } from './model.js';
import { edgePanel, nodePanel, type PanelContext } from './panel.js';
import { nearestEdge, type EdgeGeometry } from './hit.js';
import { buildSearchIndex, type SearchEntry } from './search.js';
import { binDates, type Bin } from './timeline.js';
import type { Period } from '../../src/query/attested.js';
import type { GraphSize } from '../../src/viewer/page-size.js';
import { computeScope, type Scope } from './scope.js';
import { pathPanel, focusBar, type BenchContext } from './bench-ui.js';
import { LiveLayout } from './layout.js';
import type { Minimap } from './minimap.js';
import { edgeIndexOf, seedEdgeIndex, shownMasks, type ShownMasks } from './edge-index.js';
import { Look } from './look.js';
import { Renderer, type RenderHost } from './renderer.js';
import { addEdgesLater, warmFocus, type FirstFrameHost } from './first-frame.js';
import { DetailsCache } from './details-cache.js';
import { TableView, type TableHost } from './table-view.js';
import { exportPng, exportView, wireExports, type ExportHost } from './export-controls.js';
import { renderLayoutControls, wireLayout, type LayoutHost } from './layout-controls.js';
import { renderTimeline, wireTimeline, type TimelineHost } from './timeline-view.js';
import { SearchBox, type SearchHost } from './search-box.js';
import { buildCommunities, buildFilters, type FiltersHost } from './filters-view.js';
import { centerOn, fitView, frameNode, setupMinimap } from './camera.js';
import { followHash, syncControls, wireControls, writeHash, type ControlsHost } from './controls.js';

declare global {
  interface Window {
    __zhkg?: App;
  }
}

/** The application is what each of its modules reads and calls (their `…Host` interfaces). */
export class App implements RenderHost, FirstFrameHost, TableHost, SearchHost, ExportHost, LayoutHost, TimelineHost, FiltersHost, ControlsHost {
  graph: ViewGraph | null = null;
  /** The graph as loaded (its own attributes, for exports). */
  source: SourceGraphLike | null = null;
  /** Where the details of a render graph's nodes and edges are (null: the graph holds them). */
  shards: ShardLoader | null = null;
  private detailsCache: DetailsCache | null = null;
  articles = new Map<string, ArticleInfo>();
  state: ViewState = parseHash(location.hash);
  hovered: string | null = null;
  /** The search box's entries (search.ts), built when first asked for: at idle after the first frame (warmUp), or by a search before that. */
  private searchIndex: SearchEntry[] | null = null;
  /** What the filters, focus and path leave shown (recomputed on every state change, not on hover). */
  scope: Scope | null = null;
  /** The nodes and edges shown, by number (one pass per state change, see shownMasks). */
  masks: ShownMasks | null = null;
  /** Per relation, the edges the legend counts (ends shown, in the time range or on the path; a hidden relation counts what it would add). */
  relationCounted = new Map<string, number>();
  /** Timeline bins of the loaded graph's article dates ([] when it has none). */
  bins: Bin[] = [];
  articleDates: string[] = [];
  layout: LiveLayout | null = null;
  minimap: Minimap | null = null;
  /** Milliseconds spent in each phase of the last setGraph (read by the bench). */
  timings: Record<string, number> = {};
  private periodMemo: Period | null = null;

  private readonly renderer = new Renderer(this);
  private readonly tableView = new TableView(this);
  private readonly searchBox = new SearchBox(this);

  constructor() {
    this.wireStaticControls();
    this.applyLocale();
    followHash(this);
  }

  t = (key: string, vars?: Record<string, string | number>): string => translate(this.state.lang, key, vars);

  /** The search box's entries (search.ts) for the graph shown. */
  get index(): SearchEntry[] {
    const g = this.graph;
    if (!g) return [];
    return (this.searchIndex ??= buildSearchIndex(g.mapNodes((key, a) => ({ key, label: a.label, aliases: a.aliases, weight: a.degree }))));
  }

  get sigma(): Sigma<NodeView, EdgeView> | null {
    return this.renderer.sigma;
  }

  // ---------- graph ----------

  /** While the page's own graph (of `size`, when known) loads: the renderer makes what it can before it has the graph (Renderer.prepare). */
  prepareRenderer(size: GraphSize | null = null): void {
    this.renderer.prepare(byId('graph'), size);
  }

  setGraph(src: SourceGraphLike, shards: ShardLoader | null = null): void {
    const timings: Record<string, number> = {};
    let last = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      timings[name] = (timings[name] ?? 0) + now - last;
      last = now;
      // (a user timing mark ends each phase: a trace of the page gives each phase's CPU time besides its wall time)
      performance.mark(`zhkg:${name}`);
    };
    const { graph, articles, parts } = toViewGraph(src);
    seedEdgeIndex(graph, parts);
    lap('toViewGraph');
    const r = this.renderer;
    r.reset(graph);
    this.layout?.kill();
    this.layout = new LiveLayout(graph);
    this.source = src;
    this.shards = shards;
    const details: DetailsCache = new DetailsCache(graph, shards, articles, () => {
      if (this.detailsCache !== details) return; // another graph meanwhile
      this.renderPanel();
      this.renderPath();
    });
    this.detailsCache = details;
    this.forgetScope();
    // Moving nodes (live layout, noverlap, restore) changes which labels fit, the graph's extent, and
    // makes what was set aside for the whole graph stale.
    const moved = () => r.moved(graph);
    graph.on('eachNodeAttributesUpdated', moved);
    graph.on('nodeAttributesUpdated', moved);
    this.graph = graph;
    this.articles = articles;
    this.hovered = null;
    this.searchIndex = null;
    const look = new Look(graph);
    lap('index');
    const sigma = r.create(graph, look, byId('graph'));
    lap('sigma');
    this.wireSigma(sigma);
    this.minimap = setupMinimap(
      sigma,
      graph,
      (n) => this.scope?.nodes.has(n) ?? true,
      (a) => this.nodeColor(a),
    );
    lap('minimap');
    this.articleDates = [...this.articles.values()].flatMap((a) => (a.date ? [a.date] : []));
    this.bins = binDates(this.articleDates).bins;
    buildCommunities(this);
    this.applyState();
    // A shared URL names a focus or a path (frame it), a node (frame it with its neighbours) or an edge (centre it).
    if (this.scope && (this.scope.focus !== null || this.scope.path)) this.fitView();
    else if (this.state.node) this.frameNode(sigma, this.state.node);
    else if (this.state.edge) centerOn(sigma, graph.extremities(this.state.edge), false);
    lap('state');
    this.timings = timings;
    document.body.dataset.ready = String(Number(document.body.dataset.ready ?? '0') + 1);
    document.body.dataset.edges = r.edgesLater ? 'later' : 'drawn';
    if (r.edgesLater) addEdgesLater(this, graph, r);
    warmFocus(this, graph);
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

  showMessage(text: string): void {
    const m = byId('message');
    m.textContent = text;
    m.hidden = false;
  }

  hideMessage(): void {
    byId('message').hidden = true;
  }

  // ---------- state ----------

  commit(): void {
    this.updateScope();
    this.writeHash();
    this.renderer.refresh();
  }

  /** A selection changes neither what is shown nor the counts: the URL, the table's marked row and sigma follow. */
  private commitSelection(): void {
    if (!this.scope) return this.commit();
    this.writeHash();
    if (this.tableView.open) this.tableView.render();
    this.renderer.refresh();
  }

  /**
   * What was shown of the last graph is dropped: the new graph's is computed once, by applyState (after it
   * drops from the state what the graph lacks), before the reducers first run, in its refresh.
   */
  private forgetScope(): void {
    this.scope = null;
    this.masks = null;
  }

  /** Recomputes what is shown and everything that follows it (counts, status, path panel, focus bar). */
  private updateScope(): void {
    const g = this.graph;
    if (!g) return;
    const sc = (this.scope = computeScope(g, this.state));
    const { masks, counted, edges } = shownMasks(edgeIndexOf(g), sc, this.state.hiddenRelations, this.period());
    this.masks = masks;
    this.relationCounted = counted;
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
    this.tableView.render();
    renderLayoutControls(this);
    // the map's dots in the next frame: 16 000 of them need not hold up the answer
    this.minimap?.scheduleRedraw();
    document.body.dataset.scope = String(Number(document.body.dataset.scope ?? '0') + 1);
  }

  private renderPath(): void {
    const pathBox = byId('path');
    if (!this.scope) return;
    pathBox.replaceChildren(...pathPanel(this.benchContext(), this.state, this.scope));
    pathBox.hidden = !this.state.pathFrom && !this.state.pathTo;
    pathBox.dataset.details = pathBox.querySelector('.loading') ? 'loading' : 'ready';
  }

  /**
   * A node's or edge's evidence, articles and URL: from the graph, or for a render graph from its shard —
   * null while that is loading (the panel and the path box are drawn again when it arrives), a string
   * when it cannot be read.
   */
  details(what: 'n' | 'e', key: string): Details | null | string {
    return this.detailsCache?.get(what, key) ?? null;
  }

  /** The visible rows of the data table as CSV (searched and sorted; not only the first rows drawn). */
  tableCsv(): string {
    return this.tableView.csv();
  }

  /** Keys of the nodes and edges in view (what the renderer draws, hover aside). */
  visibleKeys(): { nodes: Set<string>; edges: Set<string> } {
    const g = this.graph;
    const sc = this.scope;
    const edges = new Set<string>();
    if (!g || !sc) return { nodes: new Set(), edges };
    if (this.masks?.ix.graph === g) for (const e of this.masks.edgeKeys) edges.add(e);
    return { nodes: new Set(sc.nodes), edges };
  }

  /** The visible subgraph in the CLI's formats (what `zhkg export` would write). */
  exportView(format: 'gexf' | 'json'): Promise<string> {
    return exportView(this, format);
  }

  viewPng(): Promise<Blob> {
    return exportPng(this);
  }

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
  applyState(): void {
    const g = this.graph;
    if (g) {
      if (this.state.node && !g.hasNode(this.state.node)) this.state.node = null;
      if (this.state.edge && !g.hasEdge(this.state.edge)) this.state.edge = null;
      this.state.focus = this.state.focus.filter((k) => g.hasNode(k));
      if (this.state.pathFrom && !g.hasNode(this.state.pathFrom)) this.state.pathFrom = null;
      if (this.state.pathTo && !g.hasNode(this.state.pathTo)) this.state.pathTo = null;
    }
    syncControls(this.state);
    this.applyLocale();
    renderTimeline(this);
    this.renderPanel();
    this.commit();
  }

  /** The selected time range as the query library's Period (the same rule as `--from`/`--to`), or null. */
  period(): Period | null {
    const { from, to } = this.state;
    if (from === null && to === null) return null;
    // Called for every node and edge on every frame: one object per range.
    const p = this.periodMemo;
    if (p && p.from === (from ?? undefined) && p.to === (to ?? undefined)) return p;
    return (this.periodMemo = { ...(from !== null ? { from } : {}), ...(to !== null ? { to } : {}) });
  }

  /** Shows only what is attested in [from, to] (null, null: everything); goes into the URL. */
  setRange(from: string | null, to: string | null): void {
    this.state = { ...this.state, from, to };
    this.buildFilters();
    renderTimeline(this);
    this.commit();
  }

  selectNode(node: string | null, center = false): void {
    this.state = { ...this.state, node, edge: null };
    this.renderPanel();
    this.commitSelection();
    if (node && center && this.sigma) this.frameNode(this.sigma, node);
  }

  /** The node with the neighbours in view framed (camera.ts frameNode). */
  private frameNode(sigma: Sigma<NodeView, EdgeView>, node: string): void {
    frameNode(sigma, node, (n) => this.scope?.nodes.has(n) ?? true);
  }

  selectEdge(edge: string | null): void {
    const g = this.graph;
    this.state = { ...this.state, edge, node: null };
    this.renderPanel();
    this.commitSelection();
    if (edge && g && this.sigma) centerOn(this.sigma, [g.source(edge), g.target(edge)], false);
  }

  /** Whole graph, or what is in view when focus, path or filters narrow it. */
  fitView(): void {
    const g = this.graph;
    const narrowed = !!g && !!this.scope && this.scope.nodes.size !== g.order;
    fitView(this.sigma, narrowed ? this.scope!.nodes : null);
  }

  /**
   * Whether sigma draws a node or an edge now: not hidden in its display data and, on a large graph drawn
   * whole (where the filters and a selection decide it through the programs' visibility texture), drawn.
   */
  isDrawn(what: 'node' | 'edge', key: string): boolean {
    return this.renderer.isDrawn(what, key);
  }

  /** A node's size as drawn now (before sigma's scaling). */
  nodeSize(a: NodeView): number {
    return this.renderer.look?.nodeSize(a, this.state.sizeBy) ?? 0;
  }

  /** The legend's colour of a kind (the colour of other kinds before a graph is loaded or for a kind it does not have). */
  kindColor(kind: string): string {
    return this.renderer.look?.kindColor(kind) ?? OTHER_COLOR;
  }

  /** The URL follows the state (without recomputing the view: for changes that do not touch it). */
  writeHash(): void {
    writeHash(this.state);
  }

  nodeColor(a: NodeView): string {
    return this.renderer.look?.nodeColor(a, this.state.colorBy) ?? '';
  }

  // ---------- sigma events ----------

  private wireSigma(s: Sigma<NodeView, EdgeView>): void {
    const container = byId('graph');
    const r = this.renderer;
    // (a large graph drawn whole: sigma draws the hovered node and its label itself, nothing else changes)
    s.on('enterNode', ({ node }) => {
      this.hovered = node;
      container.style.cursor = 'pointer';
      if (!r.lightSpot) r.refresh();
    });
    s.on('leaveNode', () => {
      this.hovered = null;
      container.style.cursor = '';
      if (!r.lightSpot) r.refresh();
    });
    s.on('enterEdge', () => (container.style.cursor = 'pointer'));
    s.on('leaveEdge', () => (container.style.cursor = ''));
    s.getCamera().on('updated', () => r.scheduleLabels());
    s.on('resize', () => r.scheduleLabels());
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

  // ---------- DOM ----------

  private panelContext(): PanelContext {
    return {
      graph: this.graph!,
      articles: this.articles,
      t: this.t,
      kindColor: (k) => this.kindColor(k),
      details: (what, key) => this.details(what, key),
      selectNode: (n) => this.selectNode(n, true),
      selectEdge: (e) => this.selectEdge(e),
      close: () => this.selectNode(null),
      focusOn: (n) => this.focusOn(n),
      setPathEnd: (end, n) => this.setPathEnd(end, n),
    };
  }

  renderPanel(): void {
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
    if (this.detailsCache?.pending) this.detailsCache.fetchWanted();
  }

  buildFilters(): void {
    buildFilters(this);
  }

  /** A node picked in the search box: its kind shown again if it was hidden, then selected and centred. */
  pickNode(node: string): void {
    const kind = this.graph?.getNodeAttribute(node, 'kind') ?? '';
    if (this.state.hiddenKinds.includes(kind)) {
      this.state = { ...this.state, hiddenKinds: this.state.hiddenKinds.filter((k) => k !== kind) };
      this.buildFilters();
    }
    this.selectNode(node, true);
  }

  applyLocale(): void {
    document.documentElement.lang = this.state.lang === 'zh' ? 'zh-CN' : 'en';
    for (const n of document.querySelectorAll<HTMLElement>('[data-i18n]')) n.textContent = this.t(n.dataset.i18n!);
    for (const n of document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) n.placeholder = this.t(n.dataset.i18nPlaceholder!);
    for (const n of document.querySelectorAll<HTMLElement>('[data-i18n-title]')) n.title = this.t(n.dataset.i18nTitle!);
    for (const n of document.querySelectorAll<HTMLElement>('[data-i18n-aria]')) n.setAttribute('aria-label', this.t(n.dataset.i18nAria!));
    document.title = `${this.t('title')} · zhkg`;
    if (this.graph) renderTimeline(this);
  }

  private wireStaticControls(): void {
    wireTimeline(this);
    wireLayout(this);
    wireExports(this);
    this.tableView.wire();
    wireControls(this, this.searchBox.wire());
  }
}
