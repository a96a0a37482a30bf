import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiGraph } from 'graphology';
import { normalizePeriod, periodBound, periodView } from '../../src/query/period.js';
import { attestedIn, inPeriod, overlaps } from '../../src/query/attested.js';
import { timeline, formatTimeline } from '../../src/query/timeline.js';
import { neighbors } from '../../src/query/neighbors.js';
import { shortestPath } from '../../src/query/path.js';
import { holdersOf } from '../../src/query/holders.js';
import { graphStats } from '../../src/query/stats.js';
import { egoNetwork } from '../../src/query/ego.js';
import { toGexf, toJSON, fromGexf } from '../../src/export/index.js';
import { runCliHere } from '../helpers/cli.js';

/**
 * A hand-made dated graph: 张三 was 第一书记 of 甲村 (reported 2020-02-03 and 2020-02-04), 李四 is
 * (2021-05-01); 甲村 lies in 乙镇 (2020-02-03); 王五 co-occurs with 李四 (2021-05-01); an undated
 * article links 王五 to 乙镇.
 */
function sample(): MultiGraph {
  const g = new MultiGraph();
  g.setAttribute('articles', [
    { id: 'a#1', title: '甲村换届', date: '2020-02-03', date_source: 'filename', url: 'https://example.org/1' },
    { id: 'a#2', title: '甲村春耕', date: '2020-02-04', date_source: 'header' },
    { id: 'b#1', title: '甲村新书记', date: '2021-05-01', date_source: 'metadata', url: 'https://example.org/3' },
    { id: 'c#1', title: '无日期', section: '' },
  ]);
  const node = (key: string, label: string, kind: string, articles: string[], dates: string[]) =>
    g.addNode(key, { label, kind, aliases: [], articles, degree: 99, ...(dates.length ? { dates, first_seen: dates[0], last_seen: dates.at(-1) } : {}) });
  node('PERSON:张三', '张三', 'PERSON', ['a#1', 'a#2'], ['2020-02-03', '2020-02-04']);
  node('PERSON:李四', '李四', 'PERSON', ['b#1'], ['2021-05-01']);
  node('PERSON:王五', '王五', 'PERSON', ['b#1', 'c#1'], ['2021-05-01']);
  node('PLACE:甲村', '甲村', 'PLACE', ['a#1', 'a#2', 'b#1'], ['2020-02-03', '2020-02-04', '2021-05-01']);
  node('PLACE:乙镇', '乙镇', 'PLACE', ['a#1', 'c#1'], ['2020-02-03']);
  const ev = (article: string, sentence: string, date?: string) => ({ article, sentence, spans: [], sourceSpans: [], source: 'x', ...(date ? { date } : {}) });
  const edge = (key: string, s: string, t: string, relation: string, label: string, evidence: ReturnType<typeof ev>[], undirected = false) => {
    const dates = [...new Set(evidence.flatMap((e) => (e.date ? [e.date] : [])))].sort();
    const attrs = {
      relation,
      label,
      weight: evidence.length,
      articles: [...new Set(evidence.map((e) => e.article))].sort(),
      evidence: evidence[0]!.sentence,
      evidenceList: evidence,
      ...(dates.length ? { dates, first_seen: dates[0], last_seen: dates.at(-1) } : {}),
    };
    if (undirected) g.addUndirectedEdgeWithKey(key, s, t, attrs);
    else g.addDirectedEdgeWithKey(key, s, t, attrs);
  };
  edge('r1', 'PERSON:张三', 'PLACE:甲村', 'role', '第一书记', [
    ev('a#1', '张三任甲村第一书记。', '2020-02-03'),
    ev('a#2', '甲村第一书记张三带领群众春耕。', '2020-02-04'),
  ]);
  edge('r2', 'PERSON:李四', 'PLACE:甲村', 'role', '第一书记', [ev('b#1', '李四接任甲村第一书记。', '2021-05-01')]);
  edge('l1', 'PLACE:甲村', 'PLACE:乙镇', 'located_in', '位于', [ev('a#1', '乙镇甲村。', '2020-02-03')]);
  edge('c1', 'PERSON:李四', 'PERSON:王五', 'co_occurs', '共现', [ev('b#1', '李四和王五走访农户。', '2021-05-01')], true);
  edge('c2', 'PERSON:王五', 'PLACE:乙镇', 'co_occurs', '共现', [ev('c#1', '王五来到乙镇。')], true);
  return g;
}

describe('period bounds', () => {
  it('reads YYYY, YYYY-MM, YYYY-MM-DD as the first or last day', () => {
    expect(periodBound('2020', false)).toBe('2020-01-01');
    expect(periodBound('2020', true)).toBe('2020-12-31');
    expect(periodBound('2020-02', true)).toBe('2020-02-29');
    expect(periodBound('2021-2', true)).toBe('2021-02-28');
    expect(periodBound('2020-02-07', false)).toBe('2020-02-07');
    for (const bad of ['2020-13', '2020-02-30', 'May', '20-1-1', '']) expect(() => periodBound(bad, false), bad).toThrow(RangeError);
    expect(() => normalizePeriod({ from: '2021', to: '2020' })).toThrow(/after/);
  });
});

describe('attested in a period (shared with the viewer)', () => {
  it('days, ranges and attributes against open and closed periods', () => {
    expect(inPeriod('2020-05-12', { from: '2020-05-01' })).toBe(true);
    expect(inPeriod('2020-02-03', { from: '2020-02-04', to: '2020-02-10' })).toBe(false);
    expect(inPeriod('2020-02-10', { from: '2020-02-04', to: '2020-02-10' })).toBe(true);
    expect(overlaps(['2020-02-01', '2020-02-29'], { from: '2020-02-29' })).toBe(true);
    expect(overlaps(['2020-02-01', '2020-02-29'], { to: '2020-01-31' })).toBe(false);
    expect(attestedIn({ dates: ['2020-02-03', '2020-05-12'] }, { from: '2020-05-01' })).toBe(true);
    expect(attestedIn({ spells: [['2020-02-03', '2020-02-04']] }, { from: '2020-02-04', to: '2020-02-04' })).toBe(true);
    expect(attestedIn({ first_seen: '2020-02-03', last_seen: '2020-02-10' }, { from: '2020-02-11' })).toBe(false);
    expect(attestedIn({ dates: [] }, {})).toBe(false);
  });
});

describe('periodView and the queries by period', () => {
  const g = sample();

  it('keeps what is attested in the period, narrowed; undated elements are in no period', () => {
    const v = periodView(g, { from: '2020-02-04', to: '2020-12' });
    expect(v.nodes().sort()).toEqual(['PERSON:张三', 'PLACE:甲村']);
    expect(v.edges()).toEqual(['r1']);
    const r1 = v.getEdgeAttributes('r1');
    expect(r1.dates).toEqual(['2020-02-04']);
    expect([r1.first_seen, r1.last_seen]).toEqual(['2020-02-04', '2020-02-04']);
    expect(r1.articles).toEqual(['a#2']);
    expect((r1.evidenceList as unknown[]).length).toBe(1);
    expect(r1.evidence).toBe('甲村第一书记张三带领群众春耕。');
    expect(v.getNodeAttribute('PLACE:甲村', 'dates')).toEqual(['2020-02-04']);
    expect(v.getNodeAttribute('PLACE:甲村', 'degree')).toBeUndefined();
    expect(periodView(g, {})).toBe(g);
    expect(periodView(g, { from: '2021' }).hasEdge('c2')).toBe(false);
  });

  it('a period view follows later changes to node attributes and the article table', () => {
    const h = sample();
    expect(periodView(h, { from: '2021' }).hasNode('PLACE:乙镇')).toBe(false);
    h.setNodeAttribute('PLACE:乙镇', 'dates', ['2020-02-03', '2021-06-01']);
    expect(periodView(h, { from: '2021' }).hasNode('PLACE:乙镇')).toBe(true);
    expect(periodView(h, { from: '2021' }).getNodeAttribute('PERSON:李四', 'articles')).toEqual(['b#1']);
    h.setAttribute('articles', []);
    expect(periodView(h, { from: '2021' }).getNodeAttribute('PERSON:李四', 'articles')).toEqual(['b#1']);
    h.setAttribute('articles', [{ id: 'b#1', date: '2020-01-01' }]);
    expect(periodView(h, { from: '2021' }).getNodeAttribute('PERSON:李四', 'articles')).toEqual([]);
  });

  it('holders, neighbors, path, stats, ego answer for the period', () => {
    expect(holdersOf(g, '第一书记').map((h) => h.holder.label)).toEqual(['张三', '李四']);
    expect(holdersOf(g, '第一书记', { from: '2021' }).map((h) => h.holder.label)).toEqual(['李四']);
    expect(holdersOf(g, '第一书记', { to: '2020' }).map((h) => [h.holder.label, h.articles])).toEqual([['张三', ['a#1', 'a#2']]]);
    expect(neighbors(g, '甲村').map((n) => n.label)).toEqual(['乙镇', '张三', '李四']);
    expect(neighbors(g, '甲村', { from: '2021-01-01', to: '2021-12-31' }).map((n) => n.label)).toEqual(['李四']);
    expect(shortestPath(g, '张三', '王五')!.nodes.map((n) => n.label)).toEqual(['张三', '甲村', '李四', '王五']);
    expect(shortestPath(g, '张三', '甲村', { from: '2020-02', to: '2020-02' })!.hops).toHaveLength(1);
    expect(() => shortestPath(g, '张三', '王五', { to: '2020' })).toThrow(); // 王五 is not in 2020
    const s = graphStats(g, { from: '2021' });
    expect([s.nodes, s.edges]).toEqual([3, 2]);
    expect(s.top.find((t) => t.label === '甲村')!.degree).toBe(1);
    const ego = egoNetwork(g, '甲村', 1, { to: '2020' });
    expect(ego.nodes().sort()).toEqual(['PERSON:张三', 'PLACE:乙镇', 'PLACE:甲村']);
  });

  it('timeline: the relations in date order with evidence and article; period and co_occurs options', () => {
    const t = timeline(g, '甲村');
    expect(t.map((e) => [e.date, e.relation, e.label, e.direction, e.other.label, e.article?.id])).toEqual([
      ['2020-02-03', 'located_in', '位于', 'out', '乙镇', 'a#1'],
      ['2020-02-03', 'role', '第一书记', 'in', '张三', 'a#1'],
      ['2020-02-04', 'role', '第一书记', 'in', '张三', 'a#2'],
      ['2021-05-01', 'role', '第一书记', 'in', '李四', 'b#1'],
    ]);
    expect(t[1]!.evidence).toBe('张三任甲村第一书记。');
    expect(t[1]!.article).toEqual({ id: 'a#1', title: '甲村换届', url: 'https://example.org/1' });
    expect(timeline(g, '甲村', { from: '2021' }).map((e) => e.other.label)).toEqual(['李四']);
    expect(timeline(g, '王五').length).toBe(0);
    expect(timeline(g, '王五', { coOccurs: true }).map((e) => [e.date, e.other.label])).toEqual([
      ['2021-05-01', '李四'],
      [null, '乙镇'],
    ]);
    const text = formatTimeline('甲村', t);
    expect(text.split('\n')[0]).toBe('2020-02-03  located_in:位于  甲村 → 乙镇 [PLACE]');
    expect(text).toContain('2020-02-03  role:第一书记  张三 [PERSON] → 甲村');
    expect(text).toContain('“张三任甲村第一书记。”  (甲村换届 https://example.org/1)');
    // docs/query.md's example (Questions by period) is this output.
    expect(text).toBe(
      [
        '2020-02-03  located_in:位于  甲村 → 乙镇 [PLACE]',
        '    “乙镇甲村。”  (甲村换届 https://example.org/1)',
        '2020-02-03  role:第一书记  张三 [PERSON] → 甲村',
        '    “张三任甲村第一书记。”  (甲村换届 https://example.org/1)',
        '2020-02-04  role:第一书记  张三 [PERSON] → 甲村',
        '    “甲村第一书记张三带领群众春耕。”  (甲村春耕)',
        '2021-05-01  role:第一书记  李四 [PERSON] → 甲村',
        '    “李四接任甲村第一书记。”  (甲村新书记 https://example.org/3)',
        '',
      ].join('\n'),
    );
  });

  it('a graph read back from GEXF gives the same dated timeline (one entry per date)', () => {
    const back = fromGexf(toGexf(g));
    back.setAttribute('articles', g.getAttribute('articles'));
    expect(timeline(back, '甲村').map((e) => [e.date, e.other.label])).toEqual(timeline(g, '甲村').map((e) => [e.date, e.other.label]));
    expect(holdersOf(back, '第一书记', { from: '2021' }).map((h) => h.holder.label)).toEqual(['李四']);
  });
});

describe('zhkg query by period (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhkg-period-'));
  const file = join(dir, 'graph.json');
  writeFileSync(file, toJSON(sample()));
  const G = ['--graph', file];

  it('timeline prints the reports in date order; --json gives entries', async () => {
    const r = await runCliHere(['query', 'timeline', '甲村', ...G]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('甲村 [PLACE] 4 reports, 4 dated');
    expect(lines.filter((l) => /^\d{4}-/.test(l)).map((l) => l.slice(0, 10))).toEqual(['2020-02-03', '2020-02-03', '2020-02-04', '2021-05-01']);
    const j = await runCliHere(['query', 'timeline', '甲村', ...G, '--json', '--from', '2021']);
    expect(j.code).toBe(0);
    const data = JSON.parse(j.stdout) as { period: { from: string }; entries: Array<{ other: { label: string } }> };
    expect(data.period).toEqual({ from: '2021-01-01' });
    expect(data.entries.map((e) => e.other.label)).toEqual(['李四']);
  });

  it('--from/--to on holders, neighbors, stats, path, ego', async () => {
    const h = await runCliHere(['query', 'holders', '第一书记', ...G, '--json', '--to', '2020-12']);
    expect((JSON.parse(h.stdout) as Array<{ holder: { label: string } }>).map((x) => x.holder.label)).toEqual(['张三']);
    const n = await runCliHere(['query', 'neighbors', '甲村', ...G, '--json', '--from', '2021']);
    expect((JSON.parse(n.stdout) as { neighbors: Array<{ label: string }> }).neighbors.map((x) => x.label)).toEqual(['李四']);
    const s = await runCliHere(['query', 'stats', ...G, '--json', '--from', '2021']);
    expect((JSON.parse(s.stdout) as { nodes: number }).nodes).toBe(3);
    const p = await runCliHere(['query', 'path', '张三', '乙镇', ...G, '--json', '--from', '2020-02-03', '--to', '2020-02-03']);
    expect(p.code).toBe(0);
    const e = await runCliHere(['query', 'ego', '甲村', ...G, '--to', '2020']);
    expect((JSON.parse(e.stdout) as { nodes: unknown[] }).nodes.length).toBe(3);
  });

  it('bad dates are usage errors (exit 2); an entity absent from the period is one clear line (exit 1)', async () => {
    const bad = await runCliHere(['query', 'timeline', '甲村', ...G, '--from', '2020-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from');
    const order = await runCliHere(['query', 'holders', '第一书记', ...G, '--from', '2021', '--to', '2020']);
    expect(order.code).toBe(2);
    const absent = await runCliHere(['query', 'neighbors', '张三', ...G, '--from', '2021']);
    expect(absent.code).toBe(1);
    expect(absent.stderr.trim().split('\n')).toHaveLength(1);
    expect(absent.stderr).toContain('张三 is not attested from 2021-01-01 on');
  });
});
