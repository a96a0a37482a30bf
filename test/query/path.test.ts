import { describe, expect, it } from 'vitest';
import { AmbiguousEntityError, UnknownEntityError } from '../../src/query/find.js';
import { loadGraph, parseGraph } from '../../src/query/load.js';
import { shortestPath } from '../../src/query/path.js';
import { SAMPLE_JSON } from './helpers.js';

const g = loadGraph(SAMPLE_JSON);

describe('shortestPath', () => {
  it('follows the located_in chain with relation, label and evidence of each hop', () => {
    const p = shortestPath(g, '金宝', '锡林郭勒盟')!;
    expect(p.nodes.map((n) => n.label)).toEqual(['金宝', '苏吉嘎查', '格日勒敖都苏木', '二连浩特市', '锡林郭勒盟']);
    expect(p.hops.map((h) => [h.edge.relation, h.edge.label, h.edge.direction])).toEqual([
      ['role', '第一书记', 'out'],
      ['located_in', '位于', 'out'],
      ['located_in', '位于', 'out'],
      ['located_in', '位于', 'out'],
    ]);
    expect(p.hops[0]!.edge.evidence).toContain('第一书记金宝');
    expect(p.usesCoOccurs).toBe(false);
  });

  it('prefers a longer typed path to a co-occurrence shortcut', () => {
    // 金宝 and 王伟@苏吉嘎查 co-occur (1 hop); the typed path is 金宝 → 苏吉嘎查 ← 苏吉嘎查党支部 ← 王伟
    const p = shortestPath(g, '金宝', 'PERSON:王伟@苏吉嘎查')!;
    expect(p.nodes.map((n) => n.key)).toEqual(['PERSON:金宝', 'PLACE:苏吉嘎查', 'ORGANIZATION:苏吉嘎查党支部', 'PERSON:王伟@苏吉嘎查']);
    expect(p.hops.map((h) => h.edge.direction)).toEqual(['out', 'in', 'in']);
    expect(p.usesCoOccurs).toBe(false);
    const equal = shortestPath(g, '金宝', 'PERSON:王伟@苏吉嘎查', { coOccurs: 'equal' })!;
    expect(equal.hops.map((h) => h.edge.relation)).toEqual(['co_occurs']);
    expect(equal.usesCoOccurs).toBe(true);
  });

  it('falls back to co-occurrence only where no typed path exists, using as few such hops as possible', () => {
    const p = shortestPath(g, '金宝', 'PERSON:王伟@伊和乌拉嘎查')!;
    expect(p.usesCoOccurs).toBe(true);
    expect(p.hops.filter((h) => h.edge.relation === 'co_occurs').map((h) => [h.from.label, h.to.label])).toEqual([['二连浩特市', '呼伦贝尔市']]);
    expect(p.nodes.at(-1)!.key).toBe('PERSON:王伟@伊和乌拉嘎查');
    expect(shortestPath(g, '金宝', 'PERSON:王伟@伊和乌拉嘎查', { coOccurs: 'never' })).toBeNull();
  });

  it('returns null when unconnected, a zero-hop path for the same entity, and throws on bad names', () => {
    expect(shortestPath(g, '金宝', '李四')).toBeNull();
    const same = shortestPath(g, '金宝', 'PERSON:金宝')!;
    expect(same.nodes.map((n) => n.key)).toEqual(['PERSON:金宝']);
    expect(same.hops).toEqual([]);
    expect(() => shortestPath(g, '金宝', '张三')).toThrow(UnknownEntityError);
    expect(() => shortestPath(g, '王伟', '金宝')).toThrow(AmbiguousEntityError);
    expect(() => shortestPath(g, '金宝', '李四', { coOccurs: 'sometimes' as never })).toThrow(RangeError);
  });

  it('every hop joins consecutive path nodes by a real edge of the graph', () => {
    const names = ['金宝', '新左旗', '萨仁', '及庆玲', '驻村工作队', '嵯岗镇'];
    for (const a of names) {
      for (const b of names) {
        const p = shortestPath(g, a, b);
        if (!p) continue;
        expect(p.hops.length).toBe(p.nodes.length - 1);
        p.hops.forEach((h, i) => {
          expect(h.from.key).toBe(p.nodes[i]!.key);
          expect(h.to.key).toBe(p.nodes[i + 1]!.key);
          expect(new Set([g.source(h.edge.key), g.target(h.edge.key)])).toEqual(new Set([h.from.key, h.to.key]));
        });
        // symmetric length: direction is ignored
        expect(shortestPath(g, b, a)!.hops.length).toBe(p.hops.length);
      }
    }
  });

  it('works on a directed-only graph regardless of edge direction', () => {
    const d = parseGraph(
      JSON.stringify({
        options: { type: 'directed' },
        nodes: [
          { key: 'a', attributes: { label: '甲' } },
          { key: 'b', attributes: { label: '乙' } },
          { key: 'c', attributes: { label: '丙' } },
        ],
        edges: [
          { source: 'a', target: 'b', attributes: { relation: 'member_of', label: '成员' } },
          { source: 'c', target: 'b', attributes: { relation: 'member_of', label: '成员' } },
        ],
      }),
    );
    expect(shortestPath(d, '甲', '丙')!.nodes.map((n) => n.key)).toEqual(['a', 'b', 'c']);
  });
});
