import { describe, expect, it } from 'vitest';
import { displayWidth, formatPath, formatNeighbors, table, truncate } from '../../src/query/format.js';
import { loadGraph } from '../../src/query/load.js';
import { neighbors } from '../../src/query/neighbors.js';
import { shortestPath } from '../../src/query/path.js';
import { SAMPLE_JSON } from './helpers.js';

const g = loadGraph(SAMPLE_JSON);

describe('table formatting', () => {
  it('counts wide CJK characters as two cells', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('金宝')).toBe(4);
    expect(displayWidth('第一书记,')).toBe(9);
    expect(displayWidth('，')).toBe(2); // fullwidth comma
    expect(displayWidth('𠀀')).toBe(2); // CJK extension B, outside the BMP
  });

  it('aligns columns by display width, with no trailing blanks', () => {
    const text = table(
      ['name', 'kind'],
      [
        ['金宝', 'PERSON'],
        ['二连浩特市', 'PLACE'],
        ['ab', 'X'],
      ],
    );
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const kindColumn = lines.map((l) => displayWidth(l.slice(0, l.search(/(PERSON|PLACE|X|kind|-+)$/))));
    expect(new Set(kindColumn).size).toBe(1);
    for (const l of lines) expect(l).toBe(l.trimEnd());
  });

  it('truncates long evidence to a cell budget and flattens white space', () => {
    const long = '苏吉嘎查第一书记金宝介绍说,代加工服务只收取加工费,不仅减少了牧民的开支。';
    const cut = truncate(long, 20);
    expect(displayWidth(cut)).toBeLessThanOrEqual(20);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(truncate('a\n b', 10)).toBe('a b');
  });

  it('renders neighbors and paths with relation arrows', () => {
    const text = formatNeighbors('金宝', neighbors(g, '金宝'));
    expect(text).toMatch(/苏吉嘎查\s+PLACE\s+→ role:第一书记, — co_occurs×3/);
    expect(formatNeighbors('李四', [])).toBe('李四: no neighbors match\n');
    const deep = formatNeighbors('金宝', neighbors(g, '金宝', { depth: 2 }));
    expect(deep.split('\n')[0]).toMatch(/^depth\s+name\s+kind\s+relation\s+via\s+evidence$/);
    const path = formatPath(shortestPath(g, '苏吉嘎查党支部', '格日勒敖都苏木')!);
    expect(path).toMatch(/^苏吉嘎查党支部 — 苏吉嘎查 — 格日勒敖都苏木 {2}\(2 hops\)\n/);
    expect(formatPath(shortestPath(g, '金宝', '金宝')!)).toContain('path of length 0');
  });
});
