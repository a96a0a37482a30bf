/**
 * What a large graph puts off until after its first frame: its edges (drawn in the task after that
 * frame), and the query library's views a first focus and a first path walk (built when the page is idle).
 */
import type { ViewState } from './hash-state.js';
import type { ViewGraph } from './model.js';
import { computeScope, warmPathView } from './scope.js';

/** The application as these read it: its graph, state, search entries (built when first read) and the phases' times (read by the bench). */
export interface FirstFrameHost {
  readonly graph: ViewGraph | null;
  readonly state: ViewState;
  readonly index: readonly unknown[];
  readonly timings: Record<string, number>;
}

/**
 * The edges of a large graph, after its first frame: in the task after that frame is painted (a timer set
 * in the frame's animation callback), sigma is given the whole graph and draws it again with its edges.
 * Sigma's processing of 47 000 edges (about a second) and software GL's drawing of them (seconds) are no
 * longer part of the first frame. `timings.edges` (read by the bench) is that task's time;
 * `body[data-edges]` says `later`, then `drawn`.
 */
export function addEdgesLater(host: FirstFrameHost, graph: ViewGraph, renderer: { edgesLater: boolean; addEdges(): void }): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (host.graph !== graph || !renderer.edgesLater) return;
      const t = performance.now();
      renderer.addEdges();
      host.timings.edges = performance.now() - t;
      document.body.dataset.edges = 'drawn';
    }, 0),
  );
}

/**
 * What the page builds when it is idle after its first frame, each as a task of its own: the search box's
 * entries (every label and alias normalized: 16 000 nodes' worth is not needed to draw them; a search
 * typed before builds them itself); the undirected copy of the graph a first focus walks (the query
 * library's view, built once per graph and relation set: on 47 000 edges about 0.4 s, which a first focus
 * would otherwise wait for); the view a first path walks (stated relations only). The times go into
 * `timings.warmSearch`, `timings.warmFocus` and `timings.warmPath` (read by the bench).
 */
export function warmFocus(host: FirstFrameHost, graph: ViewGraph): void {
  const first = graph.order > 0 ? graph.nodes()[0]! : null;
  if (first === null) return;
  const search = () => {
    if (host.graph !== graph) return;
    const t = performance.now();
    void host.index.length;
    host.timings.warmSearch = performance.now() - t;
    later(run);
  };
  const run = () => {
    if (host.graph !== graph) return;
    const t = performance.now();
    computeScope(graph, { ...host.state, focus: [first], pathFrom: null, pathTo: null });
    host.timings.warmFocus = performance.now() - t;
    // then, in a task of its own, the view a first path walks
    later(() => {
      if (host.graph !== graph) return;
      const t = performance.now();
      warmPathView(graph, first);
      host.timings.warmPath = performance.now() - t;
    });
  };
  const later = (f: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 2000 }) : setTimeout(f, 0));
  later(search);
}
