import { describe, expect, it } from 'vitest';
import { buildFromSources } from '../../src/pipeline.js';
import { toJSON } from '../../src/export/json.js';
import { DATES, datedArticles, datedDocs } from '../../scripts/dated-corpus.js';

type Ev = { article: string; date?: string };

describe('dates on articles, nodes, edges and evidence', async () => {
  const docs = datedDocs();
  const { graph, articles } = buildFromSources(docs, { layout: false });
  const expected = datedArticles().map((a) => a.date);

  it('every article is dated, from its file name or its page header', () => {
    expect(articles.map((a) => a.date)).toEqual(expected);
    expect(articles.map((a) => a.dateSource)).toEqual(articles.map((_a, i) => (i % 2 === 0 ? 'filename' : 'header')));
    const table = graph.getAttribute('articles') as Array<{ id: string; date?: string; date_source?: string }>;
    expect(table.map((a) => a.date)).toEqual(expected);
    for (const a of articles) {
      const node = graph.getNodeAttributes(`ARTICLE:${a.id}`);
      expect(node.date).toBe(a.date);
      expect(node.date_source).toBe(a.dateSource);
      expect([node.first_seen, node.last_seen]).toEqual([a.date, a.date]);
    }
  });

  const dateOf = new Map(articles.map((a) => [a.id, a.date!]));
  const span = (ids: string[]) => {
    const ds = [...new Set(ids.map((id) => dateOf.get(id)!))].sort();
    return { dates: ds, first_seen: ds[0], last_seen: ds.at(-1) };
  };

  /** dates/first_seen/last_seen from all the element's articles; its evidence dated, in date order. */
  const checkDated = (key: string, a: Record<string, unknown>, evidence: Ev[]) => {
    expect({ dates: a.dates, first_seen: a.first_seen, last_seen: a.last_seen }, key).toEqual(span(a.articles as string[]));
    for (const e of evidence) expect(e.date, key).toBe(dateOf.get(e.article));
    expect(evidence.map((e) => e.date)).toEqual(evidence.map((e) => e.date).sort());
    return (a.dates as string[]).length > 1;
  };

  it('nodes: first_seen/last_seen/dates from all their articles; evidence dated, in date order', () => {
    const multi = graph.filterNodes((n, a) => checkDated(n, a, a.evidence as Ev[]));
    expect(multi.length).toBeGreaterThan(0);
  });

  it('edges: the same from their articles; evidenceList dated, in date order', () => {
    const multi = graph.filterEdges((k, a) => checkDated(k, a, a.evidenceList as Ev[]));
    expect(multi.length).toBeGreaterThan(0);
  });

  it('graph.json keeps them all', () => {
    const data = JSON.parse(toJSON(graph)) as { attributes: { articles: Array<{ date: string }> }; nodes: Array<{ attributes: Record<string, unknown> }> };
    expect(data.attributes.articles.map((a) => a.date)).toEqual(expected);
    const dated = data.nodes.filter((n) => typeof n.attributes.first_seen === 'string');
    expect(dated.length).toBe(data.nodes.length);
    expect(new Set(data.nodes.flatMap((n) => n.attributes.dates as string[]))).toEqual(new Set(DATES));
  });

  it('an undated corpus has no date attributes at all', () => {
    const plain = buildFromSources(
      docs.map((d, i) => ({ ...d, path: `plain/p${i}.txt`, text: d.text.replace(/^\d{4}年\d+月\d+日 星期一\n\n/, '') })),
      { layout: false },
    );
    expect(plain.articles.every((a) => a.date === undefined)).toBe(true);
    plain.graph.forEachNode((_n, a) => expect([a.date, a.first_seen, a.dates]).toEqual([undefined, undefined, undefined]));
    plain.graph.forEachEdge((_e, a) => expect([a.first_seen, a.dates]).toEqual([undefined, undefined]));
  });
});
