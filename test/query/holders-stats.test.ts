import { describe, expect, it } from 'vitest';
import { containers, holdersOf } from '../../src/query/holders.js';
import { loadGraph, parseGraph } from '../../src/query/load.js';
import { graphStats } from '../../src/query/stats.js';
import { SAMPLE_JSON } from './helpers.js';

const g = loadGraph(SAMPLE_JSON);

describe('holdersOf', () => {
  it('lists every 第一书记 with the place and its containing places', () => {
    const list = holdersOf(g, '第一书记');
    expect(list.map((h) => [h.holder.key, h.at.label, h.within.map((w) => w.label)])).toEqual([
      ['PERSON:王伟@伊和乌拉嘎查', '伊和乌拉嘎查', ['嵯岗镇', '新巴尔虎左旗', '呼伦贝尔市']],
      ['PERSON:金宝', '苏吉嘎查', ['格日勒敖都苏木', '二连浩特市', '锡林郭勒盟']],
    ]);
    expect(list.every((h) => h.title === '第一书记' && h.evidence.includes('第一书记'))).toBe(true);
  });

  it('matches substrings on request, and nothing for unknown titles', () => {
    expect(holdersOf(g, '书记')).toEqual([]); // exact by default: no role is titled just 书记
    expect(
      holdersOf(g, '书记', { match: 'substring' })
        .map((h) => h.title)
        .sort(),
    ).toEqual(['党支部书记', '第一书记', '第一书记'].sort());
    expect(holdersOf(g, '局长')).toEqual([]);
    expect(() => holdersOf(g, ' ')).toThrow(RangeError);
    expect(() => holdersOf(g, '书记', { match: 'regex' as never })).toThrow(RangeError);
  });

  it('follows containment chains without looping', () => {
    const loop = parseGraph(
      JSON.stringify({
        nodes: [{ key: 'a' }, { key: 'b' }, { key: 'c' }],
        edges: [
          { source: 'a', target: 'b', attributes: { relation: 'located_in' } },
          { source: 'b', target: 'c', attributes: { relation: 'part_of' } },
          { source: 'c', target: 'a', attributes: { relation: 'located_in' } },
        ],
      }),
    );
    expect(containers(loop, 'a')).toEqual(['b', 'c']);
    expect(containers(g, 'ORGANIZATION:苏吉嘎查党支部')).toEqual(['PLACE:苏吉嘎查', 'PLACE:格日勒敖都苏木', 'PLACE:二连浩特市', 'PLACE:锡林郭勒盟']);
  });
});

describe('graphStats', () => {
  it('counts nodes per kind and edges per relation', () => {
    const s = graphStats(g);
    expect(s.nodes).toBe(g.order);
    expect(s.edges).toBe(g.size);
    const kinds = Object.fromEntries(s.kinds);
    expect(kinds).toEqual({ PERSON: 6, PLACE: 8, ORGANIZATION: 1, PROGRAM: 1, ARTICLE: 1 });
    expect(s.kinds.reduce((n, [, c]) => n + c, 0)).toBe(g.order);
    expect(Object.fromEntries(s.relations)).toMatchObject({ located_in: 7, role: 4, co_occurs: 3 });
    expect(s.relations.reduce((n, [, c]) => n + c, 0)).toBe(g.size);
    expect(s.titles[0]).toEqual(['第一书记', 2]);
  });

  it('ranks entities by degree or pagerank, leaving articles out', () => {
    const byDegree = graphStats(g, { top: 3 });
    expect(byDegree.top.length).toBe(3);
    for (let i = 1; i < byDegree.top.length; i++) expect(byDegree.top[i - 1]!.degree).toBeGreaterThanOrEqual(byDegree.top[i]!.degree);
    expect(byDegree.top[0]!.degree).toBe(Math.max(...g.nodes().map((k) => g.degree(k))));
    const byRank = graphStats(g, { top: 100, by: 'pagerank' });
    expect(byRank.top.some((t) => t.kind === 'ARTICLE')).toBe(false);
    expect(byRank.top.length).toBe(g.order - 1);
    for (let i = 1; i < byRank.top.length; i++) expect(byRank.top[i - 1]!.pagerank).toBeGreaterThanOrEqual(byRank.top[i]!.pagerank);
    expect(graphStats(g, { top: 100, entitiesOnly: false }).top.length).toBe(g.order);
  });

  it('uses stored degree and pagerank attributes when present', () => {
    const copy = g.copy();
    copy.forEachNode((k) => copy.mergeNodeAttributes(k, { degree: 0, pagerank: k === 'PERSON:李四' ? 0.9 : 0.01 }));
    expect(graphStats(copy, { top: 1, by: 'pagerank' }).top[0]!.key).toBe('PERSON:李四');
    expect(graphStats(copy, { top: 1 }).top[0]!.degree).toBe(0);
  });

  it('rejects bad options', () => {
    expect(() => graphStats(g, { top: -1 })).toThrow(RangeError);
    expect(() => graphStats(g, { by: 'betweenness' as never })).toThrow(RangeError);
  });
});
