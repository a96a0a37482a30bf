import Graph from 'graphology';
import fc from 'fast-check';
import { write as writeGexf } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { toGexf } from '../../src/export/index.js';
import { egoNetwork } from '../../src/query/ego.js';
import { AmbiguousEntityError, UnknownEntityError } from '../../src/query/find.js';
import { loadGraph, parseGraph } from '../../src/query/load.js';
import { neighbors } from '../../src/query/neighbors.js';
import { SAMPLE_JSON } from './helpers.js';

const g = loadGraph(SAMPLE_JSON);

describe('neighbors', () => {
  it('lists direct neighbors with relation, label and evidence, typed relations first', () => {
    const list = neighbors(g, '金宝');
    // typed relations first (then code-point order of labels: 苏 U+82CF < 驻 U+9A7B), co_occurs-only last
    expect(list.map((n) => n.key)).toEqual(['PLACE:苏吉嘎查', 'PROGRAM:驻村工作队', 'PERSON:王伟@苏吉嘎查']);
    const sujig = list.find((n) => n.key === 'PLACE:苏吉嘎查')!;
    expect(sujig.depth).toBe(1);
    expect(sujig.via).toBe('PERSON:金宝');
    expect(sujig.edges.map((e) => [e.relation, e.label, e.direction])).toEqual([
      ['role', '第一书记', 'out'],
      ['co_occurs', '共现', 'undirected'],
    ]);
    expect(sujig.edges[0]!.evidence).toContain('第一书记金宝');
    expect(list.find((n) => n.key === 'PERSON:王伟@苏吉嘎查')!.edges.map((e) => e.relation)).toEqual(['co_occurs']);
  });

  it('follows only the given relations for k hops, and reports only the given kinds', () => {
    const up = neighbors(g, '金宝', { relation: ['role', 'located_in'], direction: 'out', depth: 5 });
    expect(up.map((n) => [n.label, n.depth])).toEqual([
      ['苏吉嘎查', 1],
      ['格日勒敖都苏木', 2],
      ['二连浩特市', 3],
      ['锡林郭勒盟', 4],
    ]);
    expect(up[3]!.via).toBe('PLACE:二连浩特市');
    const people = neighbors(g, '苏吉嘎查', { kind: 'PERSON', depth: 2, relation: ['role', 'located_in'] });
    expect(people.map((n) => [n.key, n.depth])).toEqual([
      ['PERSON:金宝', 1],
      ['PERSON:王伟@苏吉嘎查', 2],
    ]);
  });

  it('respects direction: in-edges only with direction in', () => {
    const inbound = neighbors(g, '苏吉嘎查', { direction: 'in' });
    expect(inbound.map((n) => n.key).sort()).toEqual(['ORGANIZATION:苏吉嘎查党支部', 'PERSON:金宝']);
    // 金宝 reaches 苏吉嘎查 by an out-edge (role) and an undirected one (co_occurs): both count as "in"
    expect(inbound.find((n) => n.key === 'PERSON:金宝')!.edges.map((e) => e.direction)).toEqual(['in', 'undirected']);
    const outbound = neighbors(g, '苏吉嘎查', { direction: 'out' });
    expect(outbound.map((n) => n.key).sort()).toEqual(['PERSON:金宝', 'PLACE:格日勒敖都苏木']);
    expect(outbound.find((n) => n.key === 'PERSON:金宝')!.edges.map((e) => e.relation)).toEqual(['co_occurs']);
  });

  it('returns nothing for an isolated entity, and throws on bad names and arguments', () => {
    expect(neighbors(g, '李四')).toEqual([]);
    expect(() => neighbors(g, '张三')).toThrow(UnknownEntityError);
    expect(() => neighbors(g, '王伟')).toThrow(AmbiguousEntityError);
    expect(() => neighbors(g, '金宝', { depth: 0 })).toThrow(RangeError);
    expect(() => neighbors(g, '金宝', { depth: 1.5 })).toThrow(RangeError);
    expect(() => neighbors(g, '金宝', { direction: 'up' as never })).toThrow(RangeError);
  });

  it('does not depend on the order in which nodes and edges were stored', () => {
    const data = g.export();
    const query = (graph: Graph) => JSON.stringify(neighbors(graph, '苏吉嘎查', { depth: 3 }).map((n) => [n.key, n.depth, n.edges.map((e) => e.key)]));
    const expected = query(g);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (seeds) => {
        const shuffle = <T>(list: T[]): T[] =>
          list
            .map((item, i) => [seeds[i % seeds.length]! * 1000 + i, item] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, item]) => item);
        const shuffled = parseGraph(JSON.stringify({ ...data, nodes: shuffle(data.nodes), edges: shuffle(data.edges) }));
        return query(shuffled) === expected;
      }),
      { numRuns: 30 },
    );
  });
});

describe('egoNetwork', () => {
  it('returns the induced subgraph with attributes, exportable to GEXF', () => {
    const ego = egoNetwork(g, '苏吉嘎查', 1);
    expect(ego).not.toBe(g);
    expect(ego.nodes().sort()).toEqual(['ORGANIZATION:苏吉嘎查党支部', 'PERSON:金宝', 'PLACE:格日勒敖都苏木', 'PLACE:苏吉嘎查'].sort());
    // induced: every edge of g among these nodes, no other
    const keep = new Set(ego.nodes());
    const expectedEdges = g.filterEdges((_e, _a, s, t) => keep.has(s) && keep.has(t)).sort();
    expect(ego.edges().sort()).toEqual(expectedEdges);
    expect(ego.getNodeAttribute('PLACE:苏吉嘎查', 'kind')).toBe('PLACE');
    expect(ego.getAttribute('ego')).toBe('PLACE:苏吉嘎查');
    ego.setNodeAttribute('PLACE:苏吉嘎查', 'kind', 'CHANGED');
    expect(g.getNodeAttribute('PLACE:苏吉嘎查', 'kind')).toBe('PLACE');

    // as zhkg writes GEXF, and as plain graphology-gexf does (empty lists: <attvalue for="aliases"/>)
    for (const text of [toGexf(ego), writeGexf(ego)]) {
      const back = parseGraph(text);
      expect(back.order).toBe(ego.order);
      expect(back.size).toBe(ego.size);
      expect(back.getNodeAttribute('PLACE:格日勒敖都苏木', 'aliases')).toEqual(['格日勒敖都']);
      expect(back.getNodeAttribute('PLACE:苏吉嘎查', 'aliases')).toEqual([]);
    }
  });

  it('grows with depth and honours the relation filter', () => {
    expect(egoNetwork(g, '金宝', 2).order).toBeGreaterThan(egoNetwork(g, '金宝', 1).order);
    expect(egoNetwork(g, '金宝', 1, { relation: 'role' }).nodes().sort()).toEqual(['PERSON:金宝', 'PLACE:苏吉嘎查']);
    expect(egoNetwork(g, '李四', 3).nodes()).toEqual(['PERSON:李四']);
    expect(() => egoNetwork(g, '金宝', 0)).toThrow(RangeError);
  });
});

describe('cached views', () => {
  it('see changes to the graph made after a first query', () => {
    const copy = loadGraph(SAMPLE_JSON);
    expect(neighbors(copy, '李四')).toEqual([]);
    expect(neighbors(copy, '李四', { relation: 'member_of' })).toEqual([]);
    copy.addDirectedEdge('PERSON:李四', 'ORGANIZATION:苏吉嘎查党支部', { relation: 'member_of', label: '成员' });
    expect(neighbors(copy, '李四').map((n) => n.key)).toEqual(['ORGANIZATION:苏吉嘎查党支部']);
    expect(neighbors(copy, '李四', { relation: 'member_of' }).map((n) => n.key)).toEqual(['ORGANIZATION:苏吉嘎查党支部']);
    const edge = copy.edges('PERSON:李四', 'ORGANIZATION:苏吉嘎查党支部')[0]!;
    copy.setEdgeAttribute(edge, 'relation', 'role');
    expect(neighbors(copy, '李四', { relation: 'member_of' })).toEqual([]);
    copy.dropEdge(edge);
    expect(neighbors(copy, '李四')).toEqual([]);
  });
});
