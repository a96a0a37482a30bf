import { describe, expect, it } from 'vitest';
import {
  macroAverage,
  parseGenreGold,
  pooledByKind,
  pooledByType,
  scoreGenreArticle,
  scoreGenreRelations,
  summarize,
  type GenreEdge,
  type GenreGold,
  type GenreNode,
} from '../../src/eval/genre.js';
import { prf } from '../../src/eval/bio.js';

// Synthetic gold and graph (names made up for the test).
function gold(script: 'simplified' | 'traditional' = 'simplified'): GenreGold {
  return parseGenreGold(
    {
      source: { url: 'u', title: 't', date: null, script, first_line: 't', sha256: '', chars: 1 },
      entities: [
        { name: '张甲', type: 'PERSON', aliases: [] },
        { name: '东风村党支部', type: 'ORGANIZATION', aliases: ['村党支部'] },
        { name: '东风村', type: 'PLACE', aliases: ['東風村'] },
        { name: '西河县', type: 'PLACE', aliases: [] },
        { name: '红旗工程', type: 'PROGRAM', aliases: [] },
      ],
      relations: [
        { source: '张甲', target: '东风村党支部', type: 'role', label: '书记', alt_targets: ['东风村'] },
        { source: '东风村', target: '西河县', type: 'located_in', label: '位于' },
        { source: '东风村党支部', target: '红旗工程', type: 'runs', label: '组织' },
      ],
    },
    'synthetic',
  );
}

const node = (key: string, kind: string, label: string, aliases: string[] = []): GenreNode => ({ key, kind, label, aliases });

const nodes: GenreNode[] = [
  node('a', 'ARTICLE', '标题'),
  node('p', 'PERSON', '张甲'),
  node('v', 'PLACE', '東風村', ['东风村']), // traditional label, simplified alias
  node('c', 'PLACE', '西河县'),
  node('x', 'PERSON', '河县'), // spurious
  node('o', 'PLACE', '村党支部'), // a gold name of another kind: wrong
];

const edges: GenreEdge[] = [
  { source: 'p', target: 'v', relation: 'role' }, // alt target: correct
  { source: 'p', target: 'v', relation: 'role' }, // a second label between the same nodes: counted once
  { source: 'v', target: 'c', relation: 'located_in' }, // correct
  { source: 'v', target: 'c', relation: 'co_occurs' }, // not a relation
  { source: 'p', target: 'a', relation: 'authored' }, // ARTICLE end: not scored
  { source: 'x', target: 'c', relation: 'located_in' }, // unmatched source: wrong
  { source: 'c', target: 'v', relation: 'located_in' }, // reversed: wrong
];

describe('genre scoring', () => {
  it('scores entities by kind and name, ignoring ARTICLE nodes', () => {
    const s = scoreGenreArticle('g99', gold(), nodes, edges);
    // Found: 张甲, 东风村 (by its alias), 西河县; missed: 东风村党支部 (predicted as PLACE), 红旗工程.
    expect(s.entities.missed.map((e) => e.name).sort()).toEqual(['东风村党支部', '红旗工程']);
    expect(s.entities.spurious.map((e) => e.names[0]).sort()).toEqual(['村党支部', '河县']);
    expect(s.entities.overall.tp).toBe(3);
    expect(s.entities.overall.fp).toBe(2);
    expect(s.entities.overall.fn).toBe(2);
    expect(s.entities.overall.precision).toBeCloseTo(3 / 5);
    expect(s.entities.overall.recall).toBeCloseTo(3 / 5);
    expect(s.gold.byKind.PLACE).toBe(2);
  });

  it('scores typed edges between matched nodes, alt targets accepted, labels and co_occurs ignored', () => {
    const r = scoreGenreRelations(gold(), nodes, edges);
    expect(r.overall.tp).toBe(2);
    expect(r.overall.fp).toBe(2);
    expect(r.overall.fn).toBe(1);
    expect(r.missed).toEqual(['东风村党支部 -runs-> 红旗工程']);
    expect(r.spurious).toEqual(['河县? -located_in-> 西河县', '西河县 -located_in-> 東風村']);
    expect(r.byType['role']!.f1).toBe(1);
    expect(r.byType['located_in']!.precision).toBeCloseTo(1 / 3);
    expect(r.byType['authored']).toBeUndefined();
    expect(r.byType['co_occurs']).toBeUndefined();
  });

  it('an empty graph finds nothing and invents nothing', () => {
    const s = scoreGenreArticle('g98', gold(), [], []);
    expect(s.entities.overall).toMatchObject({ tp: 0, fp: 0, fn: 5, f1: 0 });
    expect(s.relations.overall).toMatchObject({ tp: 0, fp: 0, fn: 3, f1: 0 });
  });

  it('averages per article (macro) and pools per kind and type (micro)', () => {
    const a = scoreGenreArticle('g01', gold(), nodes, edges);
    const b = scoreGenreArticle('g02', gold('traditional'), [], []);
    const sum = summarize([a, b]);
    expect(sum.entities.articles).toBe(2);
    expect(sum.entities.f1).toBeCloseTo((a.entities.overall.f1 + 0) / 2);
    expect(sum.relations.recall).toBeCloseTo((2 / 3 + 0) / 2);
    const kinds = pooledByKind([a, b]);
    expect(kinds.PLACE.recall).toBeCloseTo(2 / 4); // 2 of the 4 gold PLACEs over both articles
    expect(kinds.PROGRAM.recall).toBe(0);
    expect(pooledByType([a, b])['role']!.recall).toBeCloseTo(1 / 2);
    expect(macroAverage([prf(1, 0, 0), prf(0, 1, 1)]).f1).toBeCloseTo(0.5);
  });

  it('rejects a gold file whose relation names an unknown entity', () => {
    const bad = { ...gold(), relations: [{ source: '张甲', target: '无名', type: 'role', label: '' }] };
    expect(() => parseGenreGold(bad, 'bad.json')).toThrow(/bad.json: bad relation/);
  });
});
