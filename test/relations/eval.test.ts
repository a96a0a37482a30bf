import { describe, expect, it } from 'vitest';
import { scoreRelations, type GoldData } from '../../src/eval/relations.js';

const gold: GoldData = {
  documents: [{ id: 'a1', title: 't' }],
  entities: [
    { name: '王晓光', type: 'PERSON', aliases: [], docs: ['a1'] },
    { name: '十里铺村党支部', type: 'ORGANIZATION', aliases: [], docs: ['a1'] },
    { name: '十里铺村', type: 'PLACE', aliases: [], docs: ['a1'] },
    { name: '新巴尔虎左旗', type: 'PLACE', aliases: ['新左旗'], docs: ['a1'] },
    { name: '呼伦贝尔市', type: 'PLACE', aliases: [], docs: ['a1'] },
  ],
  relations: [
    { source: '王晓光', target: '十里铺村党支部', type: 'role', label: '书记', doc: 'a1', alt_targets: ['十里铺村'] },
    { source: '新巴尔虎左旗', target: '呼伦贝尔市', type: 'located_in', label: '位于', doc: 'a1' },
    { source: '王晓光', target: 'a1', type: 'authored', label: '撰稿', doc: 'a1' },
  ],
};

const node = (key: string, label: string, aliases: string[] = []) => ({ key, label, kind: 'X', aliases });

describe('scoreRelations', () => {
  it('matches by gold names (aliases count), accepts alt targets, ignores co_occurs, counts fp and fn', () => {
    const nodes = [node('p', '王晓光'), node('v', '十里铺村'), node('b', '十里铺村党支部'), node('q', '新左旗'), node('h', '呼伦贝尔市'), node('A', 'title')];
    const edges = [
      { source: 'p', target: 'v', relation: 'role' },
      { source: 'p', target: 'b', relation: 'role' },
      { source: 'q', target: 'h', relation: 'located_in' },
      { source: 'h', target: 'q', relation: 'located_in' },
      { source: 'p', target: 'h', relation: 'co_occurs' },
    ];
    const s = scoreRelations(gold, nodes, edges, new Map([['A', 'a1']]));
    expect(s.byType['role']).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(s.byType['located_in']).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(s.overall).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(s.overall.precision).toBeCloseTo(2 / 3);
    expect(s.overall.recall).toBeCloseTo(2 / 3);
    expect(s.missing).toEqual(['王晓光 -authored-> a1']);
    expect(s.spurious).toEqual(['呼伦贝尔市 -located_in-> 新巴尔虎左旗']);
  });

  it('rejects a gold file without relations', () => {
    expect(() => scoreRelations({} as never, [], [], new Map())).toThrow(TypeError);
  });
});
