/**
 * The loaded graph's nodes and edges as numbers (the graph's own order), and what a state shows as byte
 * masks over those numbers: the pass over 47 000 edges that every filter makes (which are shown, the
 * legend's counts) reads typed arrays instead of graphology's iterators and sets of strings. Also the
 * graphs sigma is given besides the whole one (a focus's or a path's part, the nodes alone). Pure: no DOM.
 */
import { MultiGraph } from 'graphology';
import { inPeriod, type Period } from '../../src/query/attested.js';
import { relationCounts, relationLegend, type EdgeView, type NodeView, type ViewGraph, type ViewParts } from './model.js';
import type { Scope } from './scope.js';

/** A graph's edges as numbers. */
export interface EdgeIndex {
  graph: ViewGraph;
  /** node key -> number (the graph's node order), and back */
  nodeAt: Map<string, number>;
  nodeKeys: string[];
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

const indices = new WeakMap<ViewGraph, EdgeIndex>();

/** The graph's edges as numbers, built once per graph. */
export function edgeIndexOf(g: ViewGraph): EdgeIndex {
  const kept = indices.get(g);
  if (kept) return kept;
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
  const ix: EdgeIndex = { graph: g, nodeAt, nodeKeys: [...nodeAt.keys()], relations, legend, edgeAt, keys, attrs, src, tgt, rel, undirected };
  indices.set(g, ix);
  return ix;
}

/**
 * The index of a graph toViewGraph just built, from the numbers it kept (`parts`, in the graph's order):
 * the same index edgeIndexOf would compute from the graph, without iterating it again.
 */
export function seedEdgeIndex(g: ViewGraph, p: ViewParts): EdgeIndex {
  const seen = new Set<string>();
  for (const a of p.attrs) seen.add(a.relation);
  const legend = relationLegend(seen);
  const relations = legend.map((r) => r.relation);
  const relAt = new Map(relations.map((r, i) => [r, i]));
  const rel = new Uint16Array(p.attrs.length);
  for (let i = 0; i < p.keys.length; i++) rel[i] = relAt.get(p.attrs[i]!.relation)!;
  // edge key -> number: built when first asked for (nothing asks before a large graph's edges are drawn)
  let edgeAt: Map<string, number> | null = null;
  const ix: EdgeIndex = {
    graph: g,
    nodeAt: p.nodeAt,
    nodeKeys: p.nodeKeys,
    relations,
    legend,
    get edgeAt(): Map<string, number> {
      if (edgeAt) return edgeAt;
      edgeAt = new Map<string, number>();
      for (let i = 0; i < p.keys.length; i++) edgeAt.set(p.keys[i]!, i);
      return edgeAt;
    },
    keys: p.keys,
    attrs: p.attrs,
    src: p.src,
    tgt: p.tgt,
    rel,
    undirected: p.undirected,
  };
  indices.set(g, ix);
  return ix;
}

/** What a state shows, by number (EdgeIndex order): 1 for a node or an edge shown. */
export class ShownMasks {
  private edgeSet: Set<string> | null = null;

  constructor(
    readonly ix: EdgeIndex,
    readonly nodes: Uint8Array,
    readonly edges: Uint8Array,
  ) {}

  /** The edges shown, as a set of keys (built when first asked for). */
  get edgeKeys(): Set<string> {
    if (this.edgeSet) return this.edgeSet;
    const set = new Set<string>();
    for (let i = 0; i < this.edges.length; i++) if (this.edges[i] === 1) set.add(this.ix.keys[i]!);
    return (this.edgeSet = set);
  }

  hasEdge(edge: string): boolean {
    const i = this.ix.edgeAt.get(edge);
    return i !== undefined && this.edges[i] === 1;
  }
}

/** The nodes given, by number: 1 for a node in `nodes`. */
export function nodeMask(ix: EdgeIndex, nodes: Iterable<string>): Uint8Array {
  const on = new Uint8Array(ix.nodeKeys.length);
  for (const n of nodes) {
    const i = ix.nodeAt.get(n);
    if (i !== undefined) on[i] = 1;
  }
  return on;
}

/**
 * One pass over the edges: those shown (both ends shown, relation and time range pass, or on the path), and
 * per relation those the legend counts (ends shown, in the time range or on the path; a hidden relation
 * counts what it would add).
 */
export function shownMasks(
  ix: EdgeIndex,
  sc: Scope,
  hiddenRelations: readonly string[],
  period: Period | null,
): { masks: ShownMasks; counted: Map<string, number>; edges: number } {
  const on = nodeMask(ix, sc.nodes);
  const hiddenRel = new Uint8Array(ix.relations.length);
  for (const r of hiddenRelations) {
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
  return { masks: new ShownMasks(ix, on, mask), counted: new Map(ix.relations.map((r, i) => [r, counts[i]!])), edges };
}

/**
 * The nodes and edges given by number (null nodes: all of them; null edges: none), as a graph of their
 * own in the whole graph's order (sigma draws in that order: the same picture as the whole graph with the
 * rest hidden). Attributes are the same objects. A pass over typed arrays, not graphology's iterators.
 */
export function partOf(ix: EdgeIndex, nodes: Uint8Array | null, edges: Uint8Array | null): ViewGraph {
  const g = ix.graph;
  const part: ViewGraph = new MultiGraph<NodeView, EdgeView>({ type: 'mixed' });
  for (let i = 0; i < ix.nodeKeys.length; i++) if (nodes === null || nodes[i] === 1) part.addNode(ix.nodeKeys[i]!, g.getNodeAttributes(ix.nodeKeys[i]!));
  if (edges === null) return part;
  for (let i = 0; i < edges.length; i++) {
    if (edges[i] === 0) continue;
    const [key, s, t, a] = [ix.keys[i]!, ix.nodeKeys[ix.src[i]!]!, ix.nodeKeys[ix.tgt[i]!]!, ix.attrs[i]!];
    if (ix.undirected[i] === 1) part.addUndirectedEdgeWithKey(key, s, t, a);
    else part.addDirectedEdgeWithKey(key, s, t, a);
  }
  return part;
}

export function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** The extent of the nodes' positions, as sigma computes it for a graph (its `graphExtent`). */
export function extentOf(g: ViewGraph): { x: [number, number]; y: [number, number] } {
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
