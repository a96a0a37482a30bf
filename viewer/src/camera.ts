/** Moving sigma's camera: framing the nodes in view, centring on nodes; and the minimap that follows it. */
import type Sigma from 'sigma';
import type { Camera } from 'sigma';
import type { CameraState, NodeDisplayData } from 'sigma/types';
import { byId } from './dom.js';
import { MINIMAP_MIN_NODES, Minimap } from './minimap.js';
import type { EdgeView, NodeView, ViewGraph } from './model.js';

type Renderer = Sigma<NodeView, EdgeView>;

/** Whether the user asks for reduced motion (the system's `prefers-reduced-motion: reduce`). */
function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Moves the camera to `state` over `ms`, or at once when the user asks for reduced motion: the view then jumps
 * to where it goes instead of gliding there over some twenty frames (each a full redraw).
 */
export function moveCamera(cam: Camera, state: Partial<CameraState>, ms: number): void {
  if (reducedMotion()) cam.setState(state);
  else void cam.animate(state, { duration: ms });
}

/**
 * The camera framing `nodes` (the nodes in view when narrowed by focus, path or filters), with a margin; it zooms
 * in at most until they span `minShare` of the view before the margin, and never zooms out. `covered`: pixels at
 * the bottom of the view that a panel hides (the data table), left out of the frame.
 */
export function fitTo(s: Renderer, nodes: Iterable<string>, animate = true, minShare = 0.15, covered = 0): void {
  const { width, height: full } = s.getDimensions();
  const height = Math.max(1, full - Math.max(0, Math.min(covered, full * 0.8)));
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
  const ratio = Math.max(0.02, Math.min(cam.ratio, cam.ratio * 1.6 * Math.max((x1 - x0) / width, (y1 - y0) / height, minShare)));
  // The frame's centre drawn at the middle of the part left uncovered: the camera's centre lies half the covered
  // height below it (a pixel down, in framed-graph units, scaled to the new ratio).
  const o = s.viewportToFramedGraph({ x: 0, y: 0 });
  const down = s.viewportToFramedGraph({ x: 0, y: 1 });
  const k = ((full - height) / 2) * (ratio / cam.ratio);
  const state = { x: centre.x + (down.x - o.x) * k, y: centre.y + (down.y - o.y) * k, ratio };
  if (animate) moveCamera(cam, state, 300);
  else cam.setState(state);
}

/** Whole graph (`inView` null), or the nodes in view when focus, path or filters narrow it. */
export function fitView(s: Renderer | null, inView: Set<string> | null): void {
  if (!s || !inView) {
    if (s) moveCamera(s.getCamera(), { x: 0.5, y: 0.5, ratio: 1, angle: 0 }, 300);
    return;
  }
  // from the whole-graph frame, so that zooming in further is always possible
  s.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  fitTo(s, inView, false);
}

/**
 * Neighbourhoods up to this many nodes (the node included) are framed when a node is chosen; larger ones (a hub
 * of the whole corpus, its neighbours spread over the graph) would frame most of the graph, so the node is
 * centred instead.
 */
export const FRAMED_NEIGHBOURHOOD = 40;

/**
 * A node chosen from the table, the search or a shared URL, with the neighbours `shown` keeps: framed together
 * above the open data table when there are at most FRAMED_NEIGHBOURHOOD of them (spread over the view, their
 * labels have room), else the node centred.
 */
export function frameNode(s: Renderer, node: string, shown: (n: string) => boolean): void {
  const g = s.getGraph();
  if (!g.hasNode(node)) return;
  const near = new Set([node]);
  for (const n of g.neighbors(node)) if (shown(n)) near.add(n);
  if (near.size > 1 && near.size <= FRAMED_NEIGHBOURHOOD) fitTo(s, near, true, 0, coveredByTable());
  else centerOn(s, [node]);
}

/** Pixels at the bottom of the graph that the open data table covers (0 when it is closed). */
function coveredByTable(): number {
  const table = document.getElementById('table');
  const graph = document.getElementById('graph');
  if (!table || !graph || table.hidden) return 0;
  return Math.max(0, graph.getBoundingClientRect().bottom - table.getBoundingClientRect().top);
}

export function centerOn(s: Renderer, nodes: string[], zoom = true): void {
  const pts = nodes.map((n) => s.getNodeDisplayData(n)).filter((d): d is NodeDisplayData => d !== undefined);
  if (pts.length === 0) return;
  const x = pts.reduce((a, p) => a + p.x, 0) / pts.length;
  const y = pts.reduce((a, p) => a + p.y, 0) / pts.length;
  const cam = s.getCamera();
  moveCamera(cam, { x, y, ratio: zoom ? Math.min(cam.ratio, 0.6) : cam.ratio }, 300);
}

/** The minimap of `g` (null: too few nodes for one), its dots the nodes `shown` says are, in their colour. */
export function setupMinimap(s: Renderer, g: ViewGraph, shown: (n: string) => boolean, color: (a: NodeView) => string): Minimap | null {
  const canvas = byId<HTMLCanvasElement>('minimap');
  canvas.hidden = g.order <= MINIMAP_MIN_NODES;
  // A fresh canvas per graph: the old map's listeners go with the old one.
  const fresh = canvas.cloneNode() as HTMLCanvasElement;
  canvas.replaceWith(fresh);
  if (fresh.hidden) return null;
  const map = new Minimap(fresh, {
    points: () => {
      const pts: { x: number; y: number; color: string }[] = [];
      g.forEachNode((n, a) => {
        if (shown(n)) pts.push({ x: a.x, y: a.y, color: color(a) });
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
  return map;
}
