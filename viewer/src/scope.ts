/**
 * What the view shows: the nodes and edges that pass the filters (kind, relation, time range, attribute
 * ranges, community), narrowed to the focused node's ego network or to the path between two nodes.
 * The walks are the query library's own (src/query/hops.ts egoKeys, src/query/route.ts pathBetweenKeys:
 * the same rules as `zhkg query ego` and `zhkg query path`), bundled into the page. Pure: no DOM.
 */
import type { QueryGraph } from '../../src/query/attributes.js';
import { egoKeys } from '../../src/query/hops.js';
import { pathBetweenKeys, type PathResult } from '../../src/query/route.js';
import { inPeriod, type Period } from '../../src/query/attested.js';
import { CO_OCCURS, type EdgeView, type NodeView, type ViewGraph } from './model.js';
import { RANGE_KEYS, type Range, type ViewState } from './hash-state.js';

export interface Scope {
  /** Nodes shown. */
  nodes: Set<string>;
  /** Edges shown when the view is narrowed to a path (its hops); null: any edge between shown nodes that passes the filters. */
  edges: Set<string> | null;
  /** The focused node, when its ego network is shown. */
  focus: string | null;
  /** The path shown (null when no path is asked for or the two nodes are not connected). */
  path: PathResult | null;
  /** A path was asked for and there is none. */
  noPath: boolean;
}

/** The time range of the state as the query library's Period, or null (no range). */
export function periodOf(state: Pick<ViewState, 'from' | 'to'>): Period | null {
  if (state.from === null && state.to === null) return null;
  return { ...(state.from !== null ? { from: state.from } : {}), ...(state.to !== null ? { to: state.to } : {}) };
}

function inRange(v: number | null, r: Range): boolean {
  if (r.min === null && r.max === null) return true;
  if (v === null) return false;
  return (r.min === null || v >= r.min) && (r.max === null || v <= r.max);
}

/** Whether a node passes the node filters (the kind filter too unless `ignoreKind`). */
export function nodePasses(a: NodeView, state: ViewState, period: Period | null, ignoreKind = false): boolean {
  if (!ignoreKind && state.hiddenKinds.includes(a.kind)) return false;
  if (period !== null && !a.dates.some((d) => inPeriod(d, period))) return false;
  if (state.community !== null && a.community !== state.community) return false;
  for (const k of RANGE_KEYS) if (!inRange(k === 'degree' ? a.degree : k === 'mentions' ? a.mentions : a.confidence, state.ranges[k])) return false;
  return true;
}

/** Whether an edge passes the relation and time filters (its ends are checked by the caller). */
export function edgePasses(a: EdgeView, state: ViewState, period: Period | null): boolean {
  return !state.hiddenRelations.includes(a.relation) && (period === null || a.dates.some((d) => inPeriod(d, period)));
}

/** Relations the focus walks: those not hidden (undefined: all). */
function walkRelations(g: ViewGraph, state: ViewState): string[] | undefined {
  if (state.hiddenRelations.length === 0) return undefined;
  const rels = new Set<string>();
  g.forEachEdge((_e, a) => {
    if (!state.hiddenRelations.includes(a.relation)) rels.add(a.relation);
  });
  // An empty list would mean "no filter" to the query library: a relation no edge has walks nothing.
  return rels.size > 0 ? [...rels] : ['\u0000'];
}

export function computeScope(g: ViewGraph, state: ViewState): Scope {
  const period = periodOf(state);
  const q = g as unknown as QueryGraph;
  const opts = period ?? {};
  if (state.pathFrom && state.pathTo && g.hasNode(state.pathFrom) && g.hasNode(state.pathTo)) {
    let path: PathResult | null;
    try {
      path = pathBetweenKeys(q, state.pathFrom, state.pathTo, { ...opts, coOccurs: state.hiddenRelations.includes(CO_OCCURS) ? 'never' : 'fallback' });
    } catch {
      path = null; // an end outside the time range
    }
    if (path) return { nodes: new Set(path.nodes.map((n) => n.key)), edges: new Set(path.hops.map((h) => h.edge.key)), focus: null, path, noPath: false };
    return { nodes: new Set([state.pathFrom, state.pathTo]), edges: new Set(), focus: null, path: null, noPath: true };
  }
  const focus = state.focus[state.focus.length - 1];
  let within: Set<string> | null = null;
  if (focus !== undefined && g.hasNode(focus)) {
    try {
      within = egoKeys(q, focus, state.depth, { ...opts, relation: walkRelations(g, state) });
    } catch {
      within = new Set([focus]); // the focused node is outside the time range
    }
  }
  const nodes = new Set<string>();
  if (within) {
    for (const n of within) if (n === focus || nodePasses(g.getNodeAttributes(n), state, period)) nodes.add(n);
  } else {
    g.forEachNode((n, a) => {
      if (nodePasses(a, state, period)) nodes.add(n);
    });
  }
  return { nodes, edges: null, focus: within ? focus! : null, path: null, noPath: false };
}

/**
 * Builds the query library's view a first path walks (the undirected graph of the stated relations,
 * cached with the graph by the library): on 47 000 edges a copy that took most of a first path's time.
 * It is built by the library's own path search, from `node` to itself (found at once, no hop walked), so
 * that the view warmed is the one the search asks for.
 */
export function warmPathView(g: ViewGraph, node: string): void {
  pathBetweenKeys(g, node, node);
}
