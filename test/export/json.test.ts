/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return --
   graphology's attributes and networkx's JSON summary are untyped here; the assertions are what check their shape. */
import { describe, expect, it } from 'vitest';
import { MultiGraph } from 'graphology';
import { toJSON } from '../../src/export/index.js';
import { buildSampleGraph } from './graph-fixture.js';

describe('toJSON', () => {
  it('is graphology serialization: MultiGraph.from gives back the same graph, full evidence included', () => {
    const g = buildSampleGraph();
    const back = MultiGraph.from(JSON.parse(toJSON(g)));
    expect(back.type).toBe('mixed');
    expect(back.multi).toBe(true);
    expect(back.getAttributes()).toEqual(g.getAttributes());
    expect(back.nodes()).toEqual(g.nodes());
    expect(back.edges()).toEqual(g.edges());
    g.forEachNode((key, attrs) => expect(back.getNodeAttributes(key)).toEqual(attrs));
    g.forEachEdge((key, attrs, source, target, _s, _t, undirected) => {
      expect(back.getEdgeAttributes(key)).toEqual(attrs);
      expect([back.source(key), back.target(key), back.isUndirected(key)]).toEqual([source, target, undirected]);
    });
    expect(back.getEdgeAttribute('co_occurs:PERSON:金宝--PLACE:苏吉嘎查', 'evidenceList')).toHaveLength(2);
  });

  it('writes one line per node and per edge, keys first, attribute keys sorted', () => {
    const g = buildSampleGraph();
    const lines = toJSON(g).split('\n');
    const nodesAt = lines.indexOf('"nodes":[');
    const edgesAt = lines.indexOf('"edges":[');
    expect(nodesAt).toBeGreaterThan(0);
    const nodeLines = lines.slice(nodesAt + 1, nodesAt + 1 + g.order);
    const edgeLines = lines.slice(edgesAt + 1, edgesAt + 1 + g.size);
    expect(lines[nodesAt + 1 + g.order]).toBe('],');
    expect(lines[edgesAt + 1 + g.size]).toBe(']}');
    expect(nodeLines.map((l) => JSON.parse(l.replace(/,$/, '')).key)).toEqual(g.nodes());
    expect(edgeLines.map((l) => JSON.parse(l.replace(/,$/, '')).key)).toEqual(g.edges());
    const attrs = JSON.parse(nodeLines[0]!.replace(/,$/, '')).attributes as Record<string, unknown>;
    expect(Object.keys(attrs)).toEqual([...Object.keys(attrs)].sort());
  });

  it('is deterministic and independent of attribute insertion order', () => {
    const a = buildSampleGraph();
    const b = buildSampleGraph();
    b.forEachNode((key, attrs) => b.replaceNodeAttributes(key, Object.fromEntries(Object.entries(attrs).reverse())));
    expect(toJSON(b)).toBe(toJSON(a));
  });

  it('keeps hostile strings intact and valid (lone surrogates escaped)', () => {
    const g = new MultiGraph();
    const nasty = '<script>]]>\u0001\uD800 "q" \\ \u2028';
    g.addNode(nasty, { label: nasty, set: new Set(['x']), typed: new Int32Array([1, 2]) });
    const text = toJSON(g);
    expect(text).toContain('\\ud800');
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(text)).toBe(false);
    const back = MultiGraph.from(JSON.parse(text));
    expect(back.getNodeAttribute(nasty, 'label')).toBe(nasty);
    expect(back.getNodeAttribute(nasty, 'set')).toEqual(['x']);
    expect(back.getNodeAttribute(nasty, 'typed')).toEqual([1, 2]);
  });

  it('handles an empty graph and rejects non-graphs', () => {
    const empty = JSON.parse(toJSON(new MultiGraph()));
    expect(empty).toMatchObject({ nodes: [], edges: [], attributes: {} });
    expect(() => toJSON(undefined as unknown as MultiGraph)).toThrow(TypeError);
  });
});
