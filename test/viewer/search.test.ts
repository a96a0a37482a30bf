import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, normalizeQuery, search, type SearchableNode } from '../../viewer/src/search.js';

const nodes: SearchableNode[] = [
  { key: 'p', label: '苏吉嘎查', aliases: ['苏吉'], weight: 5 },
  { key: 'o', label: '苏吉嘎查党支部', aliases: ['嘎查党支部'], weight: 2 },
  { key: 'x', label: '新巴尔虎左旗', aliases: ['新左旗'], weight: 1 },
  { key: 'k', label: '金宝', aliases: [], weight: 2 },
  { key: 'h', label: '<img src=x onerror=alert(1)>', aliases: [], weight: 0 },
];
const index = buildSearchIndex(nodes);

describe('viewer search', () => {
  it('finds a substring inside a longer Chinese name (嘎查 in 苏吉嘎查党支部)', () => {
    const keys = search(index, '嘎查').map((h) => h.node);
    expect(keys).toContain('o');
    expect(keys).toContain('p');
  });

  it('matches aliases and reports which alias matched', () => {
    const [hit] = search(index, '新左旗');
    expect(hit).toMatchObject({ node: 'x', label: '新巴尔虎左旗', alias: '新左旗' });
  });

  it('ranks an exact label before a prefix before an inner match', () => {
    expect(search(index, '苏吉嘎查').map((h) => h.node)).toEqual(['p', 'o']);
    // 党支部: prefix of alias? no: inner in both label and alias of o only
    expect(search(index, '党支部').map((h) => h.node)).toEqual(['o']);
  });

  it('ignores spaces (PDF damage) and folds full-width forms', () => {
    expect(search(index, '苏吉 嘎查')[0]?.node).toBe('p');
    expect(normalizeQuery('ＡＢＣ１')).toBe('abc1');
    expect(search(index, '＜img')[0]?.node).toBe('h');
  });

  it('returns nothing for an empty query and honours the limit', () => {
    expect(search(index, '   ')).toEqual([]);
    expect(search(index, '苏', 1)).toHaveLength(1);
  });

  it('rejects a bad limit', () => {
    expect(() => search(index, '苏', 0)).toThrow(RangeError);
    expect(() => search(index, '苏', 1.5)).toThrow(RangeError);
  });

  it('is sound and complete: every hit contains the query, every containing node is a hit', () => {
    const word = fc.array(fc.constantFrom('苏', '吉', '嘎', '查', '党', '金', '宝', 'a', 'b'), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(fc.record({ label: word, aliases: fc.array(word, { maxLength: 2 }) }), { minLength: 1, maxLength: 12 }), word, (raw, q) => {
        const ns = raw.map((r, i) => ({ key: `n${i}`, label: r.label, aliases: r.aliases, weight: i }));
        const hits = search(buildSearchIndex(ns), q, 1000);
        const expected = ns
          .filter((n) => [n.label, ...n.aliases].some((s) => s.includes(q)))
          .map((n) => n.key)
          .sort();
        expect(hits.map((h) => h.node).sort()).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
