/**
 * toViewGraph's shortcuts for large graphs (degrees and sizes counted as the edges are added, parallel edges
 * curved by number, the neighbours' objects of graphology in dictionary mode, one shared empty list, the edge
 * index seeded from what it kept) give the graph the straightforward version gave (view-graph-reference.ts):
 * the same nodes and edges in the same order, the same attributes with their keys in the same order, the
 * same neighbours, degrees and edge look-ups, and the same edge index.
 */
import { readFileSync } from 'node:fs';
import { MultiGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import gexf from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { toViewGraph, type SourceGraphLike, type ViewGraph } from '../../viewer/src/model.js';
import { RenderSource } from '../../viewer/src/render-source.js';
import { edgeIndexOf, seedEdgeIndex } from '../../viewer/src/edge-index.js';
import { decodeRender, encodeRender } from '../../src/viewer/render-format.js';
import { syntheticGraph } from '../../scripts/synthetic-graph.js';
import { FIXTURE_GEXF, FIXTURE_JSON } from './helpers.js';
import { referenceViewGraph, type ReferenceSource } from './view-graph-reference.js';

function graphOf(data: unknown): MultiGraph {
  const g = new MultiGraph({ type: 'mixed' });
  g.import(data as SerializedGraph);
  return g;
}

/** Everything of a graph that a reader can see, in order (attribute objects as JSON text: their key order too). */
function dump(g: ViewGraph): unknown {
  const nodes: unknown[] = [];
  g.forEachNode((n, a) =>
    nodes.push([n, JSON.stringify(a), g.degree(n), g.inDegree(n), g.outDegree(n), g.undirectedDegree(n), g.neighbors(n).sort(), g.edges(n)]),
  );
  const edges: unknown[] = [];
  g.forEachEdge((e, a, s, t, _sa, _ta, undirected) =>
    edges.push([e, s, t, undirected, JSON.stringify(a), g.edges(s, t), g.hasDirectedEdge(s, t), g.hasUndirectedEdge(s, t), g.areNeighbors(t, s)]),
  );
  return { nodes, edges, order: g.order, size: g.size, selfLoops: g.selfLoopCount };
}

/** Today's toViewGraph and the reference on one source: the same graph, articles and edge index. */
function same(src: SourceGraphLike, ref: ReferenceSource = src): void {
  const now = toViewGraph(src);
  const was = referenceViewGraph(ref);
  expect(dump(now.graph)).toEqual(dump(was.graph));
  expect([...now.articles]).toEqual([...was.articles]);
  const seeded = seedEdgeIndex(now.graph, now.parts);
  const computed = edgeIndexOf(was.graph);
  for (const k of ['nodeKeys', 'relations', 'keys', 'src', 'tgt', 'rel', 'undirected'] as const) expect(seeded[k], k).toEqual(computed[k]);
  // (the legend's relations and colours; edgeIndexOf's entries also carry relationCounts' counts, which nothing reads)
  expect(seeded.legend).toEqual(computed.legend.map(({ relation, color }) => ({ relation, color })));
  expect([...seeded.nodeAt]).toEqual([...computed.nodeAt]);
  expect([...seeded.edgeAt]).toEqual([...computed.edgeAt]);
  expect(seeded.attrs.map((a) => JSON.stringify(a))).toEqual(computed.attrs.map((a) => JSON.stringify(a)));
  // the attributes are the graph's own objects, as the index kept them
  expect(seeded.attrs[0]).toBe(now.graph.getEdgeAttributes(seeded.keys[0]!));
}

describe('toViewGraph', () => {
  it('gives the graph the reference gives: the fixture, from JSON and from GEXF', () => {
    same(graphOf(JSON.parse(readFileSync(FIXTURE_JSON, 'utf8'))));
    same(gexf.parse(MultiGraph, readFileSync(FIXTURE_GEXF, 'utf8'), { addMissingNodes: true, allowUndeclaredAttributes: true }));
  });

  it('gives the graph the reference gives: a render graph (numbers of articles by position, not by key)', () => {
    const { render, nodes, edges } = decodeRender(JSON.parse(JSON.stringify(encodeRender(syntheticGraph({ nodes: 1500, edges: 4000 })).render)));
    const src = new RenderSource(nodes, edges, render.attributes);
    const counts = new Map([...nodes.map((n) => [`n${n.key}`, n.articleCount] as const), ...edges.map((e) => [`e${e.key}`, e.articleCount] as const)]);
    same(src, {
      order: src.order,
      forEachNode: (cb) => src.forEachNode(cb),
      forEachEdge: (cb) => src.forEachEdge(cb),
      getAttributes: () => src.getAttributes(),
      articleCount: (w, k) => counts.get(`${w}${k}`) ?? 0,
    });
    expect(toViewGraph(src).graph.getNodeAttribute(nodes[0]!.key, 'articleCount')).toBe(nodes[0]!.articleCount);
  });

  it('gives the graph the reference gives: parallel edges both ways, self-loops, sizes and some positions missing', () => {
    const g = new MultiGraph({ type: 'mixed' });
    // (graphology itself mistakes a node named like a property of Object.prototype for a neighbour: none here)
    const keys = ['v', 'k', 'h', 't', 'a', 'b', 'c', '甲'];
    keys.forEach((k, i) => g.addNode(k, i === 3 ? { label: k } : { label: `节点${i}`, x: i, y: i * i, ...(i % 2 ? { size: 4 } : {}) }));
    let e = 0;
    const add = (s: string, t: string, relation: string, undirected = false) =>
      undirected ? g.addUndirectedEdgeWithKey(`e${e++}`, s, t, { relation }) : g.addDirectedEdgeWithKey(`e${e++}`, s, t, { relation });
    add('a', 'b', 'role');
    add('b', 'a', 'member_of');
    add('a', 'b', 'co_occurs', true);
    add('a', 'b', 'runs');
    add('v', 'k', 'role');
    add('k', 'v', 'co_occurs', true);
    add('h', 't', 'part_of');
    add('t', 'h', 'co_occurs', true);
    add('c', 'c', 'co_occurs', true);
    add('甲', '甲', 'role');
    add('甲', 'a', 'co_occurs', true);
    add('甲', 'v', 'located_in');
    same(g);
    const { graph } = toViewGraph(g);
    expect(graph.getNodeAttribute('c', 'degree')).toBe(2);
    expect(graph.getNodeAttribute('甲', 'degree')).toBe(4);
    expect(graph.neighbors('h')).toEqual(['t']);
    expect(graph.edges('v', 'k').sort()).toEqual(['e4', 'e5']);
  });

  it('gives the graph the reference gives: no positions at all (laid out)', () => {
    const bare = new MultiGraph({ type: 'mixed' });
    for (let i = 0; i < 30; i++) bare.addNode(`n${i}`, { label: `节点${i}` });
    for (let i = 1; i < 30; i++) bare.addUndirectedEdge(`n${i}`, `n${Math.floor(i / 3)}`, { relation: i % 2 ? 'co_occurs' : 'role' });
    same(bare);
  });
});
