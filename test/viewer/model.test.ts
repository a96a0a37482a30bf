import { readFileSync } from 'node:fs';
import { MultiGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import gexf from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { kindCounts, relationCounts, stringList, toViewGraph } from '../../viewer/src/model.js';
import { FIXTURE_GEXF, FIXTURE_JSON } from './helpers.js';

function fixture(): MultiGraph {
  const g = new MultiGraph({ type: 'mixed' });
  g.import(JSON.parse(readFileSync(FIXTURE_JSON, 'utf8')) as SerializedGraph);
  return g;
}

describe('viewer graph model', () => {
  it('keeps nodes, edges and attributes of a contract graph', () => {
    const src = fixture();
    const { graph, articles } = toViewGraph(src);
    expect(graph.order).toBe(src.order);
    expect(graph.size).toBe(src.size);
    expect(graph.getNodeAttributes('org:苏吉嘎查党支部')).toMatchObject({ label: '苏吉嘎查党支部', kind: 'ORGANIZATION', aliases: ['嘎查党支部'] });
    expect(graph.getNodeAttribute('person:金宝', 'evidence')[0]?.sentence).toContain('金宝');
    expect(articles.get('a7')?.title).toBe('增收路上 我引路');
    // the input is not touched
    expect(src.getEdgeAttribute('e0', 'type')).toBeUndefined();
  });

  it('curves parallel edges apart and leaves single edges straight', () => {
    const { graph } = toViewGraph(fixture());
    const role = graph.getEdgeAttributes('e0');
    const co = graph.getEdgeAttributes('e1');
    expect(role.type).toBe('curvedArrow');
    expect(co.type).toBe('curved');
    expect(role.curvature).not.toBe(co.curvature);
    expect(graph.getEdgeAttribute('e3', 'type')).toBe('arrow');
    expect(graph.getEdgeAttribute('e13', 'type')).toBe('line');
  });

  it('orders the legend by the contract and co_occurs last', () => {
    const { graph } = toViewGraph(fixture());
    expect(kindCounts(graph).map((k) => k.kind)).toEqual(['PERSON', 'ORGANIZATION', 'PLACE', 'PROGRAM', 'ARTICLE']);
    expect(kindCounts(graph).find((k) => k.kind === 'PLACE')?.count).toBe(7);
    const rels = relationCounts(graph).map((r) => r.relation);
    expect(rels[rels.length - 1]).toBe('co_occurs');
    expect(rels[0]).toBe('role');
  });

  it('reads a GEXF whose lists are strings and which uses `type` for the kind', () => {
    const parsed = gexf.parse(MultiGraph, readFileSync(FIXTURE_GEXF, 'utf8'), { addMissingNodes: true, allowUndeclaredAttributes: true });
    parsed.forEachNode((n, a) => {
      parsed.setNodeAttribute(n, 'type', a.kind);
      parsed.removeNodeAttribute(n, 'kind');
    });
    const { graph } = toViewGraph(parsed);
    expect(graph.getNodeAttribute('place:新巴尔虎左旗', 'aliases')).toEqual(['新左旗']);
    expect(graph.getNodeAttribute('place:新巴尔虎左旗', 'kind')).toBe('PLACE');
    expect(graph.getEdgeAttribute('e0', 'evidence')[0]?.sentence).toContain('金宝');
    graph.forEachNode((_n, a) => expect(a.type).toBeUndefined());
  });

  it("reads zhkg's own GEXF export back: lists, undirected flags, evidence", async () => {
    const { toGexf } = await import('../../src/export/index.js');
    const src = fixture();
    const parsed = gexf.parse(MultiGraph, toGexf(src), { addMissingNodes: true, allowUndeclaredAttributes: true });
    const { graph } = toViewGraph(parsed);
    expect(graph.order).toBe(src.order);
    expect(graph.size).toBe(src.size);
    expect(graph.getNodeAttribute('place:新巴尔虎左旗', 'aliases')).toEqual(['新左旗']);
    expect(graph.getNodeAttribute('person:金宝', 'evidence')[0]?.sentence).toContain('金宝');
    src.forEachEdge((e, _a, _s, _t, _sa, _ta, undirected) => {
      expect(graph.getEdgeAttribute(e, 'directed'), e).toBe(!undirected);
      expect(graph.getEdgeAttribute(e, 'relation'), e).toBe(src.getEdgeAttribute(e, 'relation'));
    });
  });

  it('lays out a graph without positions, deterministically and without NaN', () => {
    const bare = new MultiGraph({ type: 'mixed' });
    for (let i = 0; i < 20; i++) bare.addNode(`n${i}`, { label: `节点${i}` });
    for (let i = 1; i < 20; i++) bare.addUndirectedEdge(`n${i}`, `n${Math.floor(i / 2)}`);
    const a = toViewGraph(bare).graph;
    const b = toViewGraph(bare).graph;
    const pos = new Set<string>();
    a.forEachNode((n, at) => {
      expect(Number.isFinite(at.x) && Number.isFinite(at.y) && at.size > 0).toBe(true);
      expect(b.getNodeAttribute(n, 'x')).toBe(at.x);
      pos.add(`${at.x.toFixed(3)},${at.y.toFixed(3)}`);
    });
    expect(pos.size).toBe(20);
    expect(a.getEdgeAttribute(a.edges()[0]!, 'relation')).toBe('edge');
  });

  it('parses lists from arrays, JSON strings and separators', () => {
    expect(stringList(['a', 1, null, ''])).toEqual(['a', '1']);
    expect(stringList('["甲","乙"]')).toEqual(['甲', '乙']);
    expect(stringList('甲|乙; 丙')).toEqual(['甲', '乙', '丙']);
    expect(stringList('[broken')).toEqual(['[broken']);
    expect(stringList(undefined)).toEqual([]);
  });
});
